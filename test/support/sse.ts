// A Server-Sent Events client for tests, reading the stream as a browser's EventSource would.
import type { Client } from './http-client.ts';

export interface SseEvent {
  id?: string;
  event?: string;
  data: any;
  receivedAt: number;
}

export interface SseStream {
  events: SseEvent[];
  /** Resolves with the first event (already received or coming) that matches, or rejects after `ms`. */
  next(match: (e: SseEvent) => boolean, ms?: number): Promise<SseEvent>;
  close(): void;
}

export async function openStream(client: Client, path: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const controller = new AbortController();
  const h: Record<string, string> = { accept: 'text/event-stream', ...headers };
  if (client.cookie) h.cookie = client.cookie;
  if (client.token) h.authorization = `Bearer ${client.token}`;
  const res = await fetch(client.baseUrl + path, { headers: h, signal: controller.signal });
  if (res.status !== 200) throw new Error(`stream ${path}: ${res.status} ${await res.text()}`);
  const events: SseEvent[] = [];
  const waiters: { match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e: Partial<SseEvent> = {};
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) e.id = line.slice(4);
            else if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (!data.length) continue;
          const event: SseEvent = { ...e, data: JSON.parse(data.join('\n')), receivedAt: Date.now() };
          events.push(event);
          for (const w of [...waiters]) if (w.match(event)) w.resolve(event);
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    next(match, ms = 5000) {
      const found = events.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events.map((x) => x.event))}`)), ms);
        waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    close: () => controller.abort(),
  };
}
