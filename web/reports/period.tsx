// The period report: calls by day or month with the peak marked, totals, regions against the
// norms, topics, and citizens' appeals beside them; each table also as CSV.
import { AppealsReport } from './appeals.tsx';
import { BarChart } from './chart.tsx';
import { Figure } from './figure.tsx';
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
  return (
    <div class="report">
      <section class="totals" aria-label={t.calls}>
        <Figure label={t.calls} value={count(tot.offered)} />
        <Figure label={t.answered} value={count(tot.answered)} />
        <Figure label={t.sl} value={percent(tot.serviceLevel)} />
        <Figure label={t.asa} value={seconds(tot.asa)} />
        <Figure label={t.abandonRate} value={percent(tot.abandonRate)} />
        <Figure label={t.aht} value={seconds(tot.aht)} />
      </section>
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
      <div class="columns">
        <section>
          <h2>
            {t.regionsTitle}{' '}
            <a class="csv" href={apiUrl('/api/v1/reports/regions', { query: { ...span(query), format: 'csv' } })}>
              {t.csv}
            </a>
          </h2>
          <table class="regions">
            <thead>
              <tr>
                <th scope="col">{t.region}</th>
                <th scope="col" class="num">
                  {t.calls}
                </th>
                <th scope="col" class="num">
                  {t.sl}
                </th>
                <th scope="col">{t.complianceTitle}</th>
              </tr>
            </thead>
            <tbody>
              {[...regions.items]
                .sort((a, b) => b.offered - a.offered)
                .map((r) => (
                  <tr key={r.region}>
                    <td>
                      <span class="code">{r.region}</span> {r.name}
                    </td>
                    <td class="num">{count(r.offered)}</td>
                    <td class="num">{percent(r.serviceLevel)}</td>
                    <td class={r.meetsNorms === null ? 'quiet' : r.meetsNorms ? 'ok' : 'bad'}>{r.meetsNorms === null ? t.noData : r.meetsNorms ? `✓ ${t.meets}` : `✗ ${t.misses}`}</td>
                  </tr>
                ))}
            </tbody>
          </table>
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

function bars(calls: CallsReport, query: Query) {
  const got = new Map(calls.items.map((x) => [x.period, x]));
  return periodsOf(calls.from, calls.to, query.by).map((p) => ({ label: period(p, true), value: got.get(p)?.offered ?? 0, peak: got.get(p)?.peak ?? false }));
}
