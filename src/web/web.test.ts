import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { apps } from './bundles.ts';

describe('staff apps', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  const raw = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers });

  it('finds every folder of web/ with a main.tsx, not the shared code', () => {
    expect(apps()).toContain('operator');
    expect(apps()).not.toContain('shared');
  });

  it('serves the shell, then the bundle under a name that changes with its content, cached for ever', async () => {
    const shell = await raw('/operator');
    expect(shell.status).toBe(200);
    expect(shell.headers.get('content-type')).toContain('text/html');
    expect(shell.headers.get('cache-control')).toBe('no-cache');
    expect(shell.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await shell.text();
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('<meta name="otvet-session" content="0">');
    const js = /src="(\/assets\/operator-[0-9a-f]{16}\.js)"/.exec(html)![1]!;
    const css = /href="(\/assets\/operator-[0-9a-f]{16}\.css)"/.exec(html)![1]!;

    const plain = await raw(js, { 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toContain('text/javascript');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const body = Buffer.from(await plain.arrayBuffer());
    expect(body.toString().includes('Рабочее место оператора')).toBe(true); // UTF-8, not \u escapes
    const etag = plain.headers.get('etag')!;
    expect((await raw(js, { 'accept-encoding': 'identity', 'if-none-match': etag })).status).toBe(304);

    // fetch() would unpack gzip by itself: the bytes are checked through node:http's view instead
    const zipped = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http.get(`${app.url}${js}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(zipped.headers.etag).not.toBe(etag);
    expect(zipped.body.length).toBeLessThan(body.length / 2);
    expect(gunzipSync(zipped.body).equals(body)).toBe(true);

    const style = await raw(css);
    expect(style.status).toBe(200);
    expect(style.headers.get('content-type')).toContain('text/css');
    expect(await style.text()).toContain(':focus-visible');
  });

  it('says the page knows of a session when the cookie came with it', async () => {
    const operator = await app.as('operator', '77');
    const html = (await operator.get('/operator')).text;
    expect(html).toContain('<meta name="otvet-session" content="1">');
  });

  it('tells the workstation whether it has a browser phone, and lets it reach the edge’s WebSocket and nothing else', async () => {
    const without = await raw('/operator');
    expect(await without.text()).toContain('<meta name="otvet-phone" content="0">');
    expect(without.headers.get('content-security-policy')).toContain("connect-src 'self';");
    const withPhone = await startApp({ sipWsUrl: 'wss://sip.example.ru:8443/ws' });
    try {
      const shell = await fetch(`${withPhone.url}/operator`);
      expect(await shell.text()).toContain('<meta name="otvet-phone" content="1">');
      expect(shell.headers.get('content-security-policy')).toContain("connect-src 'self' wss://sip.example.ru:8443;");
      // the other apps have no phone
      const supervisor = await fetch(`${withPhone.url}/supervisor`);
      expect(supervisor.headers.get('content-security-policy')).toContain("connect-src 'self';");
      expect(await supervisor.text()).not.toContain('otvet-phone');
    } finally {
      await withPhone.close();
    }
  });

  it('serves the staff landing page at /staff, and each app with its title from the table of apps', async () => {
    const staff = await (await raw('/staff')).text();
    expect(staff).toContain('<title>Вход для сотрудников — Ответ</title>');
    expect(await (await raw('/supervisor')).text()).toContain('<title>Старший смены — Ответ</title>');
  });

  it('tells the workstation it may offer a test call in demo mode only', async () => {
    expect(await (await raw('/operator')).text()).not.toContain('otvet-demo');
    const demo = await startApp({}, { demo: true });
    try {
      expect(await (await fetch(`${demo.url}/operator`)).text()).toContain('<meta name="otvet-demo" content="1">');
      expect(await (await fetch(`${demo.url}/supervisor`)).text()).not.toContain('otvet-demo');
    } finally {
      await demo.close();
    }
  });

  it('answers 404 for an asset it does not have, and refuses names that are not assets', async () => {
    expect((await raw('/assets/operator-0123456789abcdef.js')).status).toBe(404);
    expect((await raw('/assets/nobody-0123456789abcdef.js')).status).toBe(404);
    expect((await raw('/assets/..%2Fpackage.json')).status).toBe(400);
    expect((await raw('/shared')).status).toBe(404);
  });
});
