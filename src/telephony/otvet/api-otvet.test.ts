// The edge's questions asked of a real otvet (in-process, over HTTP, with a telephony token): the
// answers must fit the shapes the client checks, or the edge would fail inside a call.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import type { Client } from '../../../test/support/http-client.ts';
import { edgeClient, event, offered, uid } from '../../../test/support/telephony.ts';
import { OtvetApi } from './api.ts';

describe('OtvetApi against otvet', () => {
  let app: TestApp;
  let edge: Client;
  let api: OtvetApi;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    edge = await edgeClient(app, '77');
    api = new OtvetApi({ baseUrl: app.url, token: edge.token! });
  });
  afterAll(() => app.close());

  it('reads operators’ digest HA1s, then only what changed since', async () => {
    const op = await app.as('operator', '77');
    expect((await op.put(`/api/v1/operators/${op.username}/sip-password`, { password: 'phone-secret-77' })).status).toBe(204);
    const all = await api.sipCredentials();
    const mine = all.items.find((c) => c.username === op.username);
    expect(mine).toMatchObject({ operator: op.username, kind: 'password', expiresAt: null });
    expect(mine?.ha1Sha256).toBe(createHash('sha256').update(`${op.username}:${all.realm}:phone-secret-77`).digest('hex'));
    const again = await api.sipCredentials(all.next);
    expect(again.items.map((c) => c.username)).not.toContain(op.username);
    expect((await op.delete(`/api/v1/operators/${op.username}/sip-password`)).status).toBe(204);
    expect((await api.sipCredentials(again.next)).removed).toContain(op.username);
  });

  it('reads the region’s IVR menu (the default one from the knowledge base)', async () => {
    const menu = await api.ivrMenu('77');
    expect(menu.items.length).toBeGreaterThan(0);
    expect(menu.items[0]).toEqual({ digit: '1', section: expect.any(String) });
    expect(menu.timeoutSeconds).toBeGreaterThan(0);
  });

  it('reads a waiting call’s place in the queue, and null for a call otvet does not know', async () => {
    const callId = uid('wait');
    const r = await edge.post('/api/v1/telephony/events', { events: [offered(callId, '77'), event(callId, 'queued')] });
    expect(r.status, r.text).toBe(200);
    expect(await api.callWait(callId)).toMatchObject({ state: 'waiting', position: expect.any(Number) });
    expect(await api.callWait(uid('nobody'))).toBeNull();
  });
});
