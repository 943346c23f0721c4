// Reading calls: one call with its history, lists scoped by role (operators see the calls they
// took; supervisors their region's, offered there or overflowed into it; federal staff all), and
// a caller's previous calls (personal data: every read is in the audit log).
import { authorize, regionFilter } from '../platform/access/authorize.ts';
import { FEDERAL, type ActorContext } from '../platform/access/principal.ts';
import { roleMay } from '../platform/access/permissions.ts';
import type { AuditService } from '../platform/audit/service.ts';
import type { Directory } from '../platform/auth/directory.ts';
import type { Db } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import type { CallState } from './call-fold.ts';
import { compareEvents } from './call-fold.ts';
import * as q from './calls-queries.ts';
import type { Queues } from './queues.ts';
import type { CallView } from './schema.ts';

const callNotFound = (id: string) => notFound('call.not_found', `There is no call ${id}.`);

/**
 * An event's data as staff may see it: without the caller's keyed hash. The hash links one number's
 * calls across regions and years; that link is given only through caller-history, which is audited.
 */
function shown(data: Record<string, unknown>): Record<string, unknown> {
  if (!('callerHash' in data)) return data;
  const { callerHash: _hidden, ...rest } = data;
  return rest;
}

export class CallsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly queues: Queues,
    private readonly directory: Directory,
  ) {}

  async present(rows: q.CallRow[]): Promise<CallView[]> {
    const people = await this.directory.byIds(rows.flatMap((r) => (r.operator_id ? [r.operator_id] : [])));
    return rows.map((r) => {
      const queue = r.queue_id ? this.queues.get(r.queue_id) : undefined;
      const start = r.queued_at ?? r.offered_at;
      const end = r.answered_at ?? r.ended_at;
      return {
        callId: r.call_id,
        state: r.state,
        region: r.region_code,
        queue: queue ? { id: queue.id, name: queue.name, region: queue.region } : null,
        operator: r.operator_id ? { id: r.operator_id, username: people.get(r.operator_id)?.username ?? null } : null,
        callerMasked: r.caller_masked,
        topic: r.topic,
        offeredAt: r.offered_at?.toISOString() ?? null,
        queuedAt: r.queued_at?.toISOString() ?? null,
        ringingAt: r.ringing_at?.toISOString() ?? null,
        answeredAt: r.answered_at?.toISOString() ?? null,
        endedAt: r.ended_at?.toISOString() ?? null,
        wrappedAt: r.wrapped_at?.toISOString() ?? null,
        waitSeconds: start && end ? Math.max(0, Math.round((end.getTime() - start.getTime()) / 1000)) : null,
        overflowed: r.overflowed,
        callback: r.callback,
        outcome: r.outcome,
        topics: r.topics,
        answersUsed: r.answers_used,
        measures: r.measures,
        closeReason: r.close_reason,
      };
    });
  }

  /** May the actor see this call? Its operator, its regions' staff, federal staff. */
  private check(ctx: ActorContext, call: q.CallRow) {
    const p = authorize(ctx, 'calls.read');
    if (!p || p.region === FEDERAL) {
      if (p && !roleMay(p.role, 'calls.read_all') && call.operator_id !== p.userId) throw callNotFound(call.call_id);
      return;
    }
    const inRegion = call.region_code === p.region || call.queue_region === p.region;
    const allowed = roleMay(p.role, 'calls.read_all') ? inRegion : call.operator_id === p.userId;
    if (!allowed) throw callNotFound(call.call_id);
  }

  async get(ctx: ActorContext, callId: string) {
    const { row, events } = await q.callWithEvents(this.db, callId);
    if (!row) {
      authorize(ctx, 'calls.read');
      throw callNotFound(callId);
    }
    this.check(ctx, row);
    events.sort(compareEvents);
    const [view] = await this.present([row]);
    return { ...view!, events: events.map((e) => ({ id: e.id, type: e.type, at: e.at.toISOString(), source: e.source, data: shown(e.data) })) };
  }

  async list(ctx: ActorContext, f: { region?: string; from?: Date; to?: Date; state?: CallState; limit: number }): Promise<CallView[]> {
    const p = authorize(ctx, 'calls.read');
    const all = !p || roleMay(p.role, 'calls.read_all');
    const region = all ? regionFilter(ctx, f.region) : undefined;
    const rows = await q.selectCalls(this.db, {
      ...(region ? { regions: [region] } : {}),
      ...(f.from ? { from: f.from } : {}),
      ...(f.to ? { to: f.to } : {}),
      ...(f.state ? { state: f.state } : {}),
      ...(!all && p ? { operatorId: p.userId } : {}),
      limit: f.limit,
    });
    return this.present(rows);
  }

  /** The caller's calls of the last 30 days before this one, with their topics (for the operator taking it). */
  async callerHistory(ctx: ActorContext, callId: string) {
    const row = await q.callById(this.db, callId);
    if (!row) {
      authorize(ctx, 'calls.read');
      throw callNotFound(callId);
    }
    this.check(ctx, row);
    if (!row.caller_hash || !row.offered_at) return [];
    const previous = await q.previousCalls(this.db, row.caller_hash, row.offered_at, 30, 20);
    await this.audit.record(ctx, { action: 'call.caller_history_read', targetType: 'call', targetId: callId, region: row.region_code, details: { found: previous.length } });
    return previous.map((c) => ({ callId: c.call_id, offeredAt: c.offered_at?.toISOString() ?? null, region: c.region_code, state: c.state, topic: c.topic, topics: c.topics, outcome: c.outcome }));
  }
}
