// Operators at work: their state (ready, break, offline …), skills, and what they do with the call
// in front of them (answer, hang up, wrap up). Supervisors change their region's operators.
import { randomUUID } from 'node:crypto';
import { authorize, regionFilter, requirePrincipal } from '../platform/access/authorize.ts';
import { FEDERAL, type ActorContext, type Principal } from '../platform/access/principal.ts';
import type { AuditService } from '../platform/audit/service.ts';
import type { Directory } from '../platform/auth/directory.ts';
import type { Db, Queryable } from '../platform/db/database.ts';
import { badRequest, conflict, notFound } from '../platform/errors.ts';
import * as a from './agents-queries.ts';
import type { CallEvent } from './call-fold.ts';
import type { AgentMove } from './change-facts.ts';
import { agentSummary, NODE, type CallEventsRecorder, type Decision } from './call-events.ts';
import { callById } from './calls-queries.ts';
import { insertCallQuality } from './call-quality-queries.ts';
import { ccTopics } from './events.ts';
import type { Queues } from './queues.ts';
import type { AgentView, WrapUp } from './schema.ts';

const agentNotFound = (id: number) => notFound('agent.not_found', `There is no operator ${id}.`);

/** Where a call may be passed on: its region, then the federal reserve. */
const transferRegions = (callRegion: string | null) => [...new Set([callRegion, FEDERAL].filter((r): r is string => r !== null))];

export type TransferTo = { queue: string; region: string } | { operator: string };

/** An operator's state as the refusal of a transfer says it. */
const STATE_WORDS: Record<a.AgentStateName, string> = {
  offline: 'offline',
  ready: 'taking another call',
  ringing: 'being rung for another call',
  talking: 'on another call',
  wrap_up: 'wrapping up a call',
  break: 'on a break',
};

