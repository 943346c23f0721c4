// A bar chart of calls per period (Chart.js, only the parts used), the peak bar in its own colour.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface Bar {
  label: string;
  value: number;
  peak?: boolean;
}

export function BarChart({ bars, title, height = 260 }: { bars: Bar[]; title: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    chart.current?.destroy();
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: bars.map((b) => b.label),
        datasets: [{ label: title, data: bars.map((b) => b.value), backgroundColor: bars.map((b) => (b.peak ? '#b91c1c' : '#2563eb')), borderRadius: 2 }],
      },
      options: {
        // printing and screenshots get the finished chart, not the first frame of an animation
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { tooltip: { callbacks: { label: (c) => `${new Intl.NumberFormat('ru-RU').format(c.parsed.y ?? 0)}` } } },
        scales: { y: { beginAtZero: true, ticks: { callback: (v) => new Intl.NumberFormat('ru-RU', { notation: 'compact' }).format(Number(v)) } }, x: { ticks: { maxRotation: 0, autoSkip: true } } },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [bars, title]);
  // The figures are in the table beside the chart for screen readers; the canvas is a picture of them.
  return (
    <div class="chart" style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={title} />
    </div>
  );
}
