// A region's contact centre at a glance, for its supervisor: each queue now (waiting calls, the
// longest wait, today's service level) and the operators by state with the time in that state.
import { z } from 'zod';
import { authorize, regionFilter } from '../platform/access/authorize.ts';
import type { ActorContext } from '../platform/access/principal.ts';
import type { Directory } from '../platform/auth/directory.ts';
import type { Db } from '../platform/db/database.ts';
import { badRequest } from '../platform/errors.ts';
import type { AgentsService } from './agents-service.ts';
import { qualityOfDay, type QualitySums } from './call-quality-queries.ts';
import type { CallsService } from './calls-service.ts';
import * as q from './calls-queries.ts';
import type { Queues } from './queues.ts';
import { agentSchema, callSchema } from './schema.ts';

export const overviewSchema = z
  .object({
    region: z.string(),
    at: z.string(),
    queues: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        title: z.string(),
        waiting: z.number().int(),
        longestWaitSeconds: z.number().int(),
        offeredToday: z.number().int(),
        answeredToday: z.number().int(),
        abandonedToday: z.number().int(),
        serviceLevelToday: z.number().nullable().describe('Answered within the norm / (answered + abandoned after the short-abandon threshold); null before the first call'),
      }),
    ),
    agents: z.array(agentSchema),
    recentCalls: z.array(callSchema),
  })
  .meta({ id: 'RegionOverview' });
export type Overview = z.infer<typeof overviewSchema>;

const mos = z.number().describe('Mean opinion score, 1–5');
const lossPct = z.number().describe('Packets lost / (lost + received) × 100, over all the calls');

export const callQualityReportSchema = z
  .object({
    region: z.string().nullable().describe('The region asked for; null: all regions'),
    date: z.string().describe('The local date (YYYY-MM-DD) in each call’s operator’s region'),
    operators: z
      .array(
        z.object({
          username: z.string(),
          displayName: z.string(),
          region: z.string(),
          calls: z.number().int(),
          mosAvg: mos,
          mosMin: mos,
          poorCalls: z.number().int().describe('Calls with MOS below 3.6'),
          lossPct,
          jitterMsAvg: z.number(),
          rttMsAvg: z.number().nullable().describe('null when no call had a round-trip time'),
        }),
      )
      .describe('Worst average MOS first'),
    regions: z.array(z.object({ region: z.string(), calls: z.number().int(), mosAvg: mos, poorCalls: z.number().int(), lossPct })).describe('Worst average MOS first'),
  })
  .meta({ id: 'CallQualityReport' });
export type CallQualityReport = z.infer<typeof callQualityReportSchema>;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const loss = (s: QualitySums) => (s.lost + s.received > 0 ? round((s.lost / (s.lost + s.received)) * 100, 2) : 0);

export interface RegionNorms {
  timezone: string;
  serviceLevelSeconds: number;
  shortAbandonSeconds: number;
}

export class SupervisorService {
  constructor(
    private readonly db: Db,
    private readonly queues: Queues,
    private readonly agents: AgentsService,
    private readonly calls: CallsService,
    private readonly normsOf: (region: string) => Promise<RegionNorms>,
    private readonly directory: Directory,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * The line quality of a day's calls taken on the browser phone, per operator and per region.
   * date: the region's today by default (the reserve centre's and all regions': Moscow's); each
   * call counts on its local date in its operator's region.
   */
  async callQuality(ctx: ActorContext, region?: string, date?: string): Promise<CallQualityReport> {
    authorize(ctx, 'calls.read_all');
    const r = regionFilter(ctx, region);
    const day = date ?? new Intl.DateTimeFormat('en-CA', { timeZone: (await this.normsOf(!r || r === 'federal' ? '77' : r)).timezone }).format(this.clock());
    const sums = await qualityOfDay(this.db, day, r ? [r] : undefined);
    const people = await this.directory.byIds(sums.operators.map((o) => o.operatorId));
    const worstFirst =
      <T extends { mosAvg: number }>(key: (x: T) => string) =>
      (a: T, b: T) =>
        a.mosAvg - b.mosAvg || key(a).localeCompare(key(b));
    return {
      region: r ?? null,
      date: day,
      operators: sums.operators
        .map((o) => ({
          username: people.get(o.operatorId)?.username ?? String(o.operatorId),
          displayName: people.get(o.operatorId)?.displayName ?? '',
          region: o.region,
          calls: o.calls,
          mosAvg: round(o.mosAvg, 2),
          mosMin: round(o.mosMin, 2),
          poorCalls: o.poorCalls,
          lossPct: loss(o),
          jitterMsAvg: round(o.jitterMsAvg, 1),
          rttMsAvg: o.rttMsAvg === null ? null : round(o.rttMsAvg, 1),
        }))
        .sort(worstFirst((o) => o.username)),
      regions: sums.regions.map((g) => ({ region: g.region, calls: g.calls, mosAvg: round(g.mosAvg, 2), poorCalls: g.poorCalls, lossPct: loss(g) })).sort(worstFirst((g) => g.region)),
    };
  }

