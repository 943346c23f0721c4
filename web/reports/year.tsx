// The year's summary, made to be printed: total calls, since launch, the peak month and day, the
// months, regions meeting the norms, answers published; beside the calls, citizens' appeals by type
// and channel.
import { ru } from '../shared/codes-ru.ts';
import { BarChart } from './chart.tsx';
import { count, percent, period } from './format.ts';
import { Figure } from './figure.tsx';
import { periodsOf } from './period.tsx';
import { t } from './strings.ts';
import { useGet } from './use-get.ts';

export function YearSummary({ year, region }: { year: number; region: string }) {
  const { data, error } = useGet('/api/v1/reports/year', { query: { year, ...(region ? { region } : {}) } });
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p class="quiet">{t.loading}</p>;
  return (
    <article class="year">
      <h2 class="year-title">
        {t.year} {data.year}: {t.yearCalls(count(data.calls), data.calls)}
      </h2>
      <section class="totals">
        <Figure label={t.calls} value={count(data.calls)} />
        <Figure label={t.sl} value={percent(data.serviceLevel)} />
      </section>
      <ul class="facts">
        <li>{t.sinceLaunch(count(data.sinceLaunch), data.sinceLaunch, data.firstDay ? period(data.firstDay) : null)}</li>
        {data.peakMonth && <li class="peak">{t.peakMonth(period(data.peakMonth.month), count(data.peakMonth.calls), data.peakMonth.calls)}</li>}
        {data.peakDay && <li>{t.peakDay(period(data.peakDay.day), count(data.peakDay.calls), data.peakDay.calls)}</li>}
        <li>{t.regionsMeeting(data.regionsMeetingNorms, data.regionsWithCalls)}</li>
        <li>{t.answersPublished(count(data.answersPublished))}</li>
        {data.portalViews !== null && <li>{t.portalViews(count(data.portalViews))}</li>}
      </ul>
      <h3>{t.monthsTitle}</h3>
      <BarChart
        title={t.monthsTitle}
        height={240}
        bars={periodsOf(`${data.year}-01-01`, `${data.year}-12-31`, 'month').map((m) => ({
          label: period(m, true),
          value: data.months.find((x) => x.month === m)?.calls ?? 0,
          peak: m === data.peakMonth?.month,
        }))}
      />
      <section class="year-appeals" aria-label={t.appeals.title}>
        <h3>{t.appeals.title}</h3>
        <p class="appeal-facts">
          {t.appeals.yearFiled(count(data.appeals.filed))}
          {data.appeals.channels.length > 0 && (
            <>
              <br />
              {t.appeals.yearChannels(data.appeals.channels.map((c) => `${ru(t.appeals.channels, c.channel)} — ${count(c.filed)}`).join(', '))}
            </>
          )}
        </p>
        {data.appeals.types.length > 0 && (
          <ol class="appeal-types" aria-label={t.appeals.yearByType}>
            {data.appeals.types.map((x) => (
              <li key={x.type}>
                {x.name} <b>{count(x.filed)}</b>
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}
