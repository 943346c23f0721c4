// The model of the national service's year that demo mode's history (and bench:dashboard) are made
// from: calls shaped by month (February about twice an ordinary month), weekday and each region's
// local hour, shared among regions by population. Pure: the SQL that writes it is in demo-history-queries.ts.
import { demoRegionsFile, readRegionsFile, utcOffsetMinutes } from '../../regions/index.ts';

/** About 59 million calls a year: the national service's size. */
export const YEAR_CALLS = 59_000_000;
/** Month weights, January first: February about twice an ordinary month. */
export const MONTH_WEIGHTS = [1.0, 2.0, 1.2, 1.0, 0.9, 0.8, 0.75, 0.8, 1.0, 1.05, 1.1, 1.2];
/** A working day's factor and a weekend day's. */
export const WEEKDAY = 1.15;
export const WEEKEND = 0.55;
/**
 * Days and intervals are not all alike: a day's calls vary by up to ±DAY_SWING around its weight,
 * an interval's by up to ±INTERVAL_SWING, both from a fixed pseudo-random wave of the date (and of
 * the interval and region), the same in SQL and here, so the year is the same at every run (and a
 * resumed year equals one never broken off) yet the forecast has something to learn.
 */
export const DAY_SWING = 0.12;
export const INTERVAL_SWING = 0.25;
/** sin(n · 12.9898) · 43758.5453, its fraction: a classic shader hash, in [0, 1). */
export const wave = (n: number) => {
  const x = Math.sin(n * 12.9898) * 43758.5453;
  return x - Math.floor(x);
};
/** The same in SQL, of an expression giving a number. */
export const waveSql = (n: string) => `(sin((${n}) * 12.9898) * 43758.5453 - floor(sin((${n}) * 12.9898) * 43758.5453))`;
// local hour curve: quiet at night, a morning peak at 10–12, a smaller one after lunch
const CURVE = [0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.8, 0.8, 1.9, 1.9, 1.9, 1.9, 1.3, 1.6, 1.6, 1.6, 1.6, 0.8, 0.8, 0.8, 0.3, 0.3, 0.3];
/** A local hour's share of a 15-minute interval of its day (96 intervals sum to 1). */
export const QUARTER_SHARES = CURVE.map((c) => c / CURVE.reduce((a, b) => a + b, 0) / 4);

export interface RegionWeight {
  code: string;
  /** Minutes ahead of UTC (Russia keeps no summer time: fixed, so local time is UTC plus it). */
  off: number;
  /** The region's share of the country's population. */
  share: number;
}

/**
 * Every demo region with its offset and share (regions' time zones and populations from the demo
 * data); only: these regions alone, sharing the country's calls among them.
 */
export function regionWeights(only?: readonly string[]): RegionWeight[] {
  const all = readRegionsFile(demoRegionsFile);
  const unknown = only?.filter((code) => !all.some((r) => r.code === code)) ?? [];
  if (unknown.length) throw new Error(`regionWeights: no demo region ${unknown.join(', ')}`);
  const regions = only ? all.filter((r) => only.includes(r.code)) : all;
  const population = regions.reduce((s, r) => s + r.population, 0);
  return regions.map((r) => ({ code: r.code, off: utcOffsetMinutes(r.timezone), share: r.population / population }));
}

const DAY = 86_400_000;
const parse = (date: string) => Date.parse(`${date}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
export const addDays = (date: string, n: number) => iso(parse(date) + n * DAY);

/** A local date's weight: its month's times its weekday's, and its own swing. */
export function dayWeight(date: string): number {
  const d = new Date(parse(date));
  const dow = d.getUTCDay();
  return MONTH_WEIGHTS[d.getUTCMonth()]! * (dow === 0 || dow === 6 ? WEEKEND : WEEKDAY) * (1 + DAY_SWING * (2 * wave(parse(date) / DAY) - 1));
}

/** Calls on a day of weight 1 so that the local dates [from, to) hold `calls` in all. */
export function callsPerDay(calls: number, from: string, to: string): number {
  let weight = 0;
  for (let d = from; d < to; d = addDays(d, 1)) weight += dayWeight(d);
  return weight > 0 ? calls / weight : 0;
}

/** The date n months after this one (the day kept, or the month's last when it has no such day). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return iso(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}

export interface PlannedMonth {
  chunk: number;
  from: string;
  to: string;
}

/** The year that ends the day before `end` (local dates), as twelve months, oldest first. */
export function yearBefore(end: string): PlannedMonth[] {
  return Array.from({ length: 12 }, (_, i) => ({ chunk: i + 1, from: addMonths(end, i - 12), to: addMonths(end, i - 11) }));
}
