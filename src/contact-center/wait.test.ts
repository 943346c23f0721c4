// A waiting caller's place and estimated wait, as the SIP edge asks for them to announce.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { edgeClient, event, offered } from '../../test/support/telephony.ts';

const wait = (callId: string) => `/api/v1/telephony/calls/${callId}/wait`;

describe('estimated wait', () => {
  let app: TestApp;
  let edge: Client;
  const t0 = Date.now() - 120_000;
  const at = (s: number) => new Date(t0 + s * 1000);
  beforeAll(async () => {
    // (no ACD: the calls stay in the queue however many operators are ready)
    app = await startApp({}, { acd: false });
    edge = await edgeClient(app);
    const events = [0, 1, 2].flatMap((i) => [offered(`w-${i}`, '77', at(i)), event(`w-${i}`, 'queued', at(i + 0.5))]);
    const r = await edge.post('/api/v1/telephony/events', { events: [...events, offered('w-ivr', '77', at(3))] });
    expect(
      r.body.results.every((x: { status: string }) => x.status === 'accepted'),
      r.text,
    ).toBe(true);
  });
  afterAll(() => app.close());

  it('a call in the IVR has no place yet; with nobody at work a waiting one has a place but no estimate', async () => {
    expect((await edge.get(wait('w-ivr'))).body).toEqual({ state: 'ivr', position: null, estimatedWaitSeconds: null });
    const r = await edge.get(wait('w-2'));
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({ state: 'waiting', position: 3, estimatedWaitSeconds: null });
  });

  it('is the ACD’s estimate: the callers ahead and this one, over the operators at work, three minutes each', async () => {
    for (const region of ['77', '77', '78']) expect((await (await app.as('operator', region)).post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    expect((await edge.get(wait('w-0'))).body).toEqual({ state: 'waiting', position: 1, estimatedWaitSeconds: 90 });
    expect((await edge.get(wait('w-2'))).body).toEqual({ state: 'waiting', position: 3, estimatedWaitSeconds: 270 });
    // a caller ahead hangs up
    expect((await edge.post('/api/v1/telephony/events', { events: [event('w-0', 'abandoned', at(30))] })).body.results[0].status).toBe('accepted');
    expect((await edge.get(wait('w-2'))).body).toEqual({ state: 'waiting', position: 2, estimatedWaitSeconds: 180 });
    expect((await edge.get(wait('w-0'))).body).toEqual({ state: 'abandoned', position: null, estimatedWaitSeconds: null });
  });

  it('a regional edge asks about its region’s calls, and those overflowed into its queue; others are unknown to it, exactly alike', async () => {
    const edge78 = await edgeClient(app, '78');
    const other = await edge78.get(wait('w-1'));
    const unknown = await edge78.get(wait('no-such-call'));
    expect(other.status).toBe(404);
    const same = (r: typeof other, id: string) => ({ ...r.body, detail: r.body.detail.replace(id, '…'), instance: r.body.instance.replace(id, '…'), requestId: undefined });
    expect(same(other, 'w-1')).toEqual(same(unknown, 'no-such-call'));
    expect(other.headers.get('content-type')).toBe(unknown.headers.get('content-type'));

    const moved = [offered('w-78', '78', at(4)), event('w-78', 'queued', at(5)), event('w-78', 'transferred', at(6), { to: { queue: 'general', region: '77' } })];
    expect((await edge78.post('/api/v1/telephony/events', { events: moved })).body.results.map((x: { status: string }) => x.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const edge77 = await edgeClient(app, '77');
    // queued in 77 after the two still waiting there; 77's operators take it
    expect((await edge77.get(wait('w-78'))).body).toEqual({ state: 'waiting', position: 3, estimatedWaitSeconds: 270 });
    expect((await edge78.get(wait('w-78'))).status).toBe(200);
  });

  it('is for telephony edges only', async () => {
    for (const role of ['operator', 'supervisor', 'coordinator'] as const) expect((await (await app.as(role, '77')).get(wait('w-1'))).status, role).toBe(403);
    expect((await app.client().get(wait('w-1'))).status).toBe(401);
  });
});
