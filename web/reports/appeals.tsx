// Citizens' appeals over the period, beside the calls: how many were filed (by type and region),
// answered on time, open and overdue now. Counts only, as the appeals module gives them; the
// regions and types as CSV.
import { apiUrl } from '../shared/api.ts';
import { count, percent } from './format.ts';
import { Figure } from './figure.tsx';
import { t } from './strings.ts';
import { useGet } from './use-get.ts';

const a = t.appeals;

export function AppealsReport({ span }: { span: { from: string; to: string; region?: string } }) {
  const { data, error } = useGet('/api/v1/reports/appeals', { query: span });
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p class="quiet">{t.loading}</p>;
  const tot = data.totals;
  // regions with anything to show, the most filed first, then the most overdue
  const regions = data.regions.filter((r) => r.filed || r.open || r.answered).sort((x, y) => y.filed - x.filed || y.overdue - x.overdue || x.region.localeCompare(y.region));
  const at = new Date(data.at).toLocaleString('ru-RU', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
  return (
    <section class="appeals" aria-labelledby="appeals-title">
      <h2 id="appeals-title">
        {a.title}{' '}
        <a class="csv" href={apiUrl('/api/v1/reports/appeals', { query: { ...span, format: 'csv' } })}>
          {t.csv}
        </a>
      </h2>
      <div class="totals">
        <Figure label={a.filed} value={count(tot.filed)} />
        <Figure label={a.onTime} value={percent(tot.answeredOnTimeShare)} />
        <Figure label={a.open} value={count(tot.open)} />
        <Figure label={a.overdue} value={`${count(tot.overdue)} · ${percent(tot.overdueShare)}`} />
      </div>
      <p class="quiet">{a.now(at)}</p>
      <div class="columns">
        <div>
          <h3>{a.byRegion}</h3>
          {regions.length ? (
            <table class="appeal-regions">
              <thead>
                <tr>
                  <th scope="col">{t.region}</th>
                  <th scope="col" class="num">
                    {a.filed}
                  </th>
                  <th scope="col" class="num">
                    {a.onTime}
                  </th>
                  <th scope="col" class="num">
                    {a.open}
                  </th>
                  <th scope="col" class="num">
                    {a.overdue}
                  </th>
                  <th scope="col" class="num">
                    {a.overdueShare}
                  </th>
                </tr>
              </thead>
              <tbody>
                {regions.map((r) => (
                  <tr key={r.region} data-region={r.region}>
                    <td>
                      <span class="code">{r.region}</span> {r.name}
                    </td>
                    <td class="num">{count(r.filed)}</td>
                    <td class="num">{percent(r.answeredOnTimeShare)}</td>
                    <td class="num">{count(r.open)}</td>
                    <td class={r.overdue ? 'num bad' : 'num'}>{count(r.overdue)}</td>
                    <td class="num">{percent(r.overdueShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="quiet">{a.noneInRegions}</p>
          )}
        </div>
        <div>
          <h3>{a.byType}</h3>
          {data.types.length ? (
            <ol class="appeal-types">
              {data.types.map((x) => (
                <li key={x.type}>
                  {x.name} <b>{count(x.filed)}</b>
                </li>
              ))}
            </ol>
          ) : (
            <p class="quiet">{a.none}</p>
          )}
        </div>
      </div>
    </section>
  );
}
