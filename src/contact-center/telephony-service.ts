// The telephony events API's service: what a PBX adapter, the SIP edge or the simulator reports is
// checked, resolved (operators by username, queues by name, the caller's number to a keyed hash and
// a masked form) and recorded. Each event gets its own verdict; one bad event never sinks the batch.
import { authorize } from '../platform/access/authorize.ts';
import { FEDERAL, type ActorContext } from '../platform/access/principal.ts';
import type { Directory } from '../platform/auth/directory.ts';
import type { Db } from '../platform/db/database.ts';
import type { CallEvent } from './call-fold.ts';
import type { CallEventsRecorder } from './call-events.ts';
import { callerIdentity } from './caller-number.ts';
import { callsByIds } from './calls-queries.ts';
import type { Queues } from './queues.ts';
import { badText } from '../platform/text/unsafe-text.ts';
import { telephonyEventSchema, type EventResult, type TelephonyEvent } from './schema.ts';

/** How far ahead of our clock an event's time may be (clocks drift). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export class TelephonyService {
  constructor(
    private readonly db: Db,
    private readonly recorder: CallEventsRecorder,
    private readonly queues: Queues,
    private readonly directory: Directory,
    private readonly secretKey: Buffer,
  ) {}

  /**
   * Records a batch as sent: each item is checked on its own, so one malformed event (a field
   * too long, a NUL byte, a type nobody knows) is refused with the reason and the rest recorded.
   */
  async ingest(ctx: ActorContext, items: readonly unknown[], now = new Date()): Promise<EventResult[]> {
    const p = authorize(ctx, 'telephony.events');
    const scope = p && p.region !== FEDERAL ? p.region : undefined;
    // Verdicts of events refused before recording, by position in the batch.
    const verdicts = new Map<number, EventResult>();
    const batch: TelephonyEvent[] = [];
    const positions: number[] = [];
    items.forEach((item, i) => {
      const checked = checkEvent(item);
      if ('reason' in checked) verdicts.set(i, { id: idOf(item), status: 'rejected', reason: checked.reason });
      else {
        batch.push(checked.event);
        positions.push(i);
      }
    });
    const operators = await this.directory.byUsernames(batch.flatMap((e) => ('operator' in e ? [e.operator] : 'to' in e && 'operator' in e.to ? [e.to.operator] : [])));
    const needRegion = batch.filter((e) => e.type === 'transferred' && 'queue' in e.to && !e.to.region).map((e) => e.callId);
    const callRegion = new Map((needRegion.length ? await callsByIds(this.db, needRegion) : []).map((c) => [c.call_id, c.region_code]));
    const events: CallEvent[] = [];
    let index = -1;
    const reject = (e: TelephonyEvent, reason: string) => verdicts.set(positions[index]!, { id: e.id, status: 'rejected', reason });
    // An operator the edge may name, or why not: a regional edge rings and connects its region's
    // operators only (a seat elsewhere is not its to move).
    const operator = (name: string) => {
      const op = operators.get(name);
      if (!op || op.disabled) return `unknown operator "${name}"`;
      if (scope !== undefined && op.region !== scope) return `operator "${name}" works in region ${op.region}; your account works in region ${scope}`;
      return op;
    };
    // Its PBX routes the calls it reports: every event says so, so a call is the PBX's from whichever arrives first.
    const pbx = p?.routing === 'pbx';

    for (const e of batch) {
      index++;
      const at = new Date(e.at);
      if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
        reject(e, `"at" (${e.at}) is in the future; check the sender's clock`);
        continue;
      }
      const data: Record<string, unknown> = {};
      switch (e.type) {
        case 'offered': {
          if (!this.queues.ofRegion(e.region).length) {
            reject(e, `unknown region ${e.region}`);
            continue;
          }
          if (scope && e.region !== scope) {
            reject(e, `your account works in region ${scope}; this call is for region ${e.region}`);
            continue;
          }
          const who = callerIdentity(e.caller, this.secretKey);
          Object.assign(data, { region: e.region, callerHash: who.hash, callerMasked: who.masked, dialled: e.dialled ?? null, topic: e.topic ?? null });
          break;
        }
        case 'ivr_choice':
          data.topic = e.topic;
          break;
        case 'queued':
          if (e.queue && e.region) {
            const q = this.queues.resolve(e.region, e.queue);
            if (!q) {
              reject(e, `region ${e.region} has no queue "${e.queue}"`);
              continue;
            }
            Object.assign(data, { queueId: q.id, queueRegion: q.region });
          }
          data.queueName = e.queue ?? null;
          break;
        case 'ringing':
        case 'answered': {
          const op = operator(e.operator);
          if (typeof op === 'string') {
            reject(e, op);
            continue;
          }
          data.operatorId = op.id;
          break;
        }
        case 'transferred':
          if ('operator' in e.to) {
            const op = operator(e.to.operator);
            if (typeof op === 'string') {
              reject(e, op);
              continue;
            }
            data.operatorId = op.id;
          } else {
            const region = e.to.region ?? callRegion.get(e.callId);
            const q = region ? this.queues.resolve(region, e.to.queue) : undefined;
            if (!q) {
              reject(e, `no queue "${e.to.queue}" in region ${region ?? '(unknown: send "to.region")'}`);
              continue;
            }
            Object.assign(data, { queueId: q.id, queueRegion: q.region });
          }
          break;
        case 'abandoned':
        case 'ended':
          if (e.reason) data.reason = e.reason;
          break;
        case 'callback_requested':
          break;
      }
      if (pbx) data.routedBy = 'pbx';
      events.push({ id: e.id, callId: e.callId, type: e.type, at, data, source: 'api' });
    }
    const { results } = await this.recorder.record(events, { ...(scope ? { region: scope } : {}), now });
    const recorded = results.values();
    // Verdicts in the order of the batch; events refused before recording keep their reason.
    return items.map((_, i) => verdicts.get(i) ?? recorded.next().value!);
  }
}

/** The sender's id of an item, as far as it has one (a verdict names the event it is for). */
function idOf(item: unknown): string {
  const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 200) : '';
}

/** One item of a batch as an event, or why it is not one (the field and what is wrong with it). */
function checkEvent(item: unknown): { event: TelephonyEvent } | { reason: string } {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return { reason: 'the item is not an object (an event is {"id", "callId", "type", "at", …})' };
  const unsafe = badText(item, 'event');
  if (unsafe.length) return { reason: unsafe.map((u) => `${u.path}: ${u.message}`).join('; ') };
  const parsed = telephonyEventSchema.safeParse(item);
  if (parsed.success) return { event: parsed.data };
  return { reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ') };
}
