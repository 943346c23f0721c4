// Who calls, from where, when and about what. Each region's calls are a Poisson process whose rate
// follows the region's population share of the national volume, the intraday curve read at the
// region's own local time, and the surges of the moment (a topic's calls multiplied). Arrivals are
// drawn by thinning, each region from its own random stream, so the same seed gives the same calls.
import { utcOffsetMinutes } from '../regions/index.ts';
import { SimulationError, type Behaviour, type Surge } from './options.ts';
import type { Rng } from './random.ts';

export interface RegionInfo {
  code: string;
  name: string;
  timezone: string;
  population: number;
}

export interface Topic {
  /** The knowledge-base section, as the IVR names it. */
  name: string;
  /** Relative share of calls (by default the section's number of answers). */
  weight: number;
  /** Answer slugs of the section, for wrap-ups. */
  answers: string[];
}

/** One caller and everything about them drawn in advance, so the run can be repeated. */
export interface Arrival {
  seq: number;
  callId: string;
  region: string;
  at: number;
  caller: string | null;
  topic: string;
  ivrMs: number;
  hangsUpInIvr: boolean;
  patienceMs: number;
  acceptsCallback: boolean;
  talkMs: number;
  operatorHangsUp: boolean;
  wrapUpMs: number;
  outcome: 'answered' | 'appeal_needed' | 'transferred' | 'dropped';
  topics: string[];
  answersUsed: string[];
}

export interface ArrivalModelInput {
  /** The simulated regions. */
  regions: RegionInfo[];
  /** Population the volume is shared over: the country's (default) or the simulated regions'. */
  basePopulation: number;
  callsPerDay: number;
  curve: number[];
  topics: Topic[];
  surges: Surge[];
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export class ArrivalModel {
  private readonly curve: number[];
  private readonly offsets = new Map<string, { hour: number; minutes: number }>();
  private readonly topicShare: number[];

  constructor(readonly input: ArrivalModelInput) {
    const mean = input.curve.reduce((s, w) => s + w, 0) / 24;
    this.curve = input.curve.map((w) => w / mean);
    const total = input.topics.reduce((s, t) => s + t.weight, 0);
    this.topicShare = input.topics.map((t) => t.weight / total);
    for (const s of input.surges) {
      if (!input.topics.some((t) => t.name === s.topic)) throw new SimulationError(`unknown topic "${s.topic}"; topics: ${input.topics.map((t) => t.name).join(', ')}`);
    }
  }

  /** The curve's value at a fractional local hour, linear between the middles of the hours. */
  curveAt(localHour: number): number {
    const h = (((localHour - 0.5) % 24) + 24) % 24;
    const i = Math.floor(h);
    const f = h - i;
    return this.curve[i]! * (1 - f) + this.curve[(i + 1) % 24]! * f;
  }

  /** The region's local hour (fractional) at `at`; offsets are looked up once an hour. */
  localHour(region: RegionInfo, at: number): number {
    const hour = Math.floor(at / HOUR_MS);
    let o = this.offsets.get(region.timezone);
    if (!o || o.hour !== hour) {
      o = { hour, minutes: utcOffsetMinutes(region.timezone, new Date(at)) };
      this.offsets.set(region.timezone, o);
    }
    const local = (((at + o.minutes * 60_000) % DAY_MS) + DAY_MS) % DAY_MS;
    return local / HOUR_MS;
  }

  /** Each topic's multiplier at `at` (1 outside surges). */
  private multipliers(at: number): number[] {
    return this.input.topics.map((t) => {
      let m = 1;
      for (const s of this.input.surges) if (s.topic === t.name && at >= s.start.getTime() && at < s.start.getTime() + s.durationMs) m *= s.multiplier;
      return m;
    });
  }

  /** Topic weights at `at`: the usual shares, surging topics multiplied. */
  topicWeights(at: number): number[] {
    const m = this.multipliers(at);
    return this.topicShare.map((s, i) => s * m[i]!);
  }

  /** Calls per day the region gets on average (before the curve and surges). */
  dailyCalls(region: RegionInfo): number {
    return this.input.basePopulation > 0 ? (this.input.callsPerDay * region.population) / this.input.basePopulation : 0;
  }

  /** Arrival rate in calls per second at `at`. */
  rate(region: RegionInfo, at: number): number {
    const surge = this.topicWeights(at).reduce((s, w) => s + w, 0);
    return (this.dailyCalls(region) / 86_400) * this.curveAt(this.localHour(region, at)) * surge;
  }

  /** An upper bound of the rate over all time (for thinning). */
  maxRate(region: RegionInfo): number {
    const topicBound = this.input.topics.reduce((sum, t, i) => {
      const m = this.input.surges.filter((s) => s.topic === t.name).reduce((p, s) => p * Math.max(1, s.multiplier), 1);
      return sum + this.topicShare[i]! * m;
    }, 0);
    return (this.dailyCalls(region) / 86_400) * Math.max(...this.curve) * topicBound;
  }
}

/** Caller numbers: fresh mobile numbers, some callers again (so "called before" shows), a few hidden. */
class Numbers {
  private readonly recent: string[] = [];
  constructor(private readonly rng: Rng) {}

