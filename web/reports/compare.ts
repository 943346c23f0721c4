// The period before a span, as long as it, for «было» beside each figure: 1–31 March against
// 29 January – 28 February. Counts compare in percent, shares in percentage points.
import { count, percent } from './format.ts';

const DAY = 86_400_000;

/** The span of the same number of days just before from–to (YYYY-MM-DD, both days counted). */
export function previousSpan(from: string, to: string): { from: string; to: string } {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  const days = Math.round((b - a) / DAY) + 1;
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  return { from: iso(a - days * DAY), to: iso(a - DAY) };
}

const signed = (x: number, digits: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${new Intl.NumberFormat('ru-RU', { maximumFractionDigits: digits }).format(Math.abs(x))}`;

/** «было 1 200 (+12,5 %)»; null when there was nothing to compare with. */
export function countChange(now: number, before: number): string | null {
  if (before === 0) return now === 0 ? null : `было 0`;
  return `было ${count(before)} (${signed(((now - before) / before) * 100, 1)} %)`;
}

/** «было 78 % (+2,1 п. п.)»; null without a share on either side. */
export function shareChange(now: number | null, before: number | null): string | null {
  if (before === null) return null;
  if (now === null) return `было ${percent(before)}`;
  return `было ${percent(before)} (${signed((now - before) * 100, 1)} п. п.)`;
}
