// The simulation's clock: simulated time runs `speed` times as fast as real time from the moment
// `run()` is called (before that it stands at the start). Everything simulated waits on this
// clock's timers — one real timer for all of them — and in-process the app's ACD and operators'
// workstations read the same clock, so ring timeouts, escalation and event times agree.
// If the machine cannot keep up, timers fire late; `lag` says by how much (in simulated time).

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export interface TimerHandle {
  cancel(): void;
}

export class SimClock {
  private heap: Timer[] = [];
  private seq = 0;
  private realStart = 0;
  private running = false;
  private stopped = false;
  private handle: NodeJS.Timeout | undefined;
  private armedFor = Infinity;
  /** The largest and the summed lateness of fired timers, simulated ms. */
  readonly lag = { max: 0, total: 0, count: 0 };

  constructor(
    private startMs: number,
    readonly speed: number,
  ) {}

  /** Simulated time at `run()`. */
  get start(): number {
    return this.startMs;
  }

  /** Simulated epoch milliseconds. */
  ms(): number {
    if (!this.running) return this.startMs;
    return this.startMs + (performance.now() - this.realStart) * this.speed;
  }

  now(): Date {
    return new Date(Math.floor(this.ms()));
  }

  /**
   * Real time: simulated time is the wall clock, from now on (setting up a run takes seconds, and in
   * real time nothing may lag the clocks of the server and of people at workstations).
   */
  runFromNow(): void {
    if (this.running) return;
    this.startMs = Date.now();
    this.run();
  }

  /** Starts the clock. */
  run(): void {
    if (this.running) return;
    this.running = true;
    this.realStart = performance.now();
    this.arm();
  }

  /** Stops every timer; pending sleeps never resolve. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.handle);
    this.heap = [];
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Calls `fn` at simulated time `at` (at once if that has passed). */
  at(at: number, fn: () => void): TimerHandle {
    const t: Timer = { at, seq: this.seq++, fn, cancelled: false };
    if (this.stopped) return { cancel() {} };
    this.push(t);
    if (at < this.armedFor) this.arm();
    return { cancel: () => void (t.cancelled = true) };
  }

  after(ms: number, fn: () => void): TimerHandle {
    return this.at(this.ms() + ms, fn);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  sleepUntil(at: number): Promise<void> {
    return new Promise((resolve) => this.at(at, resolve));
  }

  /** Real milliseconds for a span of simulated time. */
  realMs(simulatedMs: number): number {
    return simulatedMs / this.speed;
  }

  private arm(): void {
    clearTimeout(this.handle);
    this.handle = undefined;
    this.armedFor = Infinity;
    if (!this.running || this.stopped) return;
    while (this.heap.length && this.heap[0]!.cancelled) this.pop();
    const top = this.heap[0];
    if (!top) return;
    this.armedFor = top.at;
    const delay = Math.max(0, (top.at - this.ms()) / this.speed);
    this.handle = setTimeout(() => this.fire(), Math.min(delay, 2 ** 31 - 1));
  }

  private fire(): void {
    const now = this.ms();
    const due: Timer[] = [];
    while (this.heap.length && this.heap[0]!.at <= now) {
      const t = this.pop()!;
      if (t.cancelled) continue;
      due.push(t);
      const late = now - t.at;
      this.lag.max = Math.max(this.lag.max, late);
      this.lag.total += late;
      this.lag.count++;
    }
    this.arm();
    for (const t of due) t.fn();
  }

  // --- a binary heap by (at, seq) ---------------------------------------------------------------
  private less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
