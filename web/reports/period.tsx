// The period report: calls by day or month with the peak marked, totals beside the period before,
// the service level over the span against the norm, regions against the norms (sortable, found by
// name), topics, and citizens' appeals beside them; each table also as CSV.
import { AppealsReport } from './appeals.tsx';
import { BarChart } from './chart.tsx';
import { countChange, previousSpan, shareChange } from './compare.ts';
import { Figure } from './figure.tsx';
import { RegionTable } from './region-table.tsx';
import { SlChart } from './sl-chart.tsx';
import { count, percent, period, seconds } from './format.ts';
import { t } from './strings.ts';
import { useGet } from './use-get.ts';
import { apiUrl } from '../shared/api.ts';
import type { Answer } from '../shared/api-types.ts';

type CallsReport = Answer<'/api/v1/reports/calls'>;

export interface Query {
  from: string;
  to: string;
  by: 'day' | 'month';
  region: string;
}

/** Every day (or month) of the span, so that days without calls show as empty bars, not as no days. */
export function periodsOf(from: string, to: string, by: 'day' | 'month'): string[] {
  const out: string[] = [];
  if (by === 'day') {
    for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`) && out.length < 1000; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  } else {
    let [y, m] = from.split('-').map(Number) as [number, number];
    const last = to.slice(0, 7);
    for (let k = 0; k < 400; k++) {
      const p = `${y}-${String(m).padStart(2, '0')}`;
      out.push(p);
      if (p >= last) break;
      m = m === 12 ? 1 : m + 1;
      if (m === 1) y++;
    }
  }
  return out;
}

/** The span and region asked for, as a report's query (no region: all of them). */
const span = (q: Query) => ({ from: q.from, to: q.to, ...(q.region ? { region: q.region } : {}) });

export function PeriodReport({ query }: { query: Query }) {
  const c = useGet('/api/v1/reports/calls', { query: { ...span(query), by: query.by } });
  const before = previousSpan(query.from, query.to);
  const prev = useGet('/api/v1/reports/calls', { query: { ...span({ ...query, ...before }), by: query.by } });
  const r = useGet('/api/v1/reports/regions', { query: span(query) });
  const tp = useGet('/api/v1/reports/topics', { query: { ...span(query), limit: 15 } });
  const error = c.error ?? r.error ?? tp.error;
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!c.data || !r.data || !tp.data) return <p class="quiet">{t.loading}</p>;
  const [calls, regions, topics] = [c.data, r.data, tp.data];
  const peak = calls.items.find((x) => x.peak);
  const tot = calls.totals;
  // (the period before may come a moment later: the figures show without it meanwhile)
  const was = prev.data?.totals;
  const target = usualTarget(regions.items, query.region);
  return (
    <div class="report">
      <section class="totals" aria-label={t.calls}>
        <Figure label={t.calls} value={count(tot.offered)} before={was && countChange(tot.offered, was.offered)} />
        <Figure label={t.answered} value={count(tot.answered)} before={was && countChange(tot.answered, was.answered)} />
        <Figure label={t.sl} value={percent(tot.serviceLevel)} before={was && shareChange(tot.serviceLevel, was.serviceLevel)} />
        <Figure label={t.asa} value={seconds(tot.asa)} before={was && was.asa !== null ? `было ${seconds(was.asa)}` : null} />
        <Figure label={t.abandonRate} value={percent(tot.abandonRate)} before={was && shareChange(tot.abandonRate, was.abandonRate)} />
        <Figure label={t.aht} value={seconds(tot.aht)} before={was && was.aht !== null ? `было ${seconds(was.aht)}` : null} />
      </section>
      {was && <p class="quiet compared">{t.comparedWith(period(before.from), period(before.to))}</p>}
      <section>
        <h2>
          {t.chartTitle}{' '}
          <a class="csv" href={apiUrl('/api/v1/reports/calls', { query: { ...span(query), by: query.by, format: 'csv' } })}>
            {t.csv}
          </a>
        </h2>
        {peak ? <p class="peak">{t.peak(period(peak.period), count(peak.offered), peak.offered)}</p> : <p class="quiet">{t.noCalls}</p>}
        <BarChart title={t.chartTitle} bars={bars(calls, query)} />
      </section>
      <section>
        <h2>{query.by === 'day' ? t.slTitle : t.slTitleMonths}</h2>
        <SlChart title={t.sl} targetLabel={target ? t.target(percent(target.value)) : ''} target={target?.value ?? null} points={slPoints(calls, query)} />
        {target?.mixed && <p class="quiet">{t.targetMixed}</p>}
      </section>
      <div class="columns">
        <section>
          <h2>
            {t.regionsTitle}{' '}
            <a class="csv" href={apiUrl('/api/v1/reports/regions', { query: { ...span(query), format: 'csv' } })}>
              {t.csv}
            </a>
          </h2>
          <RegionTable rows={regions.items} />
        </section>
        <section>
          <h2>
            {t.topicsTitle}{' '}
            <a class="csv" href={apiUrl('/api/v1/reports/topics', { query: { ...span(query), format: 'csv' } })}>
              {t.csv}
            </a>
          </h2>
          {topics.items.length ? (
            <ol class="topics">
              {topics.items.map((x) => (
                <li key={x.topic}>
                  {x.topic} <b>{count(x.calls)}</b>
                </li>
              ))}
            </ol>
          ) : (
            <p class="quiet">{t.noCalls}</p>
          )}
        </section>
      </div>
      <AppealsReport span={span(query)} />
    </div>
  );
}

function slPoints(calls: CallsReport, query: Query) {
  const got = new Map(calls.items.map((x) => [x.period, x]));
  return periodsOf(calls.from, calls.to, query.by).map((p) => ({ label: period(p, true), value: got.get(p)?.serviceLevel ?? null }));
}

/** The norm to draw: the region's, or the one most regions have (and whether they differ). */
function usualTarget(items: { region: string; target: number }[], region: string): { value: number; mixed: boolean } | null {
  const mine = region ? items.filter((x) => x.region === region) : items;
  if (!mine.length) return null;
  const counts = new Map<number, number>();
  for (const x of mine) counts.set(x.target, (counts.get(x.target) ?? 0) + 1);
  const [value] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return { value, mixed: counts.size > 1 };
}

function bars(calls: CallsReport, query: Query) {
  const got = new Map(calls.items.map((x) => [x.period, x]));
  return periodsOf(calls.from, calls.to, query.by).map((p) => ({ label: period(p, true), value: got.get(p)?.offered ?? 0, peak: got.get(p)?.peak ?? false }));
}
