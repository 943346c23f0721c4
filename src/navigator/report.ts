// The navigator's report: how often each measure was found eligible, on which channel and in which
// regions; the questions people leave without answering; wizards started and finished. From the
// usage counts (usage.ts) and the measures recorded with calls (the contact centre's, through a
// function the composition root gives). Regional staff see their region only.
import { z } from 'zod';
import { authorize, regionFilter } from '../platform/access/authorize.ts';
import type { ActorContext } from '../platform/access/principal.ts';
import type { Db } from '../platform/db/database.ts';
import { badRequest } from '../platform/errors.ts';
import type { Navigator } from './engine.ts';
import { moscowDate, type NavigatorUsage } from './usage.ts';
import { usageSums } from './usage-queries.ts';

/** What the contact centre counts of calls' wrap-ups (its measuresOnCalls). */
export type MeasuresOnCalls = (s: { from: string; to: string; region?: string }) => Promise<{ region: string; measure: string; count: number }[]>;

const DAY = 86_400_000;
/** A report spans at most a year (a leap year's). */
export const MAX_DAYS = 366;
/** Regions listed per measure, most first. */
const TOP_REGIONS = 5;

/** Where a measure was found: the usage counts' channels, and calls' wrap-ups. */
type Found = 'portal' | 'workstation' | 'api' | 'call';
const byChannel = z.object({
  portal: z.number().int().describe('Result pages of the portal’s wizard'),
  workstation: z.number().int().describe('Steps of the operator’s panel (signed-in staff) that ended'),
  api: z.number().int().describe('Steps of other clients of the step API that ended'),
  call: z.number().int().describe('Calls whose wrap-up recorded the measure'),
  total: z.number().int(),
});

export const navigatorReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    region: z.string().nullable().describe('The region reported on; null: all'),
    totals: z.object({
      started: z.number().int().describe('Times the first question was shown'),
      finished: z.object({ portal: z.number().int(), workstation: z.number().int(), api: z.number().int(), total: z.number().int() }).describe('Results shown (next null)'),
    }),
    measures: z
      .array(
        z.object({
          id: z.string(),
          title: z.string(),
          eligible: byChannel.describe('Times found eligible, by channel'),
          regions: z
            .array(z.object({ region: z.string(), total: z.number().int() }))
            .describe(`The regions where it was found most (at most ${TOP_REGIONS}; visitors without a region not among them)`),
        }),
      )
      .describe('Every measure of the catalogue (and any counted since removed), most found first'),
    questions: z
      .array(
        z.object({
          var: z.string(),
          question: z.string(),
          shown: z.number().int(),
          answered: z.number().int(),
          stopped: z.number().int().describe('shown − answered, never below 0'),
          stopShare: z.number().nullable().describe('stopped / shown; null when never shown'),
        }),
      )
      .describe('Questions shown or answered in the span, the most left first'),
  })
  .meta({ id: 'NavigatorReport' });
export type NavigatorReport = z.infer<typeof navigatorReportSchema>;

export interface NavigatorReportsDeps {
  db: Db;
  /** The catalogue now (measures' titles, questions' texts, the first question). */
  navigator: () => Navigator;
  usage: NavigatorUsage;
  measuresOnCalls: MeasuresOnCalls;
  now?: () => Date;
}

const spanProblem = (path: 'from' | 'to', message: string) => badRequest('request.invalid_span', `query.${path}: ${message}`, { errors: [{ path: `query.${path}`, message }] });

export class NavigatorReports {
  constructor(private readonly d: NavigatorReportsDeps) {}

  async report(ctx: ActorContext, s: { from?: string; to?: string; region?: string }): Promise<NavigatorReport> {
    authorize(ctx, 'navigator.report');
    const region = regionFilter(ctx, s.region);
    const to = s.to ?? moscowDate((this.d.now ?? (() => new Date()))());
    const from = s.from ?? new Date(Date.parse(to) - 29 * DAY).toISOString().slice(0, 10);
    const days = (Date.parse(to) - Date.parse(from)) / DAY + 1;
    if (days < 1) throw spanProblem('from', `must not be after to (${to})`);
    if (days > MAX_DAYS) throw spanProblem('to', `${days} days from ${from}: at most ${MAX_DAYS}`);

    await this.d.usage.flush();
    const span = { from, to, ...(region ? { region } : {}) };
    const [sums, calls] = await Promise.all([usageSums(this.d.db, span), this.d.measuresOnCalls(span)]);
    const nav = this.d.navigator();

    const eligible = new Map<string, Record<Found, number>>();
    const regions = new Map<string, Map<string, number>>();
    const count = (measure: string, channel: Found, where: string, n: number) => {
      const e = eligible.get(measure) ?? eligible.set(measure, { portal: 0, workstation: 0, api: 0, call: 0 }).get(measure)!;
      e[channel] += n;
      if (!where) return;
      const r = regions.get(measure) ?? regions.set(measure, new Map()).get(measure)!;
      r.set(where, (r.get(where) ?? 0) + n);
    };
    const shown = new Map<string, number>();
    const answered = new Map<string, number>();
    const finished = { portal: 0, workstation: 0, api: 0 };
    for (const x of sums) {
      if (x.kind === 'eligible') count(x.key, x.channel, x.region, x.count);
      else if (x.kind === 'finished') finished[x.channel] += x.count;
      else {
        const m = x.kind === 'shown' ? shown : answered;
        m.set(x.key, (m.get(x.key) ?? 0) + x.count);
      }
    }
    for (const c of calls) count(c.measure, 'call', c.region, c.count);

    const titles = new Map(nav.catalog.measures.map((m) => [m.id, m.title]));
    const ids = [...new Set([...titles.keys(), ...eligible.keys()])];
    const measures = ids
      .map((id) => {
        const e = eligible.get(id) ?? { portal: 0, workstation: 0, api: 0, call: 0 };
        const top = [...(regions.get(id) ?? [])].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_REGIONS);
        return {
          id,
          title: titles.get(id) ?? id,
          eligible: { ...e, total: e.portal + e.workstation + e.api + e.call },
          regions: top.map(([code, total]) => ({ region: code, total })),
        };
      })
      .sort((a, b) => b.eligible.total - a.eligible.total || a.title.localeCompare(b.title, 'ru'));

    const vars = [...new Set([...shown.keys(), ...answered.keys()])];
    const questions = vars
      .map((v) => {
        const sh = shown.get(v) ?? 0;
        const an = answered.get(v) ?? 0;
        const stopped = Math.max(0, sh - an);
        return { var: v, question: nav.question(v)?.question ?? v, shown: sh, answered: an, stopped, stopShare: sh > 0 ? stopped / sh : null };
      })
      .sort((a, b) => b.stopped - a.stopped || b.shown - a.shown || a.var.localeCompare(b.var));

    const first = nav.step({}).next?.var;
    return {
      from,
      to,
      region: region ?? null,
      totals: { started: first ? (shown.get(first) ?? 0) : 0, finished: { ...finished, total: finished.portal + finished.workstation + finished.api } },
      measures,
      questions,
    };
  }
}
