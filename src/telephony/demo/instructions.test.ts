// What the telephony demo says about answering in the browser: when otvet's workstation has a phone
// that reaches the demo's edge, answer there; when not, how to start otvet so that it has; and how
// the demo learns which (the workstation page's own policy and meta tag, as any visitor sees them).
import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD, startApp, type TestApp } from '../../../test/support/app.ts';
import { phoneInstructions, type PhoneSetup } from './instructions.ts';
import { DemoAdmin } from './otvet-admin.ts';

const setup = (browser?: PhoneSetup['browser']): PhoneSetup => ({
  otvetUrl: 'http://localhost:8122',
  operator: 'operator-77',
  sipPassword: 'secret',
  edge: { host: '127.0.0.1', port: 5060 },
  baresip: '/usr/bin/baresip',
  dir: '/tmp/demo',
  ...(browser ? { browser } : {}),
});

describe('the demo’s word on the browser phone', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
  });

  it('says to answer in the workstation when otvet’s phone reaches the edge, how to make it so when not, nothing with the WebSocket off', () => {
    const ready = phoneInstructions(setup({ wsUrl: 'ws://127.0.0.1:5066', ready: true }), '/tmp/demo/baresip');
    expect(ready).toContain('http://localhost:8122/operator it registers by itself');
    expect(ready).not.toContain('SIP_WS_URL=');
    const not = phoneInstructions(setup({ wsUrl: 'ws://127.0.0.1:5066', ready: false }), '/tmp/demo/baresip');
    expect(not).toContain('SIP_WS_URL=ws://127.0.0.1:5066 npm start -- --no-simulation');
    const off = phoneInstructions(setup(), '/tmp/demo/baresip');
    expect(off).not.toMatch(/SIP_WS_URL|registers by itself/);
    expect(off).toContain('baresip -f /tmp/demo/baresip');
  });

  it('learns from the workstation page whether otvet has a browser phone, and where it registers', async () => {
    const plain = await startApp();
    const withPhone = await startApp({ sipWsUrl: 'ws://127.0.0.1:5066' });
    apps.push(plain, withPhone);
    for (const a of apps) await a.user('admin', 'federal', 'demo-admin');
    expect(await (await DemoAdmin.signIn(plain.url, 'demo-admin', PASSWORD)).browserPhone()).toBeUndefined();
    expect(await (await DemoAdmin.signIn(withPhone.url, 'demo-admin', PASSWORD)).browserPhone()).toBe('ws://127.0.0.1:5066');
  });
});
