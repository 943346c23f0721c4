import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../test/support/app.ts';

describe('audit log', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('records admin actions with who, what, when and from where', async () => {
    const admin = await app.as('admin', 'federal');
    const created = await admin.post('/api/v1/users', { username: 'audited-op', displayName: 'X', role: 'operator', region: '78' }, { 'user-agent': 'otvet-test/1' });
    const log = await admin.get('/api/v1/audit?action=user.create');
    const entry = log.body.items.find((e: { target: { id: string } }) => e.target.id === String(created.body.user.id));
    expect(entry).toMatchObject({
      action: 'user.create',
      actor: { username: admin.username, role: 'admin', region: 'federal', via: 'session' },
      target: { type: 'user' },
      region: '78',
      ip: '127.0.0.1',
      userAgent: 'otvet-test/1',
      requestId: created.headers.get('x-request-id'),
    });
    expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
    expect(JSON.stringify(entry)).not.toMatch(/password/i);
  });

  it('records reads of staff accounts too', async () => {
    const admin = await app.as('admin', '78');
    const u = await app.user('operator', '78');
    await admin.get(`/api/v1/users/${u.id}`);
    await admin.get('/api/v1/users');
    const log = await (await app.as('admin', 'federal')).get(`/api/v1/audit?actor=${admin.username}`);
    const actions = log.body.items.map((e: { action: string; target: { id: string | null } }) => `${e.action}:${e.target.id ?? ''}`);
    expect(actions).toContain(`user.read:${u.id}`);
    expect(actions).toContain('user.list:');
  });

  it('records sign-ins and failed sign-ins, without the password tried', async () => {
    const u = await app.user('operator', '77');
    await app.client().post('/api/v1/auth/login', { username: u.username, password: 'typed-it-wrong' });
    const admin = await app.as('admin', 'federal');
    const log = await admin.get(`/api/v1/audit?action=auth&region=77`);
    const actions = log.body.items.filter((e: { target: { id: string } }) => e.target.id === String(u.id)).map((e: { action: string }) => e.action);
    expect(actions).toContain('auth.login_failed');
    expect(log.text).not.toContain('typed-it-wrong');
  });

  it('a regional admin reads only their region; other roles not at all; reading is itself recorded', async () => {
    const fed = await app.as('admin', 'federal');
    await fed.post('/api/v1/users', { username: 'in-78', displayName: 'X', role: 'operator', region: '78' });
    await fed.post('/api/v1/users', { username: 'in-77', displayName: 'X', role: 'operator', region: '77' });
    const admin77 = await app.as('admin', '77');
    const mine = await admin77.get('/api/v1/audit');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((e: { region: string }) => e.region === '77')).toBe(true);
    expect((await admin77.get('/api/v1/audit?region=78')).status).toBe(403);
    expect((await (await app.as('coordinator', 'federal')).get('/api/v1/audit')).status).toBe(403);
    const reads = await fed.get(`/api/v1/audit?action=audit.read&actor=${admin77.username}`);
    expect(reads.body.items.length).toBeGreaterThan(0);
  });

  it('pages through the log newest first', async () => {
    const admin = await app.as('admin', 'federal');
    const first = await admin.get('/api/v1/audit?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].id).toBeGreaterThan(first.body.items[1].id);
    const next = await admin.get(`/api/v1/audit?limit=2&before=${first.body.nextBefore}`);
    expect(next.body.items[0].id).toBeLessThan(first.body.items[1].id);
    expect((await admin.get('/api/v1/audit?limit=0')).status).toBe(400);
  });
  it('finds what was done to one object: by its type, and by its type and id', async () => {
    const admin = await app.as('admin', 'federal');
    const a = await app.user('operator', '77');
    const b = await app.user('operator', '77');
    await admin.post(`/api/v1/users/${a.id}/disable`);
    await admin.post(`/api/v1/users/${b.id}/disable`);
    const one = await admin.get(`/api/v1/audit?targetType=user&targetId=${a.id}`);
    expect(one.status).toBe(200);
    expect(one.body.items.map((e: { action: string }) => e.action)).toContain('user.disable');
    expect(one.body.items.every((e: { target: { type: string; id: string } }) => e.target.type === 'user' && e.target.id === String(a.id))).toBe(true);
    const users = await admin.get('/api/v1/audit?targetType=user&action=user.disable');
    expect(users.body.items.map((e: { target: { id: string } }) => e.target.id)).toEqual(expect.arrayContaining([String(a.id), String(b.id)]));
    const tokens = await admin.get('/api/v1/audit?targetType=token');
    expect(tokens.body.items.every((e: { target: { type: string } }) => e.target.type === 'token')).toBe(true);
    const bad = await admin.get('/api/v1/audit?targetType=User%20table&targetId=');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.targetId', 'query.targetType']);
  });
  it('leaves out the reads when asked (lists, views, the log’s own reading), keeping the changes', async () => {
    const admin = await app.as('admin', 'federal');
    const u = await app.user('operator', '77');
    await admin.get(`/api/v1/users/${u.id}`);
    await admin.get('/api/v1/users');
    await admin.post(`/api/v1/users/${u.id}/password`, { password: 'a-new-long-password' });
    await admin.get('/api/v1/audit');
    const all = (await admin.get(`/api/v1/audit?actor=${admin.username}`)).body.items.map((e: { action: string }) => e.action);
    expect(all).toEqual(expect.arrayContaining(['user.read', 'user.list', 'user.password_reset', 'audit.read']));
    const changes = (await admin.get(`/api/v1/audit?actor=${admin.username}&changesOnly=true`)).body.items.map((e: { action: string }) => e.action);
    // (the admin's sign-in is no read: it stays)
    expect(changes).toEqual(['user.password_reset', 'auth.login']);
    expect((await admin.get('/api/v1/audit?changesOnly=maybe')).status).toBe(400);
  });
});
