import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startApp, type TestApp } from '../../../test/support/app.ts';

describe('signing in', () => {
  let app: TestApp;
  beforeAll(async () => {
    // (behind a trusted proxy here, so tests that fail sign-ins come from addresses of their own)
    app = await startApp({ trustProxy: { addresses: ['127.0.0.1'] }, login: { maxFailures: 10, lockoutMinutes: 15, ratePerMinute: 1000 } });
  });
  afterAll(() => app.close());

  it('a wrong password is a 401 problem, the same as an unknown user', async () => {
    const u = await app.user('operator', '77');
    const c = app.client('198.51.100.1');
    const wrong = await c.post('/api/v1/auth/login', { username: u.username, password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(wrong.body).toMatchObject({ code: 'auth.invalid_credentials', detail: 'Wrong username or password.' });
    const unknown = await c.post('/api/v1/auth/login', { username: 'nobody-here', password: 'whatever-it-is' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
    expect(c.cookie).toBeUndefined();
  });

  it('a failed sign-in with an unknown username does not keep what was typed (it may be a password)', async () => {
    const typed = 'my-Secret-passw0rd';
    const c = app.client('198.51.100.2');
    expect((await c.post('/api/v1/auth/login', { username: typed, password: 'whatever-it-is' })).status).toBe(401);
    const known = await app.user('operator', '77');
    expect((await c.post('/api/v1/auth/login', { username: known.username, password: 'not-the-password' })).status).toBe(401);
    const admin = await app.as('admin', 'federal');
    const audit = await admin.get('/api/v1/audit?action=auth.login_failed&limit=1000');
    expect(audit.text.toLowerCase()).not.toContain(typed.toLowerCase());
    const unknown = audit.body.items.find((r: { details: { reason?: string } }) => r.details.reason === 'unknown_user');
    expect(unknown).toMatchObject({ target: { type: 'user', id: null } });
    // a known account is still named
    expect(audit.body.items.find((r: { target: { id: string } }) => r.target.id === String(known.id))).toMatchObject({ details: { reason: 'wrong_password' } });
    const stored = await app.db.query('SELECT count(*)::int AS n FROM audit_log WHERE position($1 in lower(target_id || details::text)) > 0', [typed.toLowerCase()]);
    expect(stored.rows[0]).toEqual({ n: 0 });
  });

  it('sets an HttpOnly, SameSite=Lax session cookie and returns a CSRF token', async () => {
    const u = await app.user('editor', 'federal');
    const r = await app.client().post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
    expect(r.status).toBe(200);
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('otvet_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(r.body.user).toMatchObject({ username: u.username, role: 'editor', region: 'federal' });
    expect(r.body.csrfToken).toMatch(/^[\w-]{32,}$/);
  });

  it('marks the cookie Secure behind a TLS proxy', async () => {
    const behindProxy = await startApp({ trustProxy: { addresses: ['127.0.0.1'] } });
    try {
      const u = await behindProxy.user('operator', '78');
      const r = await behindProxy.client().post('/api/v1/auth/login', { username: u.username, password: PASSWORD }, { 'x-forwarded-proto': 'https' });
      expect(r.headers.getSetCookie().find((c) => c.startsWith('otvet_session='))).toMatch(/Secure/);
    } finally {
      await behindProxy.close();
    }
  });

  // Lockout and backoff (per address, so nobody elsewhere can lock the real user out): login-abuse.test.ts.

  it('a cookie-authenticated write without the CSRF token is refused with 403', async () => {
    const admin = await app.as('admin', 'federal');
    const body = { username: 'csrf-victim', displayName: 'X', role: 'operator', region: '77' };
    const none = await admin.post('/api/v1/users', body, { 'x-csrf-token': '' });
    expect(none.status).toBe(403);
    expect(none.body.code).toBe('auth.csrf');
    const wrong = await admin.post('/api/v1/users', body, { 'x-csrf-token': 'forged-token-forged-token-forged-token' });
    expect(wrong.status).toBe(403);
    expect((await app.client().get('/api/v1/users')).status).toBe(401);
    // Nothing was created by the refused requests; the right token works.
    expect((await admin.get('/api/v1/users?region=77')).body.items.map((u: { username: string }) => u.username)).not.toContain('csrf-victim');
    expect((await admin.post('/api/v1/users', body)).status).toBe(201);
  });

  it('logout ends the session; the old cookie then says "sign in again"', async () => {
    const c = await app.as('coordinator', 'federal');
    const stolenCookie = c.cookie;
    expect((await c.get('/api/v1/auth/session')).status).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204);
    c.cookie = stolenCookie;
    const after = await c.get('/api/v1/auth/session');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('auth.session_ended');
  });

  it('sessions end after the idle timeout and after their lifetime', async () => {
    const idle = await app.as('operator', '77');
    await app.db.query("UPDATE sessions SET last_seen_at = now() - interval '121 minutes' WHERE user_id = $1", [idle.userId]);
    expect((await idle.get('/api/v1/auth/session')).body.code).toBe('auth.session_ended');

    const old = await app.as('operator', '77');
    await app.db.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [old.userId]);
    expect((await old.get('/api/v1/auth/session')).status).toBe(401);
  });

  it('a disabled account cannot sign in and its sessions end at once', async () => {
    const c = await app.as('operator', '77');
    const admin = await app.as('admin', 'federal');
    expect((await admin.post(`/api/v1/users/${c.userId}/disable`)).status).toBe(200);
    expect((await c.get('/api/v1/auth/session')).status).toBe(401);
    const again = await app.client('198.51.100.3').post('/api/v1/auth/login', { username: c.username, password: PASSWORD });
    expect(again.status).toBe(401);
  });
});

describe('sign-in rate limit per client address', () => {
  it('slows down guessing across many accounts', async () => {
    const app = await startApp({ login: { maxFailures: 10, lockoutMinutes: 15, ratePerMinute: 5 } });
    try {
      const c = app.client();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await c.post('/api/v1/auth/login', { username: `someone-${i}`, password: 'password-guess' })).status);
      expect(statuses.slice(0, 5)).toEqual(Array(5).fill(401));
      expect(statuses[5]).toBe(429);
    } finally {
      await app.close();
    }
  });
});
