// A day's calls by 15 minutes beside the same weekday a week before (GET /api/v1/monitoring/
// intraday): the country's on Moscow time on the board, a region's local day in its detail. Read
// again every minute; Chart.js lines in the board's dark colours, last week dashed.
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { get } from '../shared/api.ts';
import type { Schema } from '../shared/api-types.ts';
import { usePolled } from './polled.ts';
import { t } from './strings.ts';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

type Intraday = Schema<'Intraday'>;
const REFRESH_MS = 60_000;
const ddmm = (ymd: string) => ymd.split('-').reverse().slice(0, 2).join('.');

/** The calls offered so far today and a week before, and the sentence that says it for a screen reader. */
export function summary(d: Intraday): { today: number; lastWeek: number; sentence: string } {
  const now = d.points.filter((p) => p.today).length;
  const today = d.points.reduce((s, p) => s + (p.today?.offered ?? 0), 0);
  // a week before up to the same time of day: like for like
  const lastWeek = d.points.slice(0, now).reduce((s, p) => s + p.lastWeek.offered, 0);
  return { today, lastWeek, sentence: t.curve.sentence(today, lastWeek, ddmm(d.comparedDate)) };
}

export function Curve({ region, title }: { region?: string; title: string }) {
  const { data, error } = usePolled(() => get('/api/v1/monitoring/intraday', { query: region ? { region } : {} }), REFRESH_MS, region);
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    if (!canvas.current || !data) return;
    chart.current?.destroy();
    chart.current = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels: data.points.map((p) => p.time),
        datasets: [
          { label: t.curve.today, data: data.points.map((p) => p.today?.offered ?? null), borderColor: '#38bdf8', backgroundColor: '#38bdf8', borderWidth: 2.5, pointRadius: 0, tension: 0.25 },
          {
            label: t.curve.lastWeek(ddmm(data.comparedDate)),
            data: data.points.map((p) => p.lastWeek.offered),
            borderColor: '#94a3b8',
            backgroundColor: '#94a3b8',
            borderDash: [6, 4],
            borderWidth: 1.5,
            pointRadius: 0,
            tension: 0.25,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { ticks: { color: '#cbd5e1', maxTicksLimit: 9, maxRotation: 0 }, grid: { color: '#1e293b' } },
          y: { beginAtZero: true, ticks: { color: '#cbd5e1', precision: 0 }, grid: { color: '#1e293b' } },
        },
        plugins: { legend: { labels: { color: '#e5e7eb', boxHeight: 2 } } },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [data]);
  const s = data ? summary(data) : null;
  return (
    <figure class="curve" data-region={region ?? 'national'}>
      <figcaption>
        {title}
        {data && <span class="quiet"> · {t.curve.zone(data.timezone === 'Europe/Moscow' && !region ? t.curve.moscow : t.curve.local)}</span>}
      </figcaption>
      {error ? (
        <p class="error">{error}</p>
      ) : !data ? (
        <p class="quiet">{t.detail.loading}</p>
      ) : (
        <>
          <div class="curve-canvas">
            <canvas ref={canvas} role="img" aria-label={s!.sentence} />
          </div>
          <p class="curve-sum" data-figure="curve-today">
            {s!.sentence}
          </p>
        </>
      )}
    </figure>
  );
}
