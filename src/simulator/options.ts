// What a simulation run is told: load, behaviour of callers and operators, time. Defaults model the
// national service (about 59 million calls a year) and read as plain numbers so the CLI can say them.

/** A run that cannot go ahead (unknown region or topic, wrong token, otvet unreachable): one clear message. */
export class SimulationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationError';
  }
}

export interface Surge {
  /** A knowledge-base section name, as callers choose it in the IVR. */
  topic: string;
  start: Date;
  durationMs: number;
  /** Calls on this topic arrive this many times as often while the surge lasts. */
  multiplier: number;
}

export interface Behaviour {
  /** Mean patience of a waiting caller, seconds (exponential). */
  patienceSeconds: number;
  /** Mean talk time, seconds (log-normal with shape talkSigma). */
  talkSeconds: number;
  talkSigma: number;
  /** Mean wrap-up time, seconds (log-normal, shape 0.5). */
  wrapUpSeconds: number;
  /** Mean time in the IVR before the caller is queued, seconds. */
  ivrSeconds: number;
  /** Share of callers who hang up in the IVR. */
  ivrHangUp: number;
  /** Share of callers who accept a callback when the ACD offers one. */
  acceptCallback: number;
  /** Share of rings an operator leaves unanswered (the ACD's ring timeout then takes the call back). */
  noAnswer: number;
  /** Share of answered calls the operator ends from the workstation (the caller ends the rest). */
  operatorHangsUp: number;
  /** Share of calls from a number that called before. */
  repeatCallers: number;
  /** Share of calls with a hidden number. */
  hiddenNumbers: number;
}

export interface Staffing {
  /** Operators per region: Erlang C for the offered load times this margin (1.1 = 10 % more). */
  factor: number;
  /** A fixed number of operators per region, on duty all the time (instead of shifts sized by load). */
  fixed?: number;
  /** Operators of the federal reserve centre, which takes overflow (default: about 3 % of the regions'). */
  reserve?: number;
  /** Target service level for the sizing: this share answered within serviceSeconds. */
  serviceLevel: number;
  serviceSeconds: number;
  shiftHours: number;
  /** Breaks during a shift (15 min, lunch 30 min, 15 min), as a real centre has them. */
  breaks: boolean;
}

export interface SimulationOptions {
  seed: string;
  /** Simulated start. */
  start: Date;
  /** How long arrivals go on, ms of simulated time (Infinity: until stopped). */
  durationMs: number;
  /** Simulated seconds per real second (1 = real time). */
  speed: number;
  /** Region codes, or all of them. */
  regions: string[] | 'all';
  /** Calls per day: nationally (the selected regions get their population's share) or, with volumeOf 'selected', across the selected regions. */
  callsPerDay: number;
  volumeOf: 'national' | 'selected';
  /** 24 relative weights by local hour (0–23); normalised to a mean of 1. */
  curve: number[];
  surges: Surge[];
  behaviour: Behaviour;
  staffing: Staffing;
  /** After the arrivals stop, how long calls in progress may take to finish, ms. */
  drainMs: number;
  /** Stop making calls after this many (the demo keeps a laptop's database small). */
  maxCalls?: number;
  /** Call ids start with this (unique per run). */
  callPrefix: string;
  /** Account names of the simulated operators start with this. */
  operatorPrefix: string;
  /** Display names of the operators begin with this. */
  operatorLabel: string;
  /** Name of the API tokens the run creates (and revokes at its end). */
  tokenName: string;
}

/** 59 million calls a year, a day's share. */
export const NATIONAL_CALLS_PER_DAY = Math.round(59_000_000 / 365);

/**
 * Calls by local hour: quiet at night, a morning ramp, the peak in late morning and again in early
 * afternoon after a lunch dip, a long evening tail.
 */
export const DEFAULT_CURVE = [0.12, 0.07, 0.05, 0.04, 0.05, 0.1, 0.28, 0.62, 1.15, 1.65, 1.95, 2.0, 1.75, 1.7, 1.85, 1.75, 1.55, 1.3, 1.0, 0.78, 0.6, 0.45, 0.3, 0.2];

export const defaultBehaviour: Behaviour = {
  patienceSeconds: 120,
  talkSeconds: 180,
  talkSigma: 0.6,
  wrapUpSeconds: 25,
  ivrSeconds: 12,
  ivrHangUp: 0.02,
  acceptCallback: 0.5,
  noAnswer: 0.03,
  operatorHangsUp: 0.25,
  repeatCallers: 0.15,
  hiddenNumbers: 0.02,
};

