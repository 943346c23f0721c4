// The service level over the span, a point a day (or month), with the norm as a dashed line: where
// it dipped below is where to look. Chart.js, only the parts used.
import { CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { percent } from './format.ts';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip);

export interface SlPoint {
  label: string;
  /** null: no calls to judge by that day. */
  value: number | null;
}

export function SlChart({ points, target, title, targetLabel, height = 220 }: { points: SlPoint[]; target: number | null; title: string; targetLabel: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels: points.map((p) => p.label),
        datasets: [
          { label: title, data: points.map((p) => (p.value === null ? null : p.value * 100)), borderColor: '#2563eb', backgroundColor: '#2563eb', pointRadius: 3, spanGaps: false, tension: 0.2 },
          ...(target === null ? [] : [{ label: targetLabel, data: points.map(() => target * 100), borderColor: '#b91c1c', borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0 }]),
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } }, x: { ticks: { maxRotation: 0, autoSkip: true } } },
        plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${percent((c.parsed.y ?? 0) / 100)}` } } },
      },
    });
    return () => chart.destroy();
  }, [points, target, title, targetLabel]);
  return (
    <div class="chart" style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={title} />
    </div>
  );
}
