// Erlang B and Erlang C (M/M/N): the probability that a call waits, the service level, the
// average speed of answer and the occupancy for N agents. Erlang B comes from its recurrence
// B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)), which never overflows (no A^N or N! anywhere), so
// 500 Erlangs on 600 agents are as exact as 10 on 14.

/** One interval's traffic: how many calls, over how long, each holding an agent how long. */
export interface Traffic {
  /** Calls offered in the interval (may be fractional: a forecast). */
  calls: number;
  intervalSeconds: number;
  /** Average handle time: talk + hold + wrap-up, seconds. */
  ahtSeconds: number;
}

/** Offered load in Erlangs: A = calls × AHT / interval length. */
export function offeredLoad(t: Traffic): number {
  return (t.calls * t.ahtSeconds) / t.intervalSeconds;
}

/** Erlang B: the share of calls blocked when `lines` lines carry `erlangs` of load and nobody waits. */
export function erlangB(erlangs: number, lines: number): number {
  let b = 1;
  for (let k = 1; k <= lines; k++) b = (erlangs * b) / (k + erlangs * b);
  return b;
}

/** Erlang C from Erlang B for the same load and agents: C = N·B / (N − A·(1 − B)); 1 when N ≤ A. */
export function erlangCFromB(erlangs: number, agents: number, b: number): number {
  if (agents <= erlangs) return 1;
  return (agents * b) / (agents - erlangs * (1 - b));
}

export interface ErlangCResult {
  /** Offered load, Erlangs. */
  erlangs: number;
  /** Probability that a call waits at all (Erlang C). */
  pWait: number;
  /** Share of calls answered within the target time. */
  sl: number;
  /** Average speed of answer over all calls, seconds; Infinity when the queue grows without end. */
  asa: number;
  /** Share of agents' time spent on calls: A / N, at most 1. */
  occupancy: number;
  /** N ≤ A: more work arrives than the agents can do, the queue grows without end. */
  overloaded: boolean;
}

/** Figures for one interval given B(A, N); shared by erlangC() and the staffing search. */
export function figuresFromB(erlangs: number, agents: number, b: number, ahtSeconds: number, targetSeconds: number): ErlangCResult {
  if (erlangs === 0) return { erlangs, pWait: 0, sl: 1, asa: 0, occupancy: 0, overloaded: false };
  if (agents <= erlangs) return { erlangs, pWait: 1, sl: 0, asa: Infinity, occupancy: 1, overloaded: true };
  const pWait = erlangCFromB(erlangs, agents, b);
  const spare = agents - erlangs;
  return {
    erlangs,
    pWait,
    sl: Math.max(0, 1 - pWait * Math.exp((-spare * targetSeconds) / ahtSeconds)),
    asa: (pWait * ahtSeconds) / spare,
    occupancy: erlangs / agents,
    overloaded: false,
  };
}

/** Erlang C figures for `agents` agents answering `traffic`, with a service-level target time. */
export function erlangC(traffic: Traffic & { agents: number; targetSeconds: number }): ErlangCResult {
  checkTraffic(traffic);
  if (!Number.isInteger(traffic.agents) || traffic.agents < 0) throw new RangeError('agents must be a whole number ≥ 0');
  if (!(traffic.targetSeconds >= 0)) throw new RangeError('targetSeconds must be ≥ 0');
  const a = offeredLoad(traffic);
  return figuresFromB(a, traffic.agents, erlangB(a, traffic.agents), traffic.ahtSeconds, traffic.targetSeconds);
}

export function checkTraffic(t: Traffic): void {
  if (!(t.calls >= 0) || !Number.isFinite(t.calls)) throw new RangeError('calls must be a finite number ≥ 0');
  if (!(t.intervalSeconds > 0) || !Number.isFinite(t.intervalSeconds)) throw new RangeError('intervalSeconds must be > 0');
  if (!(t.ahtSeconds > 0) || !Number.isFinite(t.ahtSeconds)) throw new RangeError('ahtSeconds must be > 0');
}
