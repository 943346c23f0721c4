// Staff planning: next week's forecast and the agents it needs, hour by hour, for a region; and
// the Erlang calculator for any interval's numbers.
import { useState } from 'preact/hooks';
import { get } from '../shared/api.ts';
import type { Schema } from '../shared/api-types.ts';
import { BarChart } from './chart.tsx';
import { count, percent } from './format.ts';
import { Figure } from './figure.tsx';
import { RegionSelect } from './region-select.tsx';
import { t } from './strings.ts';
import { useGet } from './use-get.ts';

type Required = Schema<'StaffingRequired'>;

const hourLabel = (iso: string, zoneOffsetMs: number) => {
  const d = new Date(Date.parse(iso) + zoneOffsetMs);
  return `${t.weekdays[d.getUTCDay()]} ${String(d.getUTCHours()).padStart(2, '0')}:00`;
};

export function Staffing({ region: fixed, regions }: { region: string; regions: { code: string; name: string }[] }) {
  const [region, setRegion] = useState(fixed || '77');
  const { data: plan, error } = useGet('/api/v1/staffing/plan', { query: { region } });
  // The region's offset from its week's first instant (local midnight of Monday): hours as people there live them.
  const offset = plan ? Date.parse(`${plan.week.monday}T00:00:00Z`) - Date.parse(plan.week.from) : 0;
  const hours: { label: string; value: number; peak: boolean }[] = [];
  if (plan) {
    for (let h = 0; h < plan.intervals.length / 4; h++) {
      const four = plan.intervals.slice(h * 4, h * 4 + 4);
      const scheduled = Math.max(...four.map((i) => i.scheduled));
      hours.push({ label: hourLabel(four[0]!.start, offset), value: scheduled, peak: !!plan.peak && four.some((i) => i.start === plan.peak!.start) });
    }
  }
  return (
    <div class="report">
      {!fixed && (
        <form class="controls" onSubmit={(e) => e.preventDefault()}>
          <RegionSelect value={region} regions={regions} onChange={setRegion} />
        </form>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!plan && !error && <p class="quiet">{t.loading}</p>}
      {plan && (
        <section class="plan">
          <h2>{t.plan.title(plan.week.monday.split('-').reverse().join('.'))}</h2>
          <section class="totals">
            <Figure label={t.plan.calls} value={count(plan.totals.calls)} />
            <Figure label={t.plan.agentHours} value={count(plan.totals.agentHours)} />
            <Figure label={t.plan.scheduledHours} value={count(plan.totals.scheduledHours)} />
            <Figure label={t.plan.peak} value={plan.peak ? `${plan.peak.scheduled}` : '—'} />
          </section>
          {plan.history.weeksWithCalls < plan.history.weeks && (
            <p class="warning" role="note" data-testid="short-history">
              {plan.history.weeksWithCalls === 0 ? t.plan.noHistory(plan.history.weeks) : t.plan.shortHistory(plan.history.weeksWithCalls, plan.history.weeks)}
            </p>
          )}
          <p class="quiet">
            {t.plan.basis(
              plan.history.weeks,
              count(plan.history.calls),
              plan.history.calls,
              t.plan.methods[plan.forecast.method],
              percent(plan.target.targetSl),
              plan.target.targetSeconds,
              Math.round(plan.target.ahtSeconds),
              t.plan.ahtFrom[plan.target.ahtFrom] ?? '',
              percent(plan.target.shrinkage),
            )}
          </p>
          {plan.peak && <p class="peak">{t.plan.peakAt(hourLabel(plan.peak.start, offset), plan.peak.scheduled, Math.round(plan.peak.calls))}</p>}
          <BarChart title={t.plan.chart} height={240} bars={hours} />
        </section>
      )}
      <Calculator />
    </div>
  );
}

function Calculator() {
  const [q, setQ] = useState({ calls: '100', intervalSeconds: '900', ahtSeconds: '180', targetSl: '0.8', targetSeconds: '20', maxOccupancy: '0.85', shrinkage: '0.3' });
  const [r, setR] = useState<Required | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    // (the inputs are required numbers: the form is not sent with one empty)
    const res = await get('/api/v1/staffing/required', {
      query: {
        calls: Number(q.calls),
        intervalSeconds: Number(q.intervalSeconds),
        ahtSeconds: Number(q.ahtSeconds),
        targetSl: Number(q.targetSl),
        targetSeconds: Number(q.targetSeconds),
        maxOccupancy: Number(q.maxOccupancy),
        shrinkage: Number(q.shrinkage),
      },
    });
    if (res.ok) {
      setR(res.body);
      setError(null);
    } else {
      setR(null);
      setError(res.message);
    }
  };
  const field = (name: keyof typeof q, label: string) => (
    <label>
      {label} <input type="number" step="any" value={q[name]} onInput={(e) => setQ({ ...q, [name]: (e.target as HTMLInputElement).value })} required />
    </label>
  );
  return (
    <section class="calculator">
      <h2>{t.calc.title}</h2>
      <form
        class="controls"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        {field('calls', t.calc.calls)}
        {field('intervalSeconds', t.calc.interval)}
        {field('ahtSeconds', t.calc.aht)}
        {field('targetSl', t.calc.targetSl)}
        {field('targetSeconds', t.calc.targetSeconds)}
        {field('maxOccupancy', t.calc.occupancy)}
        {field('shrinkage', t.calc.shrinkage)}
        <button type="submit">{t.calc.go}</button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {r && (
        <p class="answer" role="status">
          {t.calc.answer(r.agents, r.scheduled, percent(r.sl), percent(r.occupancy))}
        </p>
      )}
    </section>
  );
}
