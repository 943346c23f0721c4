// A region's local day as a UTC span: compliance and "today" are counted in the region's own day.
// A formatter is costly to make (far more than to use): one per zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterOf = (timeZone: string) => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
};

const partsOf = (t: Date, timeZone: string) => {
  const f = formatterOf(timeZone);
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), min: Number(p.minute), s: Number(p.second) };
};

/** YYYY-MM-DD, four digits always: a date from before year 1000 must still be a valid SQL date. */
const ymd = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Date.UTC, but true to years 0–99 too (Date.UTC reads those as 1900–1999). */
function utc(y: number, m: number, d: number, h = 0, min = 0, s = 0): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m, d);
  t.setUTCHours(h, min, s, 0);
  return t.getTime();
}

/** Milliseconds the zone is ahead of UTC at this instant, to the second (old local mean times had seconds). */
function offsetMs(t: Date, timeZone: string): number {
  const p = partsOf(t, timeZone);
  return utc(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(t.getTime() / 1000) * 1000;
}

/** Minutes the zone is ahead of UTC at this instant. */
export function offsetMinutes(t: Date, timeZone: string): number {
  return Math.round(offsetMs(t, timeZone) / 60_000);
}

/** The local calendar date (YYYY-MM-DD) at this instant in the zone. */
export function localDate(t: Date, timeZone: string): string {
  const p = partsOf(t, timeZone);
  return ymd(p.y, p.m, p.d);
}

/** The UTC instant of local midnight starting this local date in the zone. */
export function localMidnight(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = new Date(utc(y, m - 1, d));
  // The offset at midnight itself (a zone may have changed its offset during the day).
  // (exact, not rounded to minutes: a midnight placed a few seconds early would belong to the day before)
  const first = new Date(guess.getTime() - offsetMs(guess, timeZone));
  return new Date(guess.getTime() - offsetMs(first, timeZone));
}

/** [start, end) of the local day containing t. */
export function localDay(t: Date, timeZone: string): { from: Date; to: Date; date: string } {
  const date = localDate(t, timeZone);
  const from = localMidnight(date, timeZone);
  const next = new Date(utc(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + 1));
  const nextDate = ymd(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
  return { from, to: localMidnight(nextDate, timeZone), date };
}
