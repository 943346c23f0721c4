// Numbers and dates as people read them here: 59 млн, 80,4 %, 12 марта 2026.
import { months, monthsShort, t } from './strings.ts';

const int = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });

export function count(n: number): string {
  if (n >= 10_000_000) return `${new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 }).format(n / 1_000_000)} млн`;
  return int.format(n);
}

export const percent = (x: number | null) => (x === null ? '—' : `${new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 }).format(x * 100)} %`);

export const seconds = (x: number | null) => (x === null ? '—' : x >= 120 ? `${int.format(x / 60)} ${t.minutes}` : `${int.format(x)} ${t.seconds}`);

/** 2026-03-12 → 12 мар 2026; 2026-03 → март 2026. */
export function period(p: string, short = false): string {
  const [y, m, d] = p.split('-');
  const month = Number(m) - 1;
  if (d) return `${Number(d)} ${monthsShort[month]} ${y}`;
  return `${short ? monthsShort[month] : months[month]} ${y}`;
}
