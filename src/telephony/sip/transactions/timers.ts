// The timer values of RFC 3261 §17 and Table 4 (Appendix A), with RFC 6026's L and M. T1, T2 and T4
// are configurable (a network with a longer round trip raises T1); every other timer follows from them.
// On a reliable transport (TCP, WS) nothing is retransmitted and D, I, J and K are zero.

export interface TimerConfig {
  /** The round-trip estimate: first retransmission interval. */
  t1: number;
  /** The longest retransmission interval for non-INVITE requests and INVITE responses. */
  t2: number;
  /** How long a message may stay in the network. */
  t4: number;
  /** Timer D: how long a client INVITE transaction absorbs retransmitted final responses (UDP: at least 32 s). */
  d: number;
  /** How long a server INVITE transaction waits before sending 100 Trying itself (§17.2.1: unless the TU answers within 200 ms). */
  trying: number;
}

export const defaultTimers: TimerConfig = { t1: 500, t2: 4000, t4: 5000, d: 32000, trying: 200 };

export function timerConfig(partial: Partial<TimerConfig> = {}): TimerConfig {
  const c = { ...defaultTimers, ...partial };
  for (const [name, value] of Object.entries(c)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`SIP timer ${name} must be a non-negative number of milliseconds, not ${value}`);
  }
  if (c.t1 === 0) throw new RangeError('SIP timer t1 must be above zero');
  return c;
}

/** The timers a transaction uses, in milliseconds, for its transport. */
export function timersFor(c: TimerConfig, reliable: boolean) {
  const timeout = 64 * c.t1;
  return {
    /** A, E, G: the first retransmission interval (none on a reliable transport). */
    retransmit: reliable ? undefined : c.t1,
    t2: c.t2,
    /** B, F, H, L, M: 64*T1. */
    timeout,
    d: reliable ? 0 : c.d,
    /** I and K: T4 on UDP. */
    t4: reliable ? 0 : c.t4,
    /** J: 64*T1 on UDP. */
    j: reliable ? 0 : timeout,
    trying: c.trying,
  };
}

export type TransactionTimers = ReturnType<typeof timersFor>;
