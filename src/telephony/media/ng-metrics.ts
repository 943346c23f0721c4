// What the edge's /metrics says about its talk with rtpengine: requests by command, failures by
// kind, retries, and the round-trip time of each answered request as a cumulative histogram (the
// Prometheus shape, so /metrics copies it as it is). Plain counters here; the edge's registry reads
// snapshot() at scrape time.

export type NgFailureKind = 'error' | 'timeout' | 'protocol';

/** Upper bounds in seconds, as the platform's HTTP histogram. */
export const RTT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] as const;

export interface NgMetricsSnapshot {
  /** Requests sent (first attempts), by command. */
  requests: Record<string, number>;
  /** Requests that failed, by command and kind: rtpengine's `error` result, no reply in time, a reply we could not read. */
  failures: Record<string, Record<NgFailureKind, number>>;
  /** Datagrams sent again with the same cookie after a timeout. */
  retries: number;
  /** Replies that came after their request had been given up, or with an unknown cookie. */
  strayReplies: number;
  /** Seconds from the first send to the reply, over requests that got one (error results included). */
  rtt: { buckets: { le: number; count: number }[]; sum: number; count: number };
}

export class NgMetrics {
  private readonly requests = new Map<string, number>();
  private readonly failures = new Map<string, Record<NgFailureKind, number>>();
  private readonly bucketCounts: number[] = RTT_BUCKETS.map(() => 0);
  private rttSum = 0;
  private rttCount = 0;
  private retries = 0;
  private stray = 0;

  request(command: string): void {
    this.requests.set(command, (this.requests.get(command) ?? 0) + 1);
  }

  failure(command: string, kind: NgFailureKind): void {
    const row = this.failures.get(command) ?? { error: 0, timeout: 0, protocol: 0 };
    row[kind] += 1;
    this.failures.set(command, row);
  }

  retry(): void {
    this.retries += 1;
  }

  strayReply(): void {
    this.stray += 1;
  }

  roundTrip(seconds: number): void {
    this.rttSum += seconds;
    this.rttCount += 1;
    RTT_BUCKETS.forEach((le, i) => {
      if (seconds <= le) this.bucketCounts[i]! += 1;
    });
  }

  snapshot(): NgMetricsSnapshot {
    return {
      requests: Object.fromEntries(this.requests),
      failures: Object.fromEntries([...this.failures].map(([k, v]) => [k, { ...v }])),
      retries: this.retries,
      strayReplies: this.stray,
      rtt: { buckets: RTT_BUCKETS.map((le, i) => ({ le, count: this.bucketCounts[i]! })), sum: this.rttSum, count: this.rttCount },
    };
  }
}