  async overview(ctx: ActorContext, region?: string): Promise<Overview> {
    authorize(ctx, 'calls.read_all');
    const r = regionFilter(ctx, region);
    if (!r) throw badRequest('request.region_required', 'Say which region: ?region=77 (or "federal" for the reserve centre).');
    const norms = await this.normsOf(r === 'federal' ? '77' : r);
    const now = new Date();
    // Today in the region's own time zone.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: norms.timezone }).format(now);
    const stats = await this.db.query<{ queue_id: number; waiting: number; longest: number; offered: number; answered: number; answered_in: number; abandoned: number }>(
      `SELECT queue_id,
              count(*) FILTER (WHERE state = 'waiting')::int AS waiting,
              coalesce(max(extract(epoch FROM $2::timestamptz - coalesce(queued_at, offered_at))) FILTER (WHERE state = 'waiting'), 0)::int AS longest,
              count(*) FILTER (WHERE offered_at >= ($3::date::timestamp AT TIME ZONE $4))::int AS offered,
              count(*) FILTER (WHERE answered_at IS NOT NULL AND offered_at >= ($3::date::timestamp AT TIME ZONE $4))::int AS answered,
              count(*) FILTER (WHERE answered_at IS NOT NULL AND offered_at >= ($3::date::timestamp AT TIME ZONE $4)
                                 AND answered_at - coalesce(queued_at, offered_at) <= make_interval(secs => $5))::int AS answered_in,
              count(*) FILTER (WHERE state = 'abandoned' AND offered_at >= ($3::date::timestamp AT TIME ZONE $4)
                                 AND ended_at - coalesce(queued_at, offered_at) > make_interval(secs => $6))::int AS abandoned
         FROM cc_calls
        WHERE queue_region = $1 AND (state IN ('waiting', 'ringing', 'callback_pending') OR offered_at >= ($3::date::timestamp AT TIME ZONE $4))
        GROUP BY queue_id`,
      [r, now, day, norms.timezone, norms.serviceLevelSeconds, norms.shortAbandonSeconds],
    );
    const byQueue = new Map(stats.rows.map((s) => [s.queue_id, s]));
    const recent = await q.selectCalls(this.db, { regions: [r], limit: 20 });
    return {
      region: r,
      at: now.toISOString(),
      queues: this.queues.ofRegion(r).map((queue) => {
        const s = byQueue.get(queue.id);
        const handled = (s?.answered ?? 0) + (s?.abandoned ?? 0);
        return {
          id: queue.id,
          name: queue.name,
          title: queue.title,
          waiting: s?.waiting ?? 0,
          longestWaitSeconds: s?.longest ?? 0,
          offeredToday: s?.offered ?? 0,
          answeredToday: s?.answered ?? 0,
          abandonedToday: s?.abandoned ?? 0,
          serviceLevelToday: handled ? Math.round(((s?.answered_in ?? 0) / handled) * 1000) / 1000 : null,
        };
      }),
      agents: await this.agents.list(ctx, r),
      recentCalls: await this.calls.present(recent),
    };
  }
}
