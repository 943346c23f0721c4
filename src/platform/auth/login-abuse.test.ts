// Failed sign-ins slow their address down, across usernames, and lock an account only for the
// address they came from: an attacker elsewhere cannot lock the real user out. Locks from several
// addresses lock the account for everyone. (Behind a trusted proxy on this machine, so each client
// can come from its own address; the guard's clock is the test's.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startApp, type TestApp } from '../../../test/support/app.ts';
import type { Client } from '../../../test/support/http-client.ts';
import { LoginGuard } from './login-guard.ts';

describe('failed sign-ins', () => {
  let app: TestApp;
  let now = Date.parse('2026-03-02T09:00:00Z');
  beforeAll(async () => {
    app = await startApp({ trustProxy: { addresses: ['127.0.0.1'] }, login: { maxFailures: 10, lockoutMinutes: 15, ratePerMinute: 10000 } }, { acd: false, clock: () => new Date(now) });
  });
  afterAll(() => app.close());

  /** Signs in, waiting out any backoff (by moving the clock), and returns the final answer. */
  async function attempt(c: Client, username: string, password: string) {
    for (;;) {
      const r = await c.post('/api/v1/auth/login', { username, password });
      if (r.body?.code !== 'auth.slow_down') return r;
      now += Number(r.headers.get('retry-after')) * 1000;
    }
  }

  it('slow down their address, across usernames, longer each time; other addresses are not slowed', async () => {
    const c = app.client('198.51.100.1');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await c.post('/api/v1/auth/login', { username: `nobody-${i}`, password: 'a-guess-a-guess' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const held = await c.post('/api/v1/auth/login', { username: `nobody-else-${i}`, password: 'a-guess-a-guess' });
      expect(held.status).toBe(429);
      expect(held.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(held.body.code).toBe('auth.slow_down');
      waits.push(Number(held.headers.get('retry-after')));
      now += waits[i]! * 1000;
      expect((await c.post('/api/v1/auth/login', { username: `nobody-else-${i}`, password: 'a-guess-a-guess' })).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4]);
    // while it waits, even the right password of a real account is held back
    const u = await app.user('operator', '77');
    expect((await c.post('/api/v1/auth/login', { username: u.username, password: PASSWORD })).body.code).toBe('auth.slow_down');
    expect((await app.client('198.51.100.2').post('/api/v1/auth/login', { username: u.username, password: PASSWORD })).status).toBe(200);
    // after a quiet lockout period the address starts again
    now += 15 * 60_000;
    expect((await c.post('/api/v1/auth/login', { username: 'nobody-again', password: 'a-guess-a-guess' })).status).toBe(401);
  });

  it('wrong passwords from one address lock the account there only: the real user elsewhere still signs in', async () => {
    const u = await app.user('supervisor', '77');
    const attacker = app.client('198.51.100.10');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await attempt(attacker, u.username, `guess-number-${i}`)).status);
    expect(statuses).toEqual([...Array(9).fill(401), 429]);
    const right = await attempt(attacker, u.username, PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body).toMatchObject({ code: 'auth.locked' });
    expect(right.body.detail).toMatch(/locked from this address for 15 more minute/);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect((await app.client('198.51.100.11').post('/api/v1/auth/login', { username: u.username, password: PASSWORD })).status).toBe(200);
    // the lock ends by itself
    now += 15 * 60_000;
    expect((await attempt(attacker, u.username, PASSWORD)).status).toBe(200);
  });

  it('locks from several addresses lock the account for everyone, until an admin resets the password', async () => {
    const u = await app.user('operator', '78');
    for (const from of ['198.51.100.20', '198.51.100.21', '198.51.100.22']) {
      const c = app.client(from);
      for (let i = 0; i < 10; i++) await attempt(c, u.username, `guess-number-${i}`);
    }
    const real = app.client('198.51.100.23');
    const refused = await real.post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/this account is locked for 15 more minute/);
    const admin = await app.as('admin', 'federal');
    const listed = await admin.get(`/api/v1/users?region=78`);
    expect(listed.body.items.find((x: { id: number }) => x.id === u.id).lockedUntil).not.toBeNull();
    expect((await admin.post(`/api/v1/users/${u.id}/password`, { password: 'brand-new-password' })).status).toBe(200);
    expect((await real.post('/api/v1/auth/login', { username: u.username, password: 'brand-new-password' })).status).toBe(200);
    // the new password also ends the locks of the addresses that guessed
    expect((await attempt(app.client('198.51.100.20'), u.username, 'brand-new-password')).status).toBe(200);
  });

  it('the right password restarts the count of that address on that account', async () => {
    const u = await app.user('editor', 'federal');
    const c = app.client('198.51.100.30');
    for (let i = 0; i < 9; i++) await attempt(c, u.username, `guess-number-${i}`);
    expect((await attempt(c, u.username, PASSWORD)).status).toBe(200);
    expect((await attempt(c, u.username, 'one-more-typo')).status).toBe(401);
  });
});

describe('the memory of failed sign-ins', () => {
  it('stays bounded however many addresses fail', () => {
    const guard = new LoginGuard({ maxFailures: 3, lockoutMinutes: 15 }, () => 0, 100);
    for (let i = 0; i < 10_000; i++) {
      const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      for (let k = 0; k < 3; k++) guard.failed(ip, { id: i % 50, passwordChangedAt: new Date(0) });
    }
    expect(guard.size).toBeLessThanOrEqual(300);
  });
});
