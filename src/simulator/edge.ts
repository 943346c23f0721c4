// The simulated telephony edge: it reports what callers do through POST /api/v1/telephony/events
// (events of the same moment go out together, as a PBX adapter would batch them) and listens to the
// ACD's decisions on GET /api/v1/telephony/decisions.
import type { Decision } from '../contact-center/index.ts';

export type { Decision };
import type { Api } from './api.ts';
import type { Ledger } from './summary.ts';

export interface EdgeEvent {
  id: string;
  callId: string;
  type: string;
  at: string;
  [field: string]: unknown;
}

export interface Verdict {
  id: string;
  status: 'accepted' | 'duplicate' | 'rejected' | 'error';
  reason?: string;
}

const MAX_BATCH = 500;
const PARALLEL = 2;

export class Edge {
  private queue: { event: EdgeEvent; resolve: (v: Verdict) => void }[] = [];
  private posting = 0;
  private scheduled = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly api: Api,
    private readonly ledger: Ledger,
  ) {}

  /**
   * Reports events; resolves with each one's verdict (never throws: a failed request is an "error"
   * verdict). Events reported in the same turn of the event loop share a request.
   */
  report(events: EdgeEvent[]): Promise<Verdict[]> {
    const verdicts = Promise.all(events.map((event) => new Promise<Verdict>((resolve) => this.queue.push({ event, resolve }))));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
    return verdicts;
  }

  private flush(): void {
    while (this.queue.length && this.posting < PARALLEL) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.posting++;
      void this.post(batch).finally(() => {
        this.posting--;
        this.flush();
      });
    }
  }

  private async post(batch: { event: EdgeEvent; resolve: (v: Verdict) => void }[]): Promise<void> {
    this.ledger.events += batch.length;
    try {
      const r = await this.api.request<{ results: Verdict[] }>('POST', '/api/v1/telephony/events', { events: batch.map((b) => b.event) });
      if (r.status !== 200) throw new Error(`POST /api/v1/telephony/events: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      batch.forEach((b, i) => {
        const v = r.body.results[i] ?? { id: b.event.id, status: 'error' as const, reason: 'no verdict' };
        if (v.status === 'rejected') this.ledger.reject(b.event.type, v.reason ?? '');
        b.resolve(v);
      });
    } catch (e) {
      this.ledger.error('telephony events', e);
      for (const b of batch) b.resolve({ id: b.event.id, status: 'error', reason: (e as Error).message });
    }
  }

  /** Opens the decision stream; each decision goes to `on`. */
  async listen(on: (d: Decision) => void, onError: (e: Error) => void): Promise<void> {
    await this.api.stream(
      '/api/v1/telephony/decisions',
      (m) => {
        this.ledger.decisions++;
        on(m.data as Decision);
      },
      this.abort.signal,
      onError,
    );
  }

  close(): void {
    this.abort.abort();
  }
}
