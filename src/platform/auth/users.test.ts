import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../test/support/app.ts';

describe('staff accounts', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('an admin creates an account with a generated password that works once shown', async () => {
    const admin = await app.as('admin', 'federal');
    const r = await admin.post('/api/v1/users', { username: 'Ivanova.A', displayName: 'Иванова А.', role: 'operator', region: '77' });
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({ username: 'ivanova.a', role: 'operator', region: '77', disabledAt: null });
    expect(r.body.generatedPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect((await app.client().post('/api/v1/auth/login', { username: 'ivanova.a', password: r.body.generatedPassword })).status).toBe(200);
    const again = await admin.post('/api/v1/users', { username: 'ivanova.a', displayName: 'X', role: 'operator', region: '77' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('user.username_taken');
  });

  it('says what is wrong with a new account', async () => {
    const admin = await app.as('admin', 'federal');
    const bad = await admin.post('/api/v1/users', { username: 'a', displayName: '', role: 'boss', region: 'moscow' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.displayName', 'body.region', 'body.role', 'body.username']);
    const unknownRegion = await admin.post('/api/v1/users', { username: 'no-region', displayName: 'X', role: 'operator', region: '99' });
    expect(unknownRegion.status).toBe(400);
    expect(unknownRegion.body.code).toBe('user.unknown_region');
    const weak = await admin.post('/api/v1/users', { username: 'weak-pass', displayName: 'X', role: 'operator', region: '77', password: 'short' });
    expect(weak.body.code).toBe('user.weak_password');
  });

  it('a regional admin manages their region only', async () => {
    const admin77 = await app.as('admin', '77');
    expect((await admin77.post('/api/v1/users', { username: 'op77-new', displayName: 'X', role: 'operator', region: '77' })).status).toBe(201);
    const other = await admin77.post('/api/v1/users', { username: 'op78-new', displayName: 'X', role: 'operator', region: '78' });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('auth.region_forbidden');
    expect((await admin77.post('/api/v1/users', { username: 'fed-new', displayName: 'X', role: 'admin', region: 'federal' })).status).toBe(403);
    const list = await admin77.get('/api/v1/users');
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((u: { region: string }) => u.region === '77')).toBe(true);
    expect((await admin77.get('/api/v1/users?region=78')).status).toBe(403);
  });

  it('other roles cannot read or manage accounts', async () => {
    for (const role of ['operator', 'supervisor', 'editor', 'coordinator', 'agency_officer'] as const) {
      const c = await app.as(role, role === 'editor' || role === 'coordinator' ? 'federal' : '77');
      expect((await c.get('/api/v1/users')).status, role).toBe(403);
    }
  });

  it('an admin cannot lock themselves out by disabling their own account', async () => {
    const admin = await app.as('admin', 'federal');
    const r = await admin.post(`/api/v1/users/${admin.userId}/disable`);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('user.cannot_disable_self');
  });

  it('a disabled account can be enabled again', async () => {
    const admin = await app.as('admin', 'federal');
    const u = await app.user('operator', '77');
    expect((await admin.post(`/api/v1/users/${u.id}/disable`)).body.disabledAt).not.toBeNull();
    expect((await admin.get('/api/v1/users?region=77')).body.items.map((x: { id: number }) => x.id)).not.toContain(u.id);
    expect((await admin.get('/api/v1/users?region=77&includeDisabled=true')).body.items.map((x: { id: number }) => x.id)).toContain(u.id);
    expect((await admin.post(`/api/v1/users/${u.id}/enable`)).body.disabledAt).toBeNull();
  });

  it('hashes new and reset passwords at the configured cost (cheap here: the test configuration)', async () => {
    const admin = await app.as('admin', 'federal');
    const u = await app.user('operator', '77');
    const hash = async () => (await app.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [u.id])).rows[0]!.password_hash;
    expect(await hash()).toMatch(/^scrypt\$4\$8\$1\$/);
    expect((await admin.post(`/api/v1/users/${u.id}/password`, { password: 'another-long-password' })).status).toBe(200);
    expect(await hash()).toMatch(/^scrypt\$4\$8\$1\$/);
  });
  it('an admin changes an account’s name, role and region: recorded, its sessions ended', async () => {
    const admin = await app.as('admin', 'federal');
    const u = await app.as('operator', '77');
    const r = await admin.put(`/api/v1/users/${u.userId}`, { displayName: 'Петрова В.', role: 'supervisor', region: '78' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: u.userId, username: u.username, displayName: 'Петрова В.', role: 'supervisor', region: '78' });
    expect((await admin.get(`/api/v1/users/${u.userId}`)).body).toMatchObject({ role: 'supervisor', region: '78' });
    // (signed in as an operator of 77, the old session may not act on as a supervisor of 78)
    expect((await u.get('/api/v1/auth/session')).status).toBe(401);
    const log = await admin.get(`/api/v1/audit?action=user.update&actor=${admin.username}`);
    expect(log.body.items[0]).toMatchObject({
      target: { type: 'user', id: String(u.userId) },
      region: '78',
      details: { username: u.username, before: { role: 'operator', region: '77' }, after: { role: 'supervisor', region: '78' } },
    });
    // a new name alone leaves the sessions be
    const v = await app.as('operator', '77');
    expect((await admin.put(`/api/v1/users/${v.userId}`, { displayName: 'Новое имя', role: 'operator', region: '77' })).status).toBe(200);
    expect((await v.get('/api/v1/auth/session')).status).toBe(200);
  });

  it('says what is wrong with a change, and keeps a regional admin in their region', async () => {
    const fed = await app.as('admin', 'federal');
    const u = await app.user('operator', '77');
    const bad = await fed.put(`/api/v1/users/${u.id}`, { displayName: ' ', role: 'boss', region: 'moscow' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.displayName', 'body.region', 'body.role']);
    const unknown = await fed.put(`/api/v1/users/${u.id}`, { displayName: 'X', role: 'operator', region: '99' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('user.unknown_region');
    expect((await fed.put('/api/v1/users/987654', { displayName: 'X', role: 'operator', region: '77' })).status).toBe(404);

    const admin77 = await app.as('admin', '77');
    const away = await admin77.put(`/api/v1/users/${u.id}`, { displayName: 'X', role: 'operator', region: '78' });
    expect(away.status).toBe(403);
    expect(away.body.code).toBe('auth.region_forbidden');
    expect((await admin77.put(`/api/v1/users/${u.id}`, { displayName: 'X', role: 'operator', region: 'federal' })).status).toBe(403);
    expect((await fed.get(`/api/v1/users/${u.id}`)).body.region).toBe('77');
    expect((await admin77.put(`/api/v1/users/${u.id}`, { displayName: 'X', role: 'supervisor', region: '77' })).body.role).toBe('supervisor');
  });

  it('an admin cannot take away their own role or region', async () => {
    const admin = await app.as('admin', 'federal');
    const r = await admin.put(`/api/v1/users/${admin.userId}`, { displayName: 'Я', role: 'operator', region: 'federal' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('user.cannot_change_own_role');
    expect((await admin.put(`/api/v1/users/${admin.userId}`, { displayName: 'Я', role: 'admin', region: 'federal' })).body.displayName).toBe('Я');
  });
});
