// The simulator's way into otvet: its public HTTP API, with an API token, as any client would use
// it — in-process over a loopback listener, or against a server elsewhere.
import { SIMULATOR_AGENT } from '../platform/http/server.ts';
import { SseParser } from '../platform/http/sse-parser.ts';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const detail = body && typeof body === 'object' && 'detail' in body ? String((body as { detail: unknown }).detail) : typeof body === 'string' ? body.slice(0, 300) : '';
    super(`${method} ${path}: ${status}${detail ? ` ${detail}` : ''}`);
    this.name = 'ApiError';
  }
}

export interface SseMessage {
  id?: string;
  event: string;
  data: unknown;
}

const RETRIES = 3;

export class Api {
  /** Requests sent and not yet answered. */
  inFlight = 0;
  requests = 0;
  failures = 0;

  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  /** Another client of the same server, acting with another token (an operator's). */
  as(token: string): Api {
    return new Api(this.baseUrl, token);
  }

  /** A request; network errors and 502–504 are retried (the API's writes here are idempotent or refuse a repeat). */
  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, 'user-agent': `${SIMULATOR_AGENT}/1` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    this.inFlight++;
    this.requests++;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await fetch(this.baseUrl + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
          const text = await res.text();
          if (res.status >= 502 && res.status <= 504 && attempt < RETRIES) {
            await new Promise((r) => setTimeout(r, 200 * attempt));
            continue;
          }
          const parsed = text && (res.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as T) : (text as T);
          return { status: res.status, body: parsed };
        } catch (e) {
          if (attempt >= RETRIES) {
            this.failures++;
            throw new Error(`${method} ${path}: ${(e as Error).message}`, { cause: e });
          }
          await new Promise((r) => setTimeout(r, 200 * attempt));
        }
      }
    } finally {
      this.inFlight--;
    }
  }

  /** A request that must succeed with one of `ok` statuses. */
  async call<T = unknown>(method: string, path: string, body?: unknown, ok: number[] = [200, 201, 204]): Promise<T> {
    const r = await this.request<T>(method, path, body);
    if (!ok.includes(r.status)) throw new ApiError(method, path, r.status, r.body);
    return r.body;
  }

  get = <T = unknown>(path: string) => this.call<T>('GET', path);
  post = <T = unknown>(path: string, body: unknown = {}) => this.call<T>('POST', path, body);

  /**
   * Reads a Server-Sent Events stream, reconnecting (with Last-Event-ID) when it drops, until the
   * signal aborts. Resolves once the first connection is open.
   */
  async stream(path: string, onMessage: (m: SseMessage) => void, signal: AbortSignal, onError?: (e: Error) => void): Promise<void> {
    let lastId: string | undefined;
    const connect = async () => {
      const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: 'text/event-stream', 'user-agent': `${SIMULATOR_AGENT}/1` };
      if (lastId) headers['last-event-id'] = lastId;
      const res = await fetch(this.baseUrl + path, { headers, signal });
      if (res.status !== 200) throw new ApiError('GET', path, res.status, await res.text());
      return res.body!.pipeThrough(new TextDecoderStream()).getReader();
    };
    const read = async (reader: ReadableStreamDefaultReader<string>) => {
      // Frames with an id and no data (a decision this node sent before it was stored) move the id too.
      const parser = new SseParser((m) => onMessage({ ...(m.id ? { id: m.id } : {}), event: m.event, data: JSON.parse(m.data) }), lastId ?? '');
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          parser.feed(value);
        }
      } finally {
        if (parser.lastEventId) lastId = parser.lastEventId;
      }
    };
    const first = await connect();
    void (async () => {
      let reader: ReadableStreamDefaultReader<string> | undefined = first;
      while (!signal.aborted) {
        try {
          reader ??= await connect();
          await read(reader);
        } catch (e) {
          if (signal.aborted) return;
          onError?.(e as Error);
        }
        reader = undefined;
        if (!signal.aborted) await new Promise((r) => setTimeout(r, 500));
      }
    })();
  }
}
