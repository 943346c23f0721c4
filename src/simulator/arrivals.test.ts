// The arrival model: seeded and repeatable, population-proportional, following each region's
// local time, with surges multiplying a topic.
import { describe, expect, it } from 'vitest';
import { demoRegionsFile, readRegionsFile } from '../regions/index.ts';
import { ArrivalModel, ArrivalStream, type RegionInfo, type Topic } from './arrivals.ts';
import { DEFAULT_CURVE, defaultBehaviour, parseDuration, parseSurge, type Surge } from './options.ts';
import { Rng } from './random.ts';
import { roster } from './staffing.ts';

const all: RegionInfo[] = readRegionsFile(demoRegionsFile).map((r) => ({ code: r.code, name: r.name, timezone: r.timezone, population: r.population }));
const region = (code: string) => all.find((r) => r.code === code)!;
const topics: Topic[] = [
  { name: 'Коронавирус', weight: 1, answers: ['a'] },
  { name: 'Пенсии', weight: 3, answers: ['b'] },
];
const FLAT = new Array<number>(24).fill(1);
const HOUR = 3_600_000;
const START = Date.parse('2026-03-02T00:00:00Z');

function arrivals(o: { regions: RegionInfo[]; callsPerDay: number; curve?: number[]; surges?: Surge[]; seed?: string; hours?: number }) {
  const model = new ArrivalModel({
    regions: o.regions,
    basePopulation: o.regions.reduce((s, r) => s + r.population, 0),
    callsPerDay: o.callsPerDay,
    curve: o.curve ?? FLAT,
    topics,
    surges: o.surges ?? [],
  });
  return { model, list: new ArrivalStream(model, new Rng(o.seed ?? 'test'), defaultBehaviour, START, START + (o.hours ?? 24) * HOUR, 'sim-t').all() };
}

