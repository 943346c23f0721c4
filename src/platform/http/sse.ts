// Server-Sent Events: one stream per browser, with ids (so a reconnecting client says where it
// stopped via Last-Event-ID), a heartbeat that keeps proxies and weak mobile links from dropping an
// idle stream, and clean closing when the client leaves or the server stops.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './types.ts';

export interface SseEvent {
  id?: number | string;
  event?: string;
  /** Without data (an id alone) a frame dispatches nothing; it only moves the client's last event id. */
  data?: unknown;
}

export interface SseClient {
  send(event: SseEvent): void;
  /** Several events in one write to the network (the ACD's decisions for a batch of calls). */
  sendMany(events: SseEvent[]): void;
  readonly closed: boolean;
  onClose(fn: () => void): void;
}

const HEARTBEAT_MS = 15_000;
const open = new Set<() => void>();

/** Ends every open stream; the server calls this when it closes. */
export function registerSse(app: App) {
  app.addHook('onClose', async () => {
    for (const end of [...open]) end();
  });
}

/** The id the client last saw: the Last-Event-ID header, or ?lastEventId= for clients that cannot set headers. */
export function lastEventId(req: FastifyRequest): number | undefined {
  const raw = req.headers['last-event-id'] ?? (req.query as { lastEventId?: string } | undefined)?.lastEventId;
  const n = Number(raw);
  return typeof raw === 'string' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

export interface SseOptions {
  /**
   * Send a `ping` event this often instead of the quiet heartbeat: a client that must notice a
   * silent line (a proxy or NAT that dropped it without a word) counts the time since it last
   * heard one. Comments are not seen by an EventSource; events are.
   */
  pingMs?: number;
}

export function openSse(req: FastifyRequest, reply: FastifyReply, options: SseOptions = {}): SseClient {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store, no-transform', // (like every API answer; no-transform: proxies must not buffer or compress)
    connection: 'keep-alive',
    'x-accel-buffering': 'no', // nginx: pass events through at once
    'x-request-id': req.id,
  });
  res.write('retry: 2000\n\n');
  let closed = false;
  const listeners: (() => void)[] = [];
  const heartbeat = options.pingMs ? setInterval(() => res.write('event: ping\ndata: 0\n\n'), options.pingMs) : setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const end = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    open.delete(end);
    res.end();
    for (const fn of listeners) fn();
  };
  open.add(end);
  req.raw.on('close', end);
  return {
    get closed() {
      return closed;
    },
    send(event) {
      this.sendMany([event]);
    },
    sendMany(events) {
      if (closed || !events.length) return;
      for (const { id, event, data } of events) {
        const lines = [];
        if (id !== undefined) lines.push(`id: ${id}`);
        if (event) lines.push(`event: ${event}`);
        if (data !== undefined) for (const line of JSON.stringify(data).split('\n')) lines.push(`data: ${line}`);
        res.write(`${lines.join('\n')}\n\n`);
      }
      // Out now: Node holds a response's writes until the next tick, and a sender deep in a chain
      // of promise continuations (the embedded database runs in this thread) would keep the events
      // back until the chain ends — after the database work that follows the decision. (Once per
      // call: each release is a write to the network.)
      res.socket?.uncork();
    },
    onClose(fn) {
      listeners.push(fn);
    },
  };
}
