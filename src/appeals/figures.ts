// The coordination figures of appeals, for the coordination centre's reports and wallboard: counts
// by type, region, organisation, channel and the region's local day, answers on time, open and
// overdue appeals per region. Counts and names only, never an appeal's content. No access check
// here: monitoring, which shows them, checks the reader's role and region (the composition root
// hands it these functions).
import type { Db } from '../platform/db/database.ts';
import type { AppealsCatalog } from './catalog.ts';
import * as q from './figures-queries.ts';

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** A region's appeals: filed in the span (by type), answered in it (on time), open and overdue now. */
export interface RegionAppeals {
  region: string;
  filed: number;
  /** Filed, by type code (types without appeals left out). */
  types: Record<string, number>;
  answered: number;
  answeredOnTime: number;
  /** answeredOnTime / answered; null without answers. */
  answeredOnTimeShare: number | null;
  open: number;
  overdue: number;
  /** overdue / open; null without open appeals. */
  overdueShare: number | null;
}

export type AppealTotals = Omit<RegionAppeals, 'region' | 'types'>;

type Span = { from: string; to: string; regions?: string[] | undefined };

export interface AppealSpanFigures {
  totals: AppealTotals;
  byType: { type: string; name: string; filed: number }[];
  /** Regions with any appeal filed, answered or open. */
  byRegion: RegionAppeals[];
  byOrganisation: { organisation: string; name: string; region: string | null; filed: number }[];
  /** Each region's own local day, summed over regions. */
  byDay: { day: string; filed: number }[];
  byChannel: { channel: string; filed: number }[];
}

export class AppealFigures {
  constructor(
    private readonly db: Db,
    private readonly catalog: AppealsCatalog,
    /** The regions and their time zones (a day is the region's local day). */
    private readonly zones: () => Promise<{ code: string; timezone: string }[]>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private async filter(f: Span): Promise<q.SpanFilter> {
    return { ...f, zones: await this.zones() };
  }

  /**
   * Appeals registered on the local dates [from, to] (inclusive; each region's own days), those
   * answered on them, and those open now; in the regions given, or all.
   */
  async span(f: Span): Promise<AppealSpanFigures> {
    const now = this.clock();
    const filter = await this.filter(f);
    const [filed, days, answered, open, names] = await Promise.all([
      q.filedIn(this.db, filter),
      q.filedByDay(this.db, filter),
      q.answeredIn(this.db, filter),
      q.openNow(this.db, now, f.regions),
      this.names(),
    ]);
    const regions = new Map<string, RegionAppeals>();
    const region = (code: string) => {
      let r = regions.get(code);
      if (!r) regions.set(code, (r = { region: code, filed: 0, types: {}, answered: 0, answeredOnTime: 0, answeredOnTimeShare: null, open: 0, overdue: 0, overdueShare: null }));
      return r;
    };
    const byOrganisation = new Map<number, number>();
    for (const x of filed) {
      const r = region(x.region);
      r.filed += x.count;
      r.types[x.type] = (r.types[x.type] ?? 0) + x.count;
      byOrganisation.set(x.organisationId, (byOrganisation.get(x.organisationId) ?? 0) + x.count);
    }
    for (const a of answered) Object.assign(region(a.region), { answered: a.answered, answeredOnTime: a.onTime });
    for (const o of open) Object.assign(region(o.region), { open: o.open, overdue: o.overdue });
    const byRegion = [...regions.values()].sort((a, b) => a.region.localeCompare(b.region));
    for (const r of byRegion) withShares(r);
    const sum = (key: 'filed' | 'answered' | 'answeredOnTime' | 'open' | 'overdue') => byRegion.reduce((n, r) => n + r[key], 0);
    return {
      totals: withShares({
        filed: sum('filed'),
        answered: sum('answered'),
        answeredOnTime: sum('answeredOnTime'),
        answeredOnTimeShare: null,
        open: sum('open'),
        overdue: sum('overdue'),
        overdueShare: null,
      }),
      ...this.typesAndChannels(filed, names),
      byRegion,
      byOrganisation: [...byOrganisation]
        .map(([id, n]) => {
          const o = names.organisations.get(id);
          return { organisation: o?.code ?? String(id), name: o?.name ?? '', region: o?.region ?? null, filed: n };
        })
        .sort((a, b) => b.filed - a.filed || a.organisation.localeCompare(b.organisation)),
      byDay: days.map((d) => ({ day: d.day, filed: d.count })),
    };
  }

  /** Only what was filed on the local dates [from, to], by type and channel (the year's summary): one query. */
  async filed(f: Span): Promise<{ filed: number; byType: AppealSpanFigures['byType']; byChannel: AppealSpanFigures['byChannel'] }> {
    const [filed, names] = await Promise.all([q.filedIn(this.db, await this.filter(f)), this.names()]);
    return { filed: filed.reduce((n, x) => n + x.count, 0), ...this.typesAndChannels(filed, names) };
  }

  /** Appeals open now and overdue among them, per region with any (in the regions given, or all). */
  async open(regions?: string[]): Promise<{ region: string; open: number; overdue: number; overdueShare: number | null }[]> {
    const rows = await q.openNow(this.db, this.clock(), regions);
    return rows.map((r) => ({ ...r, overdueShare: share(r.overdue, r.open) })).sort((a, b) => a.region.localeCompare(b.region));
  }

  private async names() {
    const [types, organisations] = await Promise.all([this.catalog.types(true), this.catalog.organisations()]);
    return { types: new Map(types.map((t) => [t.code, t.name])), organisations: new Map(organisations.map((o) => [o.id, o])) };
  }

  /** Filings by type (named) and by channel, most first. */
  private typesAndChannels(filed: Awaited<ReturnType<typeof q.filedIn>>, names: Awaited<ReturnType<AppealFigures['names']>>) {
    const byType = new Map<string, number>();
    const byChannel = new Map<string, number>();
    for (const x of filed) {
      byType.set(x.type, (byType.get(x.type) ?? 0) + x.count);
      byChannel.set(x.channel, (byChannel.get(x.channel) ?? 0) + x.count);
    }
    return {
      byType: [...byType].map(([type, n]) => ({ type, name: names.types.get(type) ?? type, filed: n })).sort((a, b) => b.filed - a.filed || a.name.localeCompare(b.name, 'ru')),
      byChannel: [...byChannel].map(([channel, n]) => ({ channel, filed: n })).sort((a, b) => b.filed - a.filed || a.channel.localeCompare(b.channel)),
    };
  }
}

function withShares<T extends AppealTotals>(r: T): T {
  r.answeredOnTimeShare = share(r.answeredOnTime, r.answered);
  r.overdueShare = share(r.overdue, r.open);
  return r;
}
