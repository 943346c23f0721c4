// Staffing figures for the people who plan staff (supervisors, coordinators). Pure arithmetic on
// the numbers asked about: no region's data is read, so only the role is checked.
import { authorize, regionFilter } from '../platform/access/authorize.ts';
import type { ActorContext } from '../platform/access/principal.ts';
import { badRequest } from '../platform/errors.ts';
import { erlangA } from './erlang-a.ts';
import { erlangC, offeredLoad } from './erlang-c.ts';
import { requiredAgents } from './required.ts';
import { planWeek, type CallHistory } from './plan.ts';
import type { ErlangAQuery, ErlangCQuery, PlanQuery, RequiredQuery } from './schema.ts';

/** What the plan needs from the module that keeps the history (monitoring), and the regions' norms. */
export interface PlanningSource {
  history: CallHistory;
  /** Mean handle time (talk + wrap-up per answered call) over a span, or null without answered calls. */
  handleTime(region: string, from: Date, to: Date): Promise<number | null>;
  /** The week to plan in the region's own time: the given Monday, or the next one. Throws for an unknown region. */
  week(region: string, monday?: string): Promise<{ monday: string; from: Date; to: Date }>;
  norms(region: string): Promise<{ serviceLevelTarget: number; serviceLevelSeconds: number }>;
}

const DEFAULT_AHT_SECONDS = 180;
const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** Beyond this the answers would take long to compute and mean nothing for one call centre. */
export const MAX_ERLANGS = 100_000;
/** λ × patience, the length of Erlang A's series when overloaded. */
export const MAX_PATIENT_CALLERS = 1_000_000;

function checkLoad(q: { calls: number; intervalSeconds: number; ahtSeconds: number }) {
  const a = offeredLoad(q);
  if (a > MAX_ERLANGS) {
    throw badRequest('staffing.load_too_large', `The offered load calls × ahtSeconds / intervalSeconds is ${Math.round(a)} Erlangs; at most ${MAX_ERLANGS} is supported.`, {
      errors: [{ path: 'query.calls', message: `load must be at most ${MAX_ERLANGS} Erlangs` }],
    });
  }
}

export const overloadNote =
  'agents ≤ offered load: calls arrive faster than the agents can answer them, so the queue grows without end; pWait is 1, sl 0, occupancy 1 and asa has no finite value (null).';

export class StaffingService {
  constructor(private readonly source?: PlanningSource) {}

  /** Next week's forecast and agents per 15-minute interval for a region, from its own history. */
  async plan(actor: ActorContext, q: PlanQuery) {
    authorize(actor, 'staffing.read');
    const region = regionFilter(actor, q.region);
    if (!region) throw badRequest('request.region_required', 'Name the region to plan: ?region=<code>.', { errors: [{ path: 'query.region', message: 'is required for federal staff' }] });
    if (!this.source) throw new Error('staffing: no planning source');
    const next = await this.source.week(region);
    const week = q.week ? await this.source.week(region, q.week) : next;
    // History ends at the last whole week: the week in progress (this Monday on) counts only when
    // it is over, so next week is forecast two weeks ahead of it rather than from a part week's zeros.
    const thisMonday = new Date(next.from.getTime() - 7 * 86_400_000);
    const historyEnd = week.from < thisMonday ? week.from : thisMonday;
    const historyFrom = new Date(historyEnd.getTime() - q.weeks * 7 * 86_400_000);
    const [norms, measured] = await Promise.all([this.source.norms(region), q.ahtSeconds === undefined ? this.source.handleTime(region, historyFrom, week.from) : null]);
    const ahtSeconds = q.ahtSeconds ?? measured ?? DEFAULT_AHT_SECONDS;
    const target = {
      // (a norm of 0 or 1 is allowed in a region's settings; the formulas need a share strictly between)
      targetSl: q.targetSl ?? Math.min(Math.max(norms.serviceLevelTarget, 0.001), 0.999),
      targetSeconds: q.targetSeconds ?? norms.serviceLevelSeconds,
      ahtSeconds,
      maxOccupancy: q.maxOccupancy,
      shrinkage: q.shrinkage,
    };
    let historyCalls = 0;
    // (which of the history weeks had calls: a forecast from fewer than asked says so, staffing.tsx)
    const weeksWithCalls = new Set<number>();
    const counted: CallHistory = async (r, from, to) => {
      const rows = await this.source!.history(r, from, to);
      for (const x of rows) {
        historyCalls += x.offered;
        if (x.offered > 0 && x.intervalStart >= historyFrom && x.intervalStart < historyEnd) weeksWithCalls.add(Math.floor((x.intervalStart.getTime() - historyFrom.getTime()) / (7 * 86_400_000)));
      }
      return rows;
    };
    const p = await planWeek(counted, region, week.from, q.weeks, target, historyEnd);
    const hours = (n: number) => Math.round(n * 0.25 * 10) / 10;
    const view = (i: (typeof p.intervals)[number]) => ({ ...i, start: i.start.toISOString(), calls: Math.round(i.calls * 100) / 100 });
    const peak = p.intervals.reduce<(typeof p.intervals)[number] | null>((best, i) => (!best || i.agents > best.agents ? i : best), null);
    return {
      region,
      week: { monday: week.monday, from: week.from.toISOString(), to: week.to.toISOString() },
      history: { weeks: q.weeks, calls: historyCalls, weeksWithCalls: weeksWithCalls.size, from: historyFrom.toISOString(), to: historyEnd.toISOString() },
      forecast: { method: p.best, mase: { 'seasonal-naive': finite(p.mase['seasonal-naive']), 'holt-winters': finite(p.mase['holt-winters']) } },
      target: { ...target, ahtFrom: q.ahtSeconds !== undefined ? ('query' as const) : measured !== null ? ('history' as const) : ('default' as const) },
      totals: {
        calls: Math.round(p.intervals.reduce((s, i) => s + i.calls, 0)),
        agentHours: hours(p.intervals.reduce((s, i) => s + i.agents, 0)),
        scheduledHours: hours(p.intervals.reduce((s, i) => s + i.scheduled, 0)),
      },
      peak: peak && peak.agents > 0 ? view(peak) : null,
      intervals: p.intervals.map(view),
    };
  }
  erlangC(actor: ActorContext, q: ErlangCQuery) {
    authorize(actor, 'staffing.read');
    checkLoad(q);
    const r = erlangC(q);
    return {
      pWait: r.pWait,
      sl: r.sl,
      asa: Number.isFinite(r.asa) ? r.asa : null,
      occupancy: r.occupancy,
      erlangs: r.erlangs,
      overloaded: r.overloaded,
      ...(r.overloaded ? { note: overloadNote } : {}),
    };
  }

  required(actor: ActorContext, q: RequiredQuery) {
    authorize(actor, 'staffing.read');
    checkLoad(q);
    return requiredAgents(q);
  }

  erlangA(actor: ActorContext, q: ErlangAQuery) {
    authorize(actor, 'staffing.read');
    checkLoad(q);
    if ((q.calls / q.intervalSeconds) * q.patienceSeconds > MAX_PATIENT_CALLERS) {
      throw badRequest('staffing.load_too_large', `calls / intervalSeconds × patienceSeconds must be at most ${MAX_PATIENT_CALLERS}.`, {
        errors: [{ path: 'query.patienceSeconds', message: 'too long for this many calls' }],
      });
    }
    return erlangA(q);
  }
}
