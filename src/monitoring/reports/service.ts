// Reports from the daily rollups: calls by day or month with the peak marked, by region, by
// topic, compliance with the norms, and the year's summary; beside the calls, citizens' appeals (the
// appeals module's counts). Regional users see their region only.
import { authorize, regionFilter } from '../../platform/access/authorize.ts';
import type { ActorContext } from '../../platform/access/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { badRequest } from '../../platform/errors.ts';
import type { Norms } from '../../regions/index.ts';
import type { AppealSources, RegionAppealCounts } from '../appeal-sources.ts';
import type { CallCentres } from '../live-figures.ts';
import { localDate } from '../local-time.ts';
import { bucketIndex, meanSeconds } from '../metrics.ts';
import { ABANDON_BUCKETS, addScalars, WAIT_BUCKETS, zeroScalars } from '../rollups/counters.ts';
import * as q from './queries.ts';

export interface Span {
  from?: string;
  to?: string;
  region?: string;
}

const DAY = 86_400_000;
const FEDERAL_ZONE = 'Europe/Moscow';
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function figuresOf(s: q.PeriodSums) {
  const counted = s.answered + s.abandoned - s.shortAbandoned;
  return {
    offered: s.offered,
    answered: s.answered,
    abandoned: s.abandoned,
    serviceLevel: ratio(s.answeredInTime, counted),
    asa: meanSeconds(s.waitSeconds, s.answered),
    aht: meanSeconds(s.talkSeconds + s.wrapSeconds, s.answered),
    abandonRate: ratio(s.abandoned - s.shortAbandoned, counted),
    overflowShare: ratio(s.overflowOut, s.offered),
    maxWaitSeconds: s.maxWaitSeconds,
  };
}
export type Figures = ReturnType<typeof figuresOf>;

export const meets = (f: Figures, n: Norms) => (f.serviceLevel === null ? null : f.serviceLevel >= n.serviceLevelTarget && (f.abandonRate ?? 0) <= n.maxAbandonRate && (f.asa ?? 0) <= n.maxAsaSeconds);

/** What other modules count for the year's summary (the composition root connects them). */
export interface YearSources {
  /** New answers the knowledge base published in a span. */
  answersPublished: (from: Date, to: Date) => Promise<number>;
  /** Views of answers on the public portal in a span of Moscow dates (inclusive); absent without a portal. */
  portalViews?: (from: string, to: string) => Promise<number>;
}

export class ReportsService {
  constructor(
    private readonly db: Db,
    private readonly centres: CallCentres,
    private readonly clock: () => Date,
    private readonly year$: YearSources,
    /** Citizens' appeals: counts by type, region, organisation, day and channel; open and overdue. */
    private readonly appeals$: AppealSources,
    /** Brings the rollups up to what is committed. */
    private readonly fresh: () => Promise<void> = async () => {},
  ) {}

  /** The span asked for (local dates, inclusive), checked; by default the last 30 days. */
  private span(ctx: ActorContext, s: Span, maxDays: number) {
    authorize(ctx, 'monitoring.read');
    const region = regionFilter(ctx, s.region);
    const today = localDate(this.clock(), FEDERAL_ZONE);
    const to = s.to ?? today;
    const from = s.from ?? new Date(Date.parse(to) - 29 * DAY).toISOString().slice(0, 10);
    const days = (Date.parse(to) - Date.parse(from)) / DAY + 1;
    if (days < 1) throw badRequest('request.invalid_span', `from (${from}) must not be after to (${to}).`);
    if (days > maxDays) throw badRequest('request.span_too_long', `${days} days from ${from} to ${to}: at most ${maxDays} for this report; choose a coarser "by" or a shorter span.`);
    return { from, to, regions: region ? [region] : undefined };
  }

  private async thresholds() {
    const [centres] = await Promise.all([this.centres.callCentres(), this.fresh()]);
    const t: q.Thresholds[] = [...centres].map(([region, c]) => ({
      region,
      within: (bucketIndex(WAIT_BUCKETS, c.norms.serviceLevelSeconds) ?? -1) + 1,
      short: (bucketIndex(ABANDON_BUCKETS, c.norms.shortAbandonSeconds) ?? -1) + 1,
    }));
    return { centres, t };
  }

  async calls(ctx: ActorContext, s: Span & { by: 'day' | 'month' }) {
    const span = this.span(ctx, s, s.by === 'day' ? 400 : 3700);
    const { t } = await this.thresholds();
    const rows = await q.sumsByPeriod(this.db, { ...span, period: s.by, byRegion: false, thresholds: t });
    const items = rows.map((r) => ({ period: r.period, ...figuresOf(r) }));
    const peak = items.reduce<(typeof items)[number] | null>((best, x) => (!best || x.offered > best.offered ? x : best), null);
    const total = rows.reduce((a, r) => sumInto(a, r), emptySums());
    return {
      from: span.from,
      to: span.to,
      by: s.by,
      region: span.regions?.[0] ?? null,
      items: items.map((x) => ({ ...x, peak: peak !== null && x.period === peak.period && x.offered > 0 })),
      totals: figuresOf(total),
    };
  }

  async regions(ctx: ActorContext, s: Span) {
    const span = this.span(ctx, s, 3700);
    return { from: span.from, to: span.to, items: await this.byRegion(span, await this.thresholds()) };
  }