export const defaultStaffing: Staffing = { factor: 1.1, serviceLevel: 0.8, serviceSeconds: 20, shiftHours: 8, breaks: true };

export function defaultOptions(overrides: Partial<SimulationOptions> = {}): SimulationOptions {
  const start = overrides.start ?? new Date();
  const run = Date.now().toString(36);
  return {
    seed: String(Math.floor(Math.random() * 1e9)),
    start,
    durationMs: 10 * 60_000,
    speed: 1,
    regions: 'all',
    callsPerDay: NATIONAL_CALLS_PER_DAY,
    volumeOf: 'national',
    curve: DEFAULT_CURVE,
    surges: [],
    behaviour: defaultBehaviour,
    staffing: defaultStaffing,
    drainMs: 10 * 60_000,
    callPrefix: `sim-${run}`,
    operatorPrefix: 'sim',
    operatorLabel: 'Симулятор',
    tokenName: `otvet simulate ${run}`,
    ...overrides,
  };
}

/** "90s", "10m", "1h30m", "2d", "1500ms" (a bare number is seconds). */
export function parseDuration(text: string): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 };
  let total = 0;
  let rest = t;
  while (rest.length) {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)/.exec(rest);
    if (!m) throw new Error(`"${text}" is not a duration (e.g. 90s, 10m, 1h30m, 2d)`);
    total += Number(m[1]) * units[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return total;
}

const MOSCOW_OFFSET_MS = 3 * 3600_000;

/**
 * A moment: ISO 8601 ("2026-03-14T10:00:00+03:00"), or "HH:MM" in Moscow time — the last such
 * moment at or before `notAfter` — or an offset from `base` ("+10m").
 */
export function parseMoment(text: string, opts: { notAfter?: Date; base?: Date } = {}): Date {
  const t = text.trim();
  if (t.startsWith('+') && opts.base) return new Date(opts.base.getTime() + parseDuration(t.slice(1)));
  const hm = /^(\d{1,2}):(\d{2})$/.exec(t);
  if (hm) {
    const limit = (opts.notAfter ?? new Date()).getTime();
    const moscow = new Date(limit + MOSCOW_OFFSET_MS);
    let at = Date.UTC(moscow.getUTCFullYear(), moscow.getUTCMonth(), moscow.getUTCDate(), Number(hm[1]), Number(hm[2])) - MOSCOW_OFFSET_MS;
    if (at > limit) at -= 86_400_000;
    return new Date(at);
  }
  const d = new Date(t);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(t)) throw new Error(`"${text}" is not a time (ISO 8601, HH:MM Moscow time, or +10m)`);
  return d;
}

/**
 * A surge: "topic=Коронавирус,start=+30m,duration=2h,x=5" (start: an offset from the simulation's
 * start, HH:MM Moscow time or ISO 8601; default: the start).
 */
export function parseSurge(text: string, simStart: Date): Surge {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const i = part.indexOf('=');
    if (i < 0) throw new Error(`surge "${text}": write key=value pairs, e.g. topic=Коронавирус,start=+30m,duration=2h,x=5`);
    fields.set(part.slice(0, i).trim().toLowerCase(), part.slice(i + 1).trim());
  }
  const topic = fields.get('topic');
  if (!topic) throw new Error(`surge "${text}": topic=… is required (a knowledge-base section)`);
  const multiplier = Number(fields.get('x') ?? fields.get('multiplier') ?? '3');
  if (!(multiplier > 0)) throw new Error(`surge "${text}": x must be a positive number`);
  const start = fields.has('start') ? parseMoment(fields.get('start')!, { base: simStart, notAfter: new Date(simStart.getTime() + 86_400_000) }) : simStart;
  const durationMs = parseDuration(fields.get('duration') ?? '1h');
  return { topic, start, durationMs, multiplier };
}

/** 24 comma-separated weights. */
export function parseCurve(text: string): number[] {
  const values = text.split(',').map((v) => Number(v.trim()));
  if (values.length !== 24 || values.some((v) => !(v >= 0)) || !values.some((v) => v > 0)) {
    throw new Error('the curve takes 24 non-negative weights, one per local hour 0–23, e.g. 0.1,0.1,…');
  }
  return values;
}
