// The ACD's memory of the database: the calls waiting, the operators at work and their names, and
// what it keeps per call while the call is in a queue (its ring's deadline, widened skills, the
// callback offered). Routing reads this, never the database; it follows every change it hears of,
// and is loaded whole at start and now and then. No I/O here.
import type { CallsChanged } from '../call-events.ts';
import type { RoutableCall, WorkingAgent } from './acd-queries.ts';

export type Clock = () => Date;

export interface MemCall {
  callId: string;
  region: string | null;
  queueRegion: string;
  queueId: number | null;
  state: 'waiting' | 'callback_pending';
  topic: string | null;
  queuedAt: Date;
  overflowed: boolean;
}

export interface MemAgent {
  userId: number;
  region: string;
  state: string;
  skills: string[];
  idleSince: Date | null;
}

const waits = (state: string): state is MemCall['state'] => state === 'waiting' || state === 'callback_pending';

export class AcdMirror {
  /** Calls waiting (or waiting for a callback), by id. */
  waiting = new Map<string, MemCall>();
  /** Operators at work (not offline), by id. */
  staff = new Map<number, MemAgent>();
  /** Operators' usernames (the edge's name for them): a decision needs no database read. */
  readonly names = new Map<number, string>();
  /** Rings in progress and when they time out. */
  readonly ringing = new Map<string, { operatorId: number; deadline: number }>();
  /** Calls whose skills an escalation step widened. */
  readonly widened = new Set<string>();
  /** Calls whose caller was offered a callback. */
  readonly callbackOffered = new Set<string>();
  /** Regions with something new to route. */
  readonly dirty = new Set<string>();

  constructor(private readonly clock: Clock) {}

  /** Follows a change; returns the operators new to it whose names it does not know. */
  apply(c: CallsChanged): number[] {
    for (const call of c.calls) {
      if (waits(call.state) && call.queueRegion && !call.routedByPbx) {
        const prev = this.waiting.get(call.callId);
        this.waiting.set(call.callId, {
          callId: call.callId,
          region: call.region,
          queueRegion: call.queueRegion,
          queueId: call.queueId,
          state: call.state,
          topic: call.topic ?? prev?.topic ?? null,
          queuedAt: call.queuedAt ? new Date(call.queuedAt) : (prev?.queuedAt ?? this.clock()),
          overflowed: call.overflowed ?? prev?.overflowed ?? false,
        });
      } else this.waiting.delete(call.callId);
      // A ring that ended (answered, abandoned, taken back) has no timeout left to watch.
      if (call.state !== 'ringing') this.ringing.delete(call.callId);
      // Left the queue (answered, abandoned, ended, the PBX's): nothing to keep for it.
      if ((!waits(call.state) && call.state !== 'ringing') || call.routedByPbx) this.forget(call.callId);
      if (call.queueRegion) this.dirty.add(call.queueRegion);
    }
    const newcomers: number[] = [];
    for (const a of c.agents) {
      if (a.state === 'offline') this.staff.delete(a.userId);
      else {
        const prev = this.staff.get(a.userId);
        if (!this.names.has(a.userId)) newcomers.push(a.userId);
        this.staff.set(a.userId, {
          userId: a.userId,
          region: a.region,
          state: a.state,
          skills: a.skills ?? prev?.skills ?? [],
          idleSince: a.idleSince !== undefined ? (a.idleSince ? new Date(a.idleSince) : null) : (prev?.idleSince ?? null),
        });
      }
      this.dirty.add(a.region);
    }
    return newcomers;
  }

  /** The calls and operators as the database has them; what was kept of calls no longer there goes. */
  load(calls: RoutableCall[], agents: WorkingAgent[]): void {
    this.waiting = new Map(
      calls
        .filter((c) => c.queue_region)
        .map((c) => [
          c.call_id,
          {
            callId: c.call_id,
            region: c.region_code,
            queueRegion: c.queue_region!,
            queueId: c.queue_id,
            state: c.state as MemCall['state'],
            topic: c.topic,
            queuedAt: c.queued_at ?? c.offered_at ?? this.clock(),
            overflowed: c.overflowed,
          },
        ]),
    );
    this.staff = new Map(agents.map((a) => [a.user_id, { userId: a.user_id, region: a.region_code, state: a.state, skills: a.skills, idleSince: a.idle_since }]));
    for (const set of [this.widened, this.callbackOffered]) for (const id of set) if (!this.waiting.has(id) && !this.ringing.has(id)) set.delete(id);
    for (const c of this.waiting.values()) this.dirty.add(c.queueRegion);
  }

  /** A call that left the queue: what was kept for it goes. */
  forget(callId: string): void {
    this.waiting.delete(callId);
    this.ringing.delete(callId);
    this.widened.delete(callId);
    this.callbackOffered.delete(callId);
  }

  /** Operators at work whose names are not known yet. */
  unnamed(ids: Iterable<number> = this.staff.keys()): number[] {
    return [...ids].filter((id) => !this.names.has(id));
  }

  /** An operator as the edge knows them: by username (the id stands in only if the name could not be read). */
  operatorRef(id: number): { id: number; username: string } {
    return { id, username: this.names.get(id) ?? String(id) };
  }

  /** Regions where someone is at work. */
  staffedRegions(): Set<string> {
    return new Set([...this.staff.values()].map((a) => a.region));
  }

  /** How many are at work in the region. */
  atWork(region: string): number {
    let n = 0;
    for (const a of this.staff.values()) if (a.region === region) n++;
    return n;
  }
}