describe('arrivals', () => {
  it('the same seed gives the same callers; another seed other ones', () => {
    const input = { regions: [region('77'), region('78'), region('25')], callsPerDay: 20_000, curve: DEFAULT_CURVE, hours: 6 };
    const a = arrivals({ ...input, seed: '1' }).list;
    const b = arrivals({ ...input, seed: '1' }).list;
    const c = arrivals({ ...input, seed: '2' }).list;
    expect(a.length).toBeGreaterThan(100);
    expect(b).toEqual(a);
    expect(c.map((x) => [x.at, x.region])).not.toEqual(a.map((x) => [x.at, x.region]));
    // Time order, unique ids.
    expect(a.every((x, i) => i === 0 || x.at >= a[i - 1]!.at)).toBe(true);
    expect(new Set(a.map((x) => x.callId)).size).toBe(a.length);
  });

  it('shares calls by population', () => {
    const regions = [region('77'), region('78'), region('25'), region('39')];
    const { list } = arrivals({ regions, callsPerDay: 40_000 });
    const total = regions.reduce((s, r) => s + r.population, 0);
    expect(list.length).toBeGreaterThan(36_000);
    expect(list.length).toBeLessThan(44_000);
    for (const r of regions) {
      const share = list.filter((x) => x.region === r.code).length / list.length;
      expect(Math.abs(share - r.population / total)).toBeLessThan(0.01);
    }
  });

  it('follows each region’s local time: Vladivostok peaks 8 hours before Kaliningrad (UTC)', () => {
    const peakUtcHour = (code: string) => {
      const { list } = arrivals({ regions: [region(code)], callsPerDay: 50_000, curve: DEFAULT_CURVE });
      const byHour = new Array<number>(24).fill(0);
      for (const x of list) byHour[new Date(x.at).getUTCHours()]!++;
      // Smoothed over three hours, so one noisy hour cannot move the peak.
      const smooth = byHour.map((_, h) => byHour[(h + 23) % 24]! + byHour[h]! + byHour[(h + 1) % 24]!);
      return smooth.indexOf(Math.max(...smooth));
    };
    const curvePeak = DEFAULT_CURVE.indexOf(Math.max(...DEFAULT_CURVE)); // 11 local
    const vladivostok = peakUtcHour('25'); // UTC+10
    const kaliningrad = peakUtcHour('39'); // UTC+2
    expect(Math.abs(vladivostok - ((curvePeak - 10 + 24) % 24))).toBeLessThanOrEqual(1);
    expect(Math.abs(kaliningrad - (curvePeak - 2))).toBeLessThanOrEqual(1);
    expect((kaliningrad - vladivostok + 24) % 24).toBeGreaterThanOrEqual(7);
    expect((kaliningrad - vladivostok + 24) % 24).toBeLessThanOrEqual(9);
    // The rate itself: at 01:00 UTC it is 11:00 in Vladivostok (peak) and 03:00 in Kaliningrad (night).
    const { model } = arrivals({ regions: [region('25'), region('39')], callsPerDay: 1, curve: DEFAULT_CURVE, hours: 0 });
    const at = Date.parse('2026-03-02T01:00:00Z');
    expect(model.localHour(region('25'), at)).toBeCloseTo(11);
    expect(model.localHour(region('39'), at)).toBeCloseTo(3);
    const perPerson = (code: string) => model.rate(region(code), at) / region(code).population;
    expect(perPerson('25') / perPerson('39')).toBeGreaterThan(20);
  });

  it('a surge multiplies its topic’s calls while it lasts, and only that topic’s', () => {
    const surge: Surge = { topic: 'Коронавирус', start: new Date(START + 4 * HOUR), durationMs: 4 * HOUR, multiplier: 5 };
    const base = { regions: [region('77')], callsPerDay: 60_000, hours: 12 };
    const count = (list: { at: number; topic: string }[], topic: string, from: number, to: number) =>
      list.filter((x) => x.topic === topic && x.at >= START + from * HOUR && x.at < START + to * HOUR).length;
    const plain = arrivals(base).list;
    const surged = arrivals({ ...base, surges: [surge] }).list;
    const ratio = count(surged, 'Коронавирус', 4, 8) / count(plain, 'Коронавирус', 4, 8);
    expect(ratio).toBeGreaterThan(4.3);
    expect(ratio).toBeLessThan(5.7);
    // Other topics and other hours: as usual.
    expect(count(surged, 'Пенсии', 4, 8) / count(plain, 'Пенсии', 4, 8)).toBeGreaterThan(0.85);
    expect(count(surged, 'Пенсии', 4, 8) / count(plain, 'Пенсии', 4, 8)).toBeLessThan(1.15);
    expect(count(surged, 'Коронавирус', 0, 4) / count(plain, 'Коронавирус', 0, 4)).toBeLessThan(1.2);
    expect(count(surged, 'Коронавирус', 8, 12) / count(plain, 'Коронавирус', 8, 12)).toBeLessThan(1.2);
  });

  it('draws talk, wrap-up and patience from the configured means', () => {
    const { list } = arrivals({ regions: [region('77')], callsPerDay: 20_000 });
    const mean = (f: (x: (typeof list)[number]) => number) => list.reduce((s, x) => s + f(x), 0) / list.length / 1000;
    expect(mean((x) => x.talkMs)).toBeGreaterThan(defaultBehaviour.talkSeconds * 0.9);
    expect(mean((x) => x.talkMs)).toBeLessThan(defaultBehaviour.talkSeconds * 1.1);
    expect(mean((x) => x.patienceMs)).toBeGreaterThan(defaultBehaviour.patienceSeconds * 0.9);
    expect(mean((x) => x.patienceMs)).toBeLessThan(defaultBehaviour.patienceSeconds * 1.1);
    expect(mean((x) => x.wrapUpMs)).toBeGreaterThan(defaultBehaviour.wrapUpSeconds * 0.9);
    expect(mean((x) => x.wrapUpMs)).toBeLessThan(defaultBehaviour.wrapUpSeconds * 1.1);
  });
});

describe('options and staffing', () => {
  it('reads durations and surges', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('90')).toBe(90_000);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
    const s = parseSurge('topic=Коронавирус,start=+30m,duration=2h,x=5', new Date(START));
    expect(s).toEqual({ topic: 'Коронавирус', start: new Date(START + 30 * 60_000), durationMs: 2 * HOUR, multiplier: 5 });
    expect(() => parseSurge('x=5', new Date(START))).toThrow(/topic/);
  });

  it('a run without an end keeps the shifts on duty at its start (and plans no more)', () => {
    const { model } = arrivals({ regions: [region('77')], callsPerDay: 3000, hours: 0 });
    const staffing = { factor: 1, serviceLevel: 0.8, serviceSeconds: 20, shiftHours: 8, breaks: true };
    const shifts = roster({ model, regions: [region('77')], staffing, ahtSeconds: 200, start: START, end: Infinity, prefix: 'x', label: 'X', rng: new Rng('r') });
    expect(shifts.length).toBeGreaterThan(0);
    expect(shifts.every((s) => s.end === Infinity && s.breaks.length === 0)).toBe(true);
    // A day with an end: more operators at the day's peak than at night, each shift with its breaks.
    const day = roster({ model, regions: [region('77')], staffing, ahtSeconds: 200, start: START, end: START + 24 * HOUR, prefix: 'x', label: 'X', rng: new Rng('r') });
    expect(day.every((s) => s.end - s.start === 8 * HOUR && s.breaks.length === 3)).toBe(true);
  });
});
