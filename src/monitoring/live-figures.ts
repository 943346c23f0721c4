// Every region's figures now: the last 30 minutes (live service level, with calls still waiting
// past the threshold counted as misses) and its own local day so far. Shared by the wallboard and
// the alert evaluator, computed from the rollups (the day from the daily ones) and the calls waiting
// now — never by scanning calls.
import type { Db } from '../platform/db/database.ts';
import type { Norms } from '../regions/index.ts';
import { abandonRate, addTotals, answeredWithin, asa, emptyTotals, serviceLevel, shortAbandons, type Totals } from './metrics.ts';
import { INTERVAL_MS, intervalOf } from './rollups/contribution.ts';
import { totalsByRegion, totalsOnDates } from './rollups/queries.ts';
import { localDay } from './local-time.ts';

export interface CallCentres {
  callCentres(): Promise<Map<string, { name: string; timezone: string; population: number; norms: Norms }>>;
}

export type Waiting = () => Promise<{ region: string; since: Date[] }[]>;

export type RegionStatus = 'no_calls' | 'meets' | 'at_risk' | 'below';

export interface RegionFigures {
  code: string;
  name: string;
  timezone: string;
  localDate: string;
  target: number;
  serviceLevelSeconds: number;
  shortAbandonSeconds: number;
  waiting: number;
  longestWaitSeconds: number;
  serviceLevel30: number | null;
  handled30: number;
  offeredToday: number;
  answeredToday: number;
  abandonedToday: number;
  serviceLevelToday: number | null;
  asaToday: number | null;
  abandonRateToday: number | null;
  meetsNormsToday: boolean | null;
  status: RegionStatus;
  today: Totals;
}

/** The live window: the 15-minute intervals that began in the last 30 minutes, and the current one. */
export const windowStart = (now: Date) => new Date(Math.floor((now.getTime() - 30 * 60_000) / INTERVAL_MS) * INTERVAL_MS);

/** "At risk": within this much of the target (still meeting it, but close). */
const AT_RISK = 0.05;

export class LiveFigures {
  private centres: { at: number; value: Awaited<ReturnType<CallCentres['callCentres']>> } | undefined;

  constructor(
    private readonly db: Db,
    private readonly centresOf: CallCentres,
    private readonly waiting: Waiting,
    /** Brings the rollups up to what is committed. */
    private readonly fresh: () => Promise<void> = async () => {},
  ) {}

  /** Norms change rarely: read them at most every 30 s. */
  private async norms() {
    if (!this.centres || Date.now() - this.centres.at > 30_000) this.centres = { at: Date.now(), value: await this.centresOf.callCentres() };
    return this.centres.value;
  }

  /** The call centres with their zones and norms (read at most every 30 s). */
  callCentres() {
    return this.norms();
  }

  forgetNorms(): void {
    this.centres = undefined;
  }

  /** `caughtUp`: the caller has just brought the rollups up to date. */
  async regions(now: Date, o: { caughtUp?: boolean } = {}): Promise<RegionFigures[]> {
    const [centres] = await Promise.all([this.norms(), o.caughtUp ? null : this.fresh()]);
    const days = [...centres].map(([code, c]) => ({ code, ...localDay(now, c.timezone) }));
    // up to the end of the interval now runs in: nothing later has happened yet
    const [recent, today, waiting] = await Promise.all([
      totalsByRegion(this.db, windowStart(now), new Date(intervalOf(now.getTime()) + INTERVAL_MS)),
      totalsOnDates(
        this.db,
        days.map((d) => ({ region: d.code, date: d.date })),
      ),
      this.waiting(),
    ]);
    const waitingBy = new Map(waiting.map((w) => [w.region, w.since]));
    return days.map(({ code, date }) => {
      const c = centres.get(code)!;
      const n = c.norms;
      const o = { serviceLevelSeconds: n.serviceLevelSeconds, shortAbandonSeconds: n.shortAbandonSeconds };
      const since = waitingBy.get(code) ?? [];
      const overdue = since.filter((t) => now.getTime() - t.getTime() > n.serviceLevelSeconds * 1000).length;
      const r = recent.get(code) ?? emptyTotals();
      const handled30 = r.answered + r.abandoned - shortAbandons(r, n.shortAbandonSeconds) + overdue;
      const sl30 = handled30 > 0 ? answeredWithin(r, n.serviceLevelSeconds) / handled30 : null;
      const t = today.get(code) ?? emptyTotals();
      const slToday = serviceLevel(t, o);
      const asaToday = asa(t);
      const abandon = abandonRate(t, o);
      const meets = slToday === null ? null : slToday >= n.serviceLevelTarget && (abandon ?? 0) <= n.maxAbandonRate && (asaToday ?? 0) <= n.maxAsaSeconds;
      const status: RegionStatus = sl30 === null ? 'no_calls' : sl30 < n.serviceLevelTarget ? 'below' : sl30 < n.serviceLevelTarget + AT_RISK ? 'at_risk' : 'meets';
      return {
        code,
        name: c.name,
        timezone: c.timezone,
        localDate: date,
        target: n.serviceLevelTarget,
        serviceLevelSeconds: n.serviceLevelSeconds,
        shortAbandonSeconds: n.shortAbandonSeconds,
        waiting: since.length,
        longestWaitSeconds: since.length ? Math.max(0, Math.round((now.getTime() - since[0]!.getTime()) / 1000)) : 0,
        serviceLevel30: sl30,
        handled30,
        offeredToday: t.offered,
        answeredToday: t.answered,
        abandonedToday: t.abandoned,
        serviceLevelToday: slToday,
        asaToday,
        abandonRateToday: abandon,
        meetsNormsToday: meets,
        status,
        today: t,
      };
    });
  }
}

/** National figures: the sum of every region's own day. */
export function nationalToday(regions: RegionFigures[]) {
  const total = regions.reduce((s, r) => addTotals(s, r.today), emptyTotals());
  const answeredIn = regions.reduce((s, r) => s + answeredWithin(r.today, r.serviceLevelSeconds), 0);
  const handled = regions.reduce((s, r) => s + r.today.answered + r.today.abandoned - shortAbandons(r.today, r.shortAbandonSeconds), 0);
  const judged = regions.filter((r) => r.meetsNormsToday !== null);
  return {
    waiting: regions.reduce((s, r) => s + r.waiting, 0),
    offeredToday: total.offered,
    answeredToday: total.answered,
    abandonedToday: total.abandoned,
    // each region's calls measured against its own threshold
    serviceLevelToday: handled ? answeredIn / handled : null,
    regions: regions.length,
    regionsWithCalls: judged.length,
    regionsMeetingNorms: judged.filter((r) => r.meetsNormsToday).length,
  };
}