  /** Each region's figures over a checked span, judged against its norms. */
  private async byRegion(span: { from: string; to: string; regions?: string[] }, { centres, t }: Awaited<ReturnType<ReportsService['thresholds']>>) {
    const rows = await q.sumsByPeriod(this.db, { ...span, period: 'year', byRegion: true, thresholds: t });
    const byRegion = new Map<string, q.PeriodSums>();
    for (const r of rows) byRegion.set(r.region!, sumInto(byRegion.get(r.region!) ?? emptySums(), r));
    return (span.regions ?? [...centres.keys()]).map((code) => {
      const c = centres.get(code)!;
      const f = figuresOf(byRegion.get(code) ?? emptySums());
      return { region: code, name: c.name, ...f, target: c.norms.serviceLevelTarget, meetsNorms: meets(f, c.norms) };
    });
  }

  async topics(ctx: ActorContext, s: Span & { limit: number }) {
    const span = this.span(ctx, s, 3700);
    await this.fresh();
    return { from: span.from, to: span.to, items: await q.topicsBetween(this.db, { ...span, limit: s.limit }) };
  }

  async compliance(ctx: ActorContext, s: Span & { by: 'day' | 'week' | 'month' }) {
    const span = this.span(ctx, s, s.by === 'day' ? 92 : s.by === 'week' ? 400 : 3700);
    const { centres, t } = await this.thresholds();
    const rows = await q.sumsByPeriod(this.db, { ...span, period: s.by, byRegion: true, thresholds: t });
    const periods = [...new Set(rows.map((r) => r.period))].sort();
    const cells = new Map(rows.map((r) => [`${r.region}|${r.period}`, r]));
    const codes = span.regions ?? [...centres.keys()];
    const items = codes.map((code) => {
      const c = centres.get(code)!;
      const judged = periods.map((period) => {
        const r = cells.get(`${code}|${period}`);
        const f = r ? figuresOf(r) : null;
        return { period, serviceLevel: f?.serviceLevel ?? null, meets: f ? meets(f, c.norms) : null };
      });
      return { region: code, name: c.name, periods: judged, met: judged.filter((p) => p.meets === true).length, judged: judged.filter((p) => p.meets !== null).length };
    });
    return { from: span.from, to: span.to, by: s.by, periods, items };
  }

  /**
   * Appeals filed on the span's local dates by type and region (each region with its answers on time
   * and its open and overdue appeals now), by organisation, day and channel.
   */
  async appeals(ctx: ActorContext, s: Span) {
    const span = this.span(ctx, s, 3700);
    const at = this.clock();
    const [centres, a] = await Promise.all([this.centres.callCentres(), this.appeals$.span(span)]);
    const got = new Map(a.byRegion.map((r) => [r.region, r]));
    const none = (region: string): RegionAppealCounts => ({ region, filed: 0, types: {}, answered: 0, answeredOnTime: 0, answeredOnTimeShare: null, open: 0, overdue: 0, overdueShare: null });
    return {
      from: span.from,
      to: span.to,
      region: span.regions?.[0] ?? null,
      at: at.toISOString(),
      totals: a.totals,
      types: a.byType,
      regions: (span.regions ?? [...centres.keys()]).map((code) => ({ ...(got.get(code) ?? none(code)), name: centres.get(code)?.name ?? code })),
      organisations: a.byOrganisation,
      days: a.byDay,
      channels: a.byChannel,
    };
  }

  async year(ctx: ActorContext, year: number, region?: string) {
    const span = this.span(ctx, { from: `${year}-01-01`, to: `${year}-12-31`, ...(region ? { region } : {}) }, 366);
    const thresholds = await this.thresholds();
    // months from the monthly rollups, the peak day alone from the daily ones, all at once
    const [months, peakDay, launch, regions, answersPublished, portalViews, appeals] = await Promise.all([
      q.sumsByPeriod(this.db, { ...span, period: 'month', byRegion: false, thresholds: thresholds.t }),
      q.peakDay(this.db, span),
      q.sinceLaunch(this.db),
      this.byRegion(span, thresholds),
      this.year$.answersPublished(new Date(`${year}-01-01T00:00:00+03:00`), new Date(`${year + 1}-01-01T00:00:00+03:00`)),
      // the portal is national: its views belong to the federal summary, not to a region's
      !span.regions && this.year$.portalViews ? this.year$.portalViews(`${year}-01-01`, `${year}-12-31`) : null,
      // appeals filed on the year's local dates, each region's own
      this.appeals$.filed(span),
    ]);
    const total = months.reduce((a, r) => sumInto(a, r), emptySums());
    const peakMonth = months.reduce<q.PeriodSums | null>((b, m) => (!b || m.offered > b.offered ? m : b), null);
    return {
      year,
      region: span.regions?.[0] ?? null,
      calls: total.offered,
      ...figuresOf(total),
      sinceLaunch: launch.calls,
      firstDay: launch.first,
      peakMonth: peakMonth && peakMonth.offered > 0 ? { month: peakMonth.period, calls: peakMonth.offered } : null,
      peakDay,
      months: months.map((m) => ({ month: m.period, calls: m.offered, serviceLevel: figuresOf(m).serviceLevel })),
      regionsMeetingNorms: regions.filter((r) => r.meetsNorms === true).length,
      regionsWithCalls: regions.filter((r) => r.meetsNorms !== null).length,
      answersPublished,
      portalViews,
      appeals: { filed: appeals.filed, types: appeals.byType, channels: appeals.byChannel },
    };
  }
}

function emptySums(): q.PeriodSums {
  return { period: '', region: null, ...zeroScalars(), shortAbandoned: 0, answeredInTime: 0 };
}

function sumInto(a: q.PeriodSums, b: q.PeriodSums): q.PeriodSums {
  return {
    ...a,
    ...addScalars(a, b),
    shortAbandoned: a.shortAbandoned + b.shortAbandoned,
    answeredInTime: a.answeredInTime + b.answeredInTime,
  };
}
