// An event sent on a stream goes out at once: Node holds a response's writes until the next tick,
// which a sender in a long chain of promise continuations (the embedded database runs in this
// thread) would otherwise push back until after the work that follows.
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSse, type SseClient } from './sse.ts';

describe('server-sent events', () => {
  const app = Fastify();
  let stream: { sse: SseClient; raw: ServerResponse } | undefined;
  let opened: () => void;
  const ready = new Promise<void>((r) => (opened = r));
  const controller = new AbortController();

  beforeAll(async () => {
    app.get('/stream', async (req, reply) => {
      stream = { sse: openSse(req, reply), raw: reply.raw };
      opened();
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    controller.abort();
    await app.close();
  });

  it('puts an event on the wire as soon as it is sent, not at the next tick', async () => {
    const res = await fetch(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/stream`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await ready;
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    stream!.sse.send({ id: 1, event: 'connect', data: { callId: 'c-1' } });
    // nothing is left held in the socket for later
    expect(stream!.raw.socket?.writableCorked).toBe(0);
    let text = '';
    while (!text.includes('c-1')) text += (await reader.read()).value ?? '';
    expect(text).toContain('id: 1\nevent: connect\ndata: {"callId":"c-1"}\n\n');

    // a batch of events: one write to the network, not one per event
    const socket = stream!.raw.socket as unknown as { _writev: (...a: unknown[]) => unknown; _write: (...a: unknown[]) => unknown };
    let writes = 0;
    for (const m of ['_writev', '_write'] as const) {
      const original = socket[m].bind(socket);
      socket[m] = (...a: unknown[]) => (writes++, original(...a));
    }
    stream!.sse.sendMany([2, 3, 4].map((n) => ({ id: n, event: 'connect', data: { callId: `c-${n}` } })));
    expect(writes).toBe(1);
    while (!text.includes('c-4')) text += (await reader.read()).value ?? '';
    expect(text.indexOf('c-2')).toBeLessThan(text.indexOf('c-3'));

    // an id alone (the client's last event id moves; nothing is dispatched)
    stream!.sse.sendMany([{ id: 5 }, { id: 6, event: 'connect', data: { callId: 'c-6' } }]);
    while (!text.includes('c-6')) text += (await reader.read()).value ?? '';
    expect(text).toContain('\n\nid: 5\n\nid: 6\nevent: connect\n');
  });
});
