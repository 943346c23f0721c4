// What the client does with answers otvet itself never gives (bad shapes, problems, not JSON):
// checked against a local fake server. api-otvet.test.ts reads the real answers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OtvetApi } from './api.ts';
import { OtvetError } from './connection.ts';

interface Seen {
  url: string;
  authorization: string | undefined;
}
let server: http.Server;
let base: string;
let seen: Seen[] = [];
let answer: (url: string) => { status: number; body: unknown } = () => ({ status: 404, body: {} });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ url: req.url!, authorization: req.headers.authorization });
    const { status, body } = answer(req.url!);
    res.writeHead(status, { 'content-type': status === 200 ? 'application/json' : 'application/problem+json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen = [];
});

const api = () => new OtvetApi({ baseUrl: `${base}/`, token: 'otvet_test' });
const cred = {
  username: 'operator-77',
  operator: 'operator-77',
  kind: 'password',
  realm: 'otvet',
  ha1Md5: 'a'.repeat(32),
  ha1Sha256: 'b'.repeat(64),
  updatedAt: '2026-12-05T10:00:00.000Z',
  expiresAt: null,
};
const session = { ...cred, username: 'operator-77~0123456789abcdef', kind: 'session', expiresAt: '2026-12-05T18:00:00.000Z' };

describe('OtvetApi', () => {
  it('sends the token and passes `since` back as it came', async () => {
    answer = () => ({ status: 200, body: { realm: 'otvet', items: [cred], removed: [], next: '812' } });
    expect(await api().sipCredentials()).toEqual({ realm: 'otvet', items: [cred], removed: [], next: '812' });
    await api().sipCredentials('812');
    expect(seen).toEqual([
      { url: '/api/v1/telephony/sip-credentials', authorization: 'Bearer otvet_test' },
      { url: '/api/v1/telephony/sip-credentials?since=812', authorization: 'Bearer otvet_test' },
    ]);
  });

  it('reads a browser session’s credential: its operator, kind and expiry', async () => {
    answer = () => ({ status: 200, body: { realm: 'otvet', items: [cred, session], removed: [], next: '2' } });
    expect((await api().sipCredentials()).items).toEqual([cred, session]);
  });

  it('reads an otvet from before session credentials: every row a password of the operator it names', async () => {
    const { username, realm, ha1Md5, ha1Sha256, updatedAt } = cred;
    answer = () => ({ status: 200, body: { realm: 'otvet', items: [{ username, realm, ha1Md5, ha1Sha256, updatedAt }], removed: [], next: '1' } });
    expect((await api().sipCredentials()).items).toEqual([cred]);
  });

  it('refuses a session credential without its operator or its expiry', async () => {
    for (const bad of [
      { ...session, expiresAt: null },
      { ...session, operator: undefined },
      { ...session, kind: 'token' },
    ]) {
      answer = () => ({ status: 200, body: { realm: 'otvet', items: [bad], removed: [], next: '1' } });
      await expect(api().sipCredentials()).rejects.toThrow(/unexpected answer: items\.0\.kind/);
    }
  });

  it('refuses credentials that are not digest HA1s', async () => {
    answer = () => ({ status: 200, body: { realm: 'otvet', items: [{ ...cred, ha1Md5: 'secret' }], removed: [], next: '1' } });
    await expect(api().sipCredentials()).rejects.toThrow(/unexpected answer: items\.0\.ha1Md5/);
  });

  it('fetches a region’s IVR menu', async () => {
    const menu = {
      greeting: 'Здравствуйте',
      timeoutSeconds: 8,
      items: [
        { digit: '1', section: 'Пенсии' },
        { digit: 2, section: 'Коронавирус' },
      ],
    };
    answer = (url) => (url === '/api/v1/regions/77/ivr-menu' ? { status: 200, body: menu } : { status: 404, body: {} });
    expect(await api().ivrMenu('77')).toEqual({
      ...menu,
      items: [
        { digit: '1', section: 'Пенсии' },
        { digit: '2', section: 'Коронавирус' },
      ],
    });
  });

  it('says what is wrong with a menu it cannot use', async () => {
    answer = () => ({ status: 200, body: { timeoutSeconds: 8, items: [{ digit: '12', section: 'x' }] } });
    await expect(api().ivrMenu('77')).rejects.toThrow(/items\.0\.digit: a key of the phone/);
  });

  it('fetches a call’s wait estimate, and null for a call otvet does not know', async () => {
    answer = (url) =>
      url === '/api/v1/telephony/calls/pbx77%2F1/wait' ? { status: 200, body: { state: 'waiting', position: 3, estimatedWaitSeconds: 95 } } : { status: 404, body: { detail: 'no such call' } };
    expect(await api().callWait('pbx77/1')).toEqual({ state: 'waiting', position: 3, estimatedWaitSeconds: 95 });
    expect(await api().callWait('other')).toBeNull();
  });

  it('reads a call no longer waiting as having no position or estimate', async () => {
    answer = () => ({ status: 200, body: { state: 'talking' } });
    expect(await api().callWait('c1')).toEqual({ state: 'talking', position: null, estimatedWaitSeconds: null });
  });

  it('throws otvet’s problem detail with the status', async () => {
    answer = () => ({ status: 403, body: { title: 'Forbidden', detail: 'this token may only report telephony events' } });
    const e = await api()
      .ivrMenu('77')
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OtvetError);
    expect(e).toMatchObject({ status: 403, detail: 'this token may only report telephony events' });
  });

  it('throws when the answer is not JSON', async () => {
    answer = () => ({ status: 200, body: '<html>' });
    await expect(api().callWait('c1')).rejects.toThrow(/not JSON/);
  });
});