  next(b: Behaviour): string | null {
    if (this.rng.chance(b.hiddenNumbers)) return null;
    if (this.recent.length && this.rng.chance(b.repeatCallers)) return this.rng.pick(this.recent);
    const d = (n: number) => String(this.rng.int(10 ** n)).padStart(n, '0');
    const number = `+7 9${d(2)} ${d(3)}-${d(2)}-${d(2)}`;
    this.recent.push(number);
    if (this.recent.length > 500) this.recent.shift();
    return number;
  }
}

interface RegionStream {
  region: RegionInfo;
  rng: Rng;
  numbers: Numbers;
  t: number;
  lambda: number;
  next: Arrival | null;
}

/**
 * Arrivals in time order from `start` until `end` (Infinity: for ever), merged across regions.
 * Each region draws from `rng.fork("arrivals/<code>")`.
 */
export class ArrivalStream {
  private readonly streams: RegionStream[];
  private seq = 0;

  constructor(
    private readonly model: ArrivalModel,
    rng: Rng,
    private readonly behaviour: Behaviour,
    start: number,
    private readonly end: number,
    private readonly callPrefix: string,
  ) {
    this.streams = model.input.regions
      .map((region) => {
        const r = rng.fork(`arrivals/${region.code}`);
        return { region, rng: r, numbers: new Numbers(r.fork('numbers')), t: start, lambda: model.maxRate(region), next: null };
      })
      .filter((s) => s.lambda > 0);
    for (const s of this.streams) s.next = this.draw(s);
  }

  /** The next arrival, or null when there are no more before the end. */
  next(): Arrival | null {
    let best: RegionStream | undefined;
    for (const s of this.streams) if (s.next && (!best || s.next.at < best.next!.at || (s.next.at === best.next!.at && s.region.code < best.region.code))) best = s;
    if (!best) return null;
    const a = best.next!;
    a.seq = this.seq++;
    a.callId = `${this.callPrefix}-${a.seq}`;
    best.next = this.draw(best);
    return a;
  }

  /** All arrivals (until the end, which must be finite). */
  all(): Arrival[] {
    const out: Arrival[] = [];
    for (let a = this.next(); a; a = this.next()) out.push(a);
    return out;
  }

  private draw(s: RegionStream): Arrival | null {
    for (;;) {
      s.t += s.rng.exponential(1000 / s.lambda);
      if (s.t >= this.end) return null;
      if (s.rng.next() * s.lambda <= this.model.rate(s.region, s.t)) return this.describe(s, Math.round(s.t));
    }
  }

  private describe(s: RegionStream, at: number): Arrival {
    const { rng } = s;
    const b = this.behaviour;
    const topics = this.model.input.topics;
    const topic = topics[rng.weighted(this.model.topicWeights(at))]!;
    const outcomeRoll = rng.next();
    const outcome = outcomeRoll < 0.84 ? 'answered' : outcomeRoll < 0.93 ? 'appeal_needed' : outcomeRoll < 0.97 ? 'transferred' : 'dropped';
    const also = rng.chance(0.1) ? rng.pick(topics).name : null;
    const answersUsed = topic.answers.length && rng.chance(0.7) ? [rng.pick(topic.answers), ...(rng.chance(0.2) ? [rng.pick(topic.answers)] : [])] : [];
    return {
      seq: 0,
      callId: '',
      region: s.region.code,
      at,
      caller: s.numbers.next(b),
      topic: topic.name,
      ivrMs: Math.round(rng.uniform(0.5, 1.5) * b.ivrSeconds * 1000),
      hangsUpInIvr: rng.chance(b.ivrHangUp),
      patienceMs: Math.round(Math.min(rng.exponential(b.patienceSeconds), 20 * 60) * 1000),
      acceptsCallback: rng.chance(b.acceptCallback),
      talkMs: Math.round(Math.min(Math.max(rng.logNormal(b.talkSeconds, b.talkSigma), 10), 45 * 60) * 1000),
      operatorHangsUp: rng.chance(b.operatorHangsUp),
      wrapUpMs: Math.round(Math.min(rng.logNormal(b.wrapUpSeconds, 0.5), 10 * 60) * 1000),
      outcome,
      topics: also && also !== topic.name ? [topic.name, also] : [topic.name],
      answersUsed: [...new Set(answersUsed)],
    };
  }
}

/** Topics from the knowledge base's exchange file: its sections, weighted by their number of answers. */
export function topicsFromAnswers(records: { slug: string; section: string }[]): Topic[] {
  const bySection = new Map<string, string[]>();
  for (const r of records) (bySection.get(r.section) ?? bySection.set(r.section, []).get(r.section)!).push(r.slug);
  return [...bySection].map(([name, answers]) => ({ name, weight: answers.length, answers }));
}
