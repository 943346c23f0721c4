import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../access/principal.ts';
import { AuditService } from '../audit/service.ts';
import type { Db } from '../db/database.ts';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import { AccountsWatch } from './accounts-watch.ts';
import { TokensService } from './tokens-service.ts';

describe('API tokens', () => {
  let app: TestApp;
  let lookups = 0;
  // Counts the reads of a token by its hash (what every request with a token would cost uncached).
  const counting = (db: Db): Db => ({
    ...db,
    query: (text, params) => {
      if (text.includes('t.token_hash = $1')) lookups++;
      return db.query(text, params);
    },
  });
  beforeAll(async () => {
    app = await startApp({}, { wrapDb: counting });
  });
  afterAll(() => app.close());

  async function makeToken(userId: number, name = 'PBX adapter') {
    const admin = await app.as('admin', 'federal');
    const r = await admin.post('/api/v1/tokens', { userId, name });
    expect(r.status).toBe(201);
    return { admin, id: r.body.token.id as number, secret: r.body.secret as string, body: r.body };
  }

  it('is shown once, stored only as a hash, and works as a Bearer token without CSRF', async () => {
    const machine = await app.user('admin', '77');
    const { secret, body } = await makeToken(machine.id);
    expect(secret).toMatch(/^otvet_[\w-]{40,}$/);
    expect(body.token.prefix).toBe(secret.slice(0, 12));
    const stored = await app.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [body.token.id]);
    expect(stored.rows[0]!.token_hash).not.toContain(secret.slice(6));

    const c = app.client();
    c.token = secret;
    const me = await c.get('/api/v1/auth/session');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe(machine.username);
    expect(me.body.csrfToken).toBeUndefined();
    // a write with a token needs no CSRF header: there is no cookie a browser could send on its own
    const write = await c.put('/api/v1/regions/77/settings', { norms: { maxAsaSeconds: 40 } });
    expect(write.status).toBe(200);
    expect(write.body.effective.norms.maxAsaSeconds).toBe(40);

    const listed = await (await app.as('admin', 'federal')).get('/api/v1/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(secret);
  });

  it('a revoked token gets 401 at once', async () => {
    const machine = await app.user('supervisor', '77');
    const { admin, id, secret } = await makeToken(machine.id);
    const c = app.client();
    c.token = secret;
    expect((await c.get('/api/v1/auth/session')).status).toBe(200);
    const revoked = await admin.delete(`/api/v1/tokens/${id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await c.get('/api/v1/auth/session');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('auth.invalid_token');
  });

  it('stops working when its account is disabled', async () => {
    const machine = await app.user('operator', '78');
    const { admin, secret } = await makeToken(machine.id);
    const c = app.client();
    c.token = secret;
    expect((await c.get('/api/v1/auth/session')).status).toBe(200);
    await admin.post(`/api/v1/users/${machine.id}/disable`);
    expect((await c.get('/api/v1/auth/session')).status).toBe(401);
  });

  it('is read from the database once, not on every request (an edge posts many times a second)', async () => {
    const machine = await app.user('admin', '77');
    const { secret } = await makeToken(machine.id);
    const c = app.client();
    c.token = secret;
    const before = lookups;
    for (let i = 0; i < 5; i++) expect((await c.get('/api/v1/auth/session')).status).toBe(200);
    expect(lookups - before).toBe(1);
  });

  it('revoked by another node (or the CLI), it stops working here as soon as the change is delivered', async () => {
    const machine = await app.user('admin', '77');
    const { id, secret } = await makeToken(machine.id);
    const c = app.client();
    c.token = secret;
    expect((await c.get('/api/v1/auth/session')).status).toBe(200);
    // another process: its own services over the same database, its own cache
    const elsewhere = new TokensService(app.db, new AuditService(app.db), new AccountsWatch());
    await elsewhere.revoke(systemActor('test'), id);
    await app.services.events.drain();
    expect((await c.get('/api/v1/auth/session')).status).toBe(401);
  });

  it('a malformed or unknown Authorization header is a clear 401, not anonymous access', async () => {
    const c = app.client();
    const basic = await c.get('/api/v1/regions', { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(401);
    expect(basic.body.detail).toMatch(/Bearer/);
    c.token = 'otvet_not-a-real-token';
    expect((await c.get('/api/v1/regions')).body.code).toBe('auth.invalid_token');
  });

  it('only admins manage tokens', async () => {
    const op = await app.as('operator', '77');
    expect((await op.get('/api/v1/tokens')).status).toBe(403);
    expect((await op.post('/api/v1/tokens', { userId: op.userId, name: 'mine' })).status).toBe(403);
  });
});
