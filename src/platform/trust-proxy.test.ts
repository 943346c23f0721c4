// Behind a reverse proxy, X-Forwarded-For holds what the client wrote followed by what each proxy
// appended. Only the entries written by configured proxies count: a client rotating a forged
// leftmost entry stays one address for the sign-in and vote limits, and the audit log names the
// address the proxy saw.
import { describe, expect, it } from 'vitest';
import { startApp } from '../../test/support/app.ts';
import { postForm, publishDemo } from '../../test/support/portal.ts';
import { loadConfig } from './config.ts';

const REAL = '203.0.113.7';
/** What one proxy in front sends on: the client's own header, then the address it saw. */
const forged = (i: number, real = REAL) => ({ 'x-forwarded-for': `198.51.100.${i}, ${real}` });

describe.each(['1', '127.0.0.1', '10.0.0.0/8, 127.0.0.0/8'])('TRUST_PROXY=%s (one proxy in front, on this machine)', (setting) => {
  const trustProxy = () => loadConfig({ TRUST_PROXY: setting }).trustProxy;

  it('a forged leftmost X-Forwarded-For does not escape the sign-in limit; the audit log has the real address', async () => {
    const app = await startApp({ trustProxy: trustProxy(), login: { maxFailures: 10, lockoutMinutes: 15, ratePerMinute: 5 } });
    try {
      const c = app.client();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await c.post('/api/v1/auth/login', { username: `someone-${i}`, password: 'password-guess' }, forged(i))).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      // another client behind the same proxy has its own budget
      expect((await c.post('/api/v1/auth/login', { username: 'someone', password: 'password-guess' }, forged(99, '203.0.113.8'))).status).toBe(401);
      const admin = await app.as('admin', 'federal');
      const audit = await admin.get('/api/v1/audit?action=auth.login_failed');
      expect(new Set(audit.body.items.map((r: { ip: string }) => r.ip))).toEqual(new Set([REAL, '203.0.113.8']));
    } finally {
      await app.close();
    }
  });

  it('a forged leftmost X-Forwarded-For does not escape the portal vote limit', async () => {
    const app = await startApp({ trustProxy: trustProxy() }, { acd: false });
    try {
      await publishDemo(app);
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) statuses.push((await postForm(app, '/answers/vac-where/feedback', { helped: 'yes' }, forged(i))).status);
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(303));
      expect(statuses[20]).toBe(429);
    } finally {
      await app.close();
    }
  });
});

describe('TRUST_PROXY naming proxies that are not in front', () => {
  it('an X-Forwarded-For from an untrusted peer is ignored: the peer is the client', async () => {
    const app = await startApp({ trustProxy: loadConfig({ TRUST_PROXY: '10.0.0.5' }).trustProxy, login: { maxFailures: 10, lockoutMinutes: 15, ratePerMinute: 3 } });
    try {
      const c = app.client();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await c.post('/api/v1/auth/login', { username: `someone-${i}`, password: 'password-guess' }, forged(i, `203.0.113.${i}`))).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await app.close();
    }
  });
});