export class AgentsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly recorder: CallEventsRecorder,
    private readonly directory: Directory,
    /** A region's time zone (the reserve centre's: Moscow's), for the local date a call's line quality is filed under. */
    private readonly timezoneOf: (region: string) => Promise<string>,
    private readonly clock: () => Date = () => new Date(),
    /** Whether the navigator's catalogue has a measure (the composition root's; none without it). */
    private readonly measureExists: (id: string) => boolean = () => false,
  ) {}

  private async view(rows: a.AgentRow[]): Promise<AgentView[]> {
    const people = await this.directory.byIds(rows.map((r) => r.user_id));
    return rows.map((r) => ({
      userId: r.user_id,
      username: people.get(r.user_id)?.username ?? String(r.user_id),
      displayName: people.get(r.user_id)?.displayName ?? '',
      region: r.region_code,
      skills: r.skills,
      state: r.state,
      reason: r.reason,
      since: r.state_since.toISOString(),
      callId: r.call_id,
      breakAfter: r.break_after,
    }));
  }

  /** The signed-in operator's seat (created on first use, in their region). */
  async me(ctx: ActorContext): Promise<AgentView> {
    const p = authorize(ctx, 'agent.work')!;
    return (await this.view([await a.ensureAgent(this.db, p.userId, p.region)]))[0]!;
  }

  async list(ctx: ActorContext, region?: string): Promise<AgentView[]> {
    authorize(ctx, 'calls.read_all');
    const r = regionFilter(ctx, region);
    return this.view(await a.agentsOfRegions(this.db, r ? [r] : undefined));
  }

  async setOwnState(ctx: ActorContext, state: 'ready' | 'break' | 'offline', reason?: string): Promise<AgentView> {
    const p = authorize(ctx, 'agent.work')!;
    await a.ensureAgent(this.db, p.userId, p.region);
    return this.change(ctx, p.userId, state, reason);
  }

  /** A supervisor changes an operator of their region. */
  async setState(ctx: ActorContext, userId: number, state: 'ready' | 'break' | 'offline', reason?: string): Promise<AgentView> {
    const agent = await a.agentById(this.db, userId);
    if (!agent) {
      authorize(ctx, 'agents.manage');
      throw agentNotFound(userId);
    }
    authorize(ctx, 'agents.manage', { region: agent.region_code, notFound: agentNotFound(userId) });
    // (the change and its audit entry in one transaction: no change goes unaudited)
    return this.change(ctx, userId, state, reason, (tx) =>
      this.audit.record(
        ctx,
        { action: 'agent.state_change', targetType: 'operator', targetId: userId, region: agent.region_code === FEDERAL ? null : agent.region_code, details: { state, reason: reason ?? null } },
        tx,
      ),
    );
  }

  async setSkills(ctx: ActorContext, userId: number, skills: string[]): Promise<AgentView> {
    const agent = await a.agentById(this.db, userId);
    if (!agent) {
      authorize(ctx, 'agents.manage');
      throw agentNotFound(userId);
    }
    authorize(ctx, 'agents.manage', { region: agent.region_code, notFound: agentNotFound(userId) });
    await this.db.transaction(async (tx) => {
      await a.setAgentSkills(tx, userId, skills);
      await this.audit.record(
        ctx,
        { action: 'agent.skills_change', targetType: 'operator', targetId: userId, region: agent.region_code === FEDERAL ? null : agent.region_code, details: { skills } },
        tx,
      );
      await ccTopics.publish(tx, 'cc.calls.changed', { calls: [], agents: [agentSummary({ ...agent, skills })], origin: NODE });
    });
    this.recorder.announce({ calls: [], agents: [agentSummary({ ...agent, skills })] });
    return (await this.view([(await a.agentById(this.db, userId))!]))[0]!;
  }

  private async change(ctx: ActorContext, userId: number, state: 'ready' | 'break' | 'offline', reason?: string, audit?: (tx: Queryable) => Promise<void>): Promise<AgentView> {
    let moved = false;
    const row = await this.db.transaction(async (tx) => {
      const agent = (await a.agentById(tx, userId, true))!;
      const { next, move } = await this.transition(tx, agent, state, reason);
      await audit?.(tx);
      moved = next !== agent;
      if (moved) await this.recorder.agentsMoved(tx, [next], move ? [move] : []);
      return next;
    });
    if (moved) this.recorder.announce({ calls: [], agents: [agentSummary(row)] });
    return (await this.view([row]))[0]!;
  }

  private async transition(tx: Queryable, agent: a.AgentRow, state: 'ready' | 'break' | 'offline', reason?: string): Promise<{ next: a.AgentRow; move?: AgentMove }> {
    const onCall = agent.state === 'ringing' || agent.state === 'talking' || agent.state === 'wrap_up';
    if (onCall) {
      if (agent.state === 'ringing') throw conflict('agent.call_ringing', 'A call is ringing for you: answer it first.');
      if (state === 'offline') throw conflict('agent.on_call', 'Finish the call (and its wrap-up) before going offline.');
      // Asked during a call: the break starts when the call is wrapped up ("ready" cancels it).
      return { next: await a.setAgentState(tx, agent, { state: agent.state, breakAfter: state === 'break' ? (reason ?? 'break') : null }, this.clock()) };
    }
    if (state === agent.state && (state !== 'break' || (reason ?? 'break') === agent.reason)) return { next: agent };
    const at = this.clock();
    const next = await a.setAgentState(
      tx,
      agent,
      {
        state,
        reason: state === 'break' ? (reason ?? 'break') : null,
        callId: null,
        ...(state === 'ready' ? { idleSince: at } : {}),
        breakAfter: null,
      },
      at,
    );
    return { next, move: { before: agent, after: next, at } };
  }

  // --- the call in front of the operator ------------------------------------------------------

  private async myCall(ctx: ActorContext, callId: string) {
    const p = authorize(ctx, 'agent.work')!;
    const call = await callById(this.db, callId);
    if (!call || call.operator_id !== p.userId) throw notFound('call.not_yours', `Call ${callId} is not with you.`);
    return { p, call };
  }

  /**
   * Records the operator's event with what the edge is told (each decision names the operator
   * acting, unless it names another); alongside: what else to write in the event's transaction, if
   * it is accepted.
   */
  private async act(
    ctx: ActorContext,
    callId: string,
    type: CallEvent['type'],
    data: Record<string, unknown>,
    told: (Decision['type'] | { type: Decision['type']; operator: { id: number; username: string } })[] = [],
    alongside?: (tx: Queryable, p: Principal, at: Date) => Promise<void>,
  ) {
    const { p, call } = await this.myCall(ctx, callId);
    const event: CallEvent = { id: `ws-${randomUUID()}`, callId, type, at: this.clock(), data, source: 'workstation' };
    const decisions: Decision[] = told.map((d) => ({
      id: randomUUID(),
      type: typeof d === 'string' ? d : d.type,
      callId,
      region: call.region_code,
      queueRegion: call.queue_region,
      operator: typeof d === 'string' ? { id: p.userId, username: p.username } : d.operator,
      at: event.at.toISOString(),
    }));
    const { results } = await this.recorder.record([event], {
      decisions,
      now: this.clock(),
      ...(alongside ? { alongside: (tx, verdicts) => (verdicts.get(event.id)?.status === 'accepted' ? alongside(tx, p, event.at) : Promise.resolve()) } : {}),
    });
    const r = results[0]!;
    if (r.status === 'rejected') throw conflict('call.invalid_transition', `Call ${callId}: ${r.reason}.`);
  }

  /** Picks up the ringing call; the edge is told to bridge the audio. */
  answer(ctx: ActorContext, callId: string) {
    return this.act(ctx, callId, 'answered', { operatorId: requirePrincipal(ctx).userId }, ['bridge']);
  }

  /** Ends the call from the operator's side; the edge is told to hang up. */
  hangup(ctx: ActorContext, callId: string) {
    return this.act(ctx, callId, 'ended', { reason: 'operator_hung_up' }, ['hangup']);
  }

  /**
   * Where the operator may pass their call: the queues of the call's region, then the federal
   * reserve's; and the colleagues at work there (ready ones first: only they can take it now).
   */
  async transferTargets(ctx: ActorContext, callId: string, queues: Queues) {
    const { p, call } = await this.myCall(ctx, callId);
    const regions = transferRegions(call.region_code);
    const seats = (await a.agentsOfRegions(this.db, regions)).filter((s) => s.state !== 'offline' && s.user_id !== p.userId);
    const people = await this.directory.byIds(seats.map((s) => s.user_id));
    const collator = new Intl.Collator('ru');
    const operators = seats
      .map((s) => ({ seat: s, person: people.get(s.user_id) }))
      .filter((x): x is { seat: a.AgentRow; person: NonNullable<typeof x.person> } => !!x.person && !x.person.disabled)
      .map(({ seat, person }) => ({ username: person.username, displayName: person.displayName, region: seat.region_code, state: seat.state }))
      .sort((x, y) => Number(x.state !== 'ready') - Number(y.state !== 'ready') || regions.indexOf(x.region) - regions.indexOf(y.region) || collator.compare(x.displayName, y.displayName));
    return { queues: regions.flatMap((r) => queues.ofRegion(r).map((q) => ({ region: q.region, name: q.name, title: q.title }))), operators };
  }

  /**
   * Passes the call in conversation on; the edge is told to take it from the operator's phone and
   * hold the caller, and the operator is free at once. To a queue: it waits there again (its first
   * queueing time kept: it is no newer a call for having been answered once). To a named colleague
   * who is ready: their phone rings at once; unanswered, the call goes back to its queue.
   */
  async transfer(ctx: ActorContext, callId: string, to: TransferTo, queues: Queues) {
    const { p, call } = await this.myCall(ctx, callId);
    if (call.state !== 'talking') throw conflict('call.not_in_conversation', `Call ${callId} is ${call.state}: only a call in conversation can be transferred.`);
    if ('operator' in to) return this.transferToOperator(ctx, p, call.region_code, callId, to.operator);
    const queue = queues.resolve(to.region, to.queue);
    if (!queue) throw notFound('queue.not_found', `There is no queue "${to.queue}" in region ${to.region}.`);
    await this.act(ctx, callId, 'transferred', { queueId: queue.id, queueRegion: queue.region, fromOperatorId: p.userId }, ['transfer']);
  }

  private async transferToOperator(ctx: ActorContext, p: Principal, callRegion: string | null, callId: string, username: string) {
    const regions = transferRegions(callRegion);
    const person = (await this.directory.byUsernames([username])).get(username);
    const seat = person && !person.disabled ? await a.agentById(this.db, person.id) : undefined;
    if (!person || !seat || !regions.includes(seat.region_code)) {
      throw notFound('operator.not_found', `There is no operator "${username}" at work in region ${regions.join(' or ')}.`);
    }
    if (seat.user_id === p.userId) throw conflict('operator.not_available', 'The call is with you already: transfer it to a colleague or a queue, not to yourself.');
    const unavailable = (s: a.AgentRow) =>
      conflict('operator.not_available', `Operator ${username} is ${STATE_WORDS[s.state]} and cannot take the call now: choose a colleague who is ready, or a queue.`);
    if (seat.state !== 'ready' || seat.call_id !== null) throw unavailable(seat);
    const to = { id: person.id, username: person.username };
    try {
      await this.act(ctx, callId, 'transferred', { operatorId: to.id, fromOperatorId: p.userId }, ['transfer', { type: 'connect', operator: to }]);
    } catch (err) {
      // Taken by another call (or gone) between the look above and the write: said as such.
      const now = await a.agentById(this.db, to.id);
      if (now && (now.state !== 'ready' || now.call_id !== null)) throw unavailable(now);
      throw err;
    }
  }

  /** Records what the call was about; the operator is free again (or on the break they asked for). */
  async wrapUp(ctx: ActorContext, callId: string, w: WrapUp) {
    const unknown = w.measures.flatMap((id, i) => (this.measureExists(id) ? [] : [{ path: `body.measures.${i}`, message: `there is no support measure "${id}" in the navigator's catalogue` }]));
    if (unknown.length) throw badRequest('call.unknown_measure', `Unknown support measures: ${unknown.map((u) => u.path).join(', ')}.`, { errors: unknown });
    // The line's quality goes to a table of its own, in the wrap-up's transaction: not into the
    // event, which every later batch of the call reads again.
    const quality = w.quality;
    const day = quality ? await this.localDay(requirePrincipal(ctx).region) : undefined;
    await this.act(
      ctx,
      callId,
      'wrapped_up',
      { outcome: w.outcome, topics: w.topics, answersUsed: w.answersUsed, measures: [...new Set(w.measures)], note: w.note ?? null },
      [],
      quality && day ? (tx, p, at) => insertCallQuality(tx, { callId, operatorId: p.userId, region: p.region, recordedAt: at, localDate: day(at), quality }) : undefined,
    );
  }

  /** The local date of an instant in a region. */
  private async localDay(region: string): Promise<(at: Date) => string> {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: await this.timezoneOf(region) });
    return (at) => format.format(at);
  }
}
