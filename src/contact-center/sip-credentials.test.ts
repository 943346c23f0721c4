// Operators' SIP passwords through the API: set by the operator or an admin of their region, kept
// only as digest HA1s, read by a SIP edge's registrar (a regional edge: its region's), refreshed
// cheaply with ?since=.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { edgeClient } from '../../test/support/telephony.ts';

const hex = (alg: 'md5' | 'sha256', s: string) => createHash(alg).update(s, 'utf8').digest('hex');
const path = (username: string) => `/api/v1/operators/${username}/sip-password`;
type Credential = { username: string; operator: string; kind: string; realm: string; ha1Md5: string; ha1Sha256: string; updatedAt: string; expiresAt: string | null };
const names = (items: Credential[]) => items.map((c) => c.username);

describe('SIP passwords', () => {
  let app: TestApp;
  let edge: Client;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    edge = await edgeClient(app);
  });
  afterAll(() => app.close());

  it('an operator sets their own; the edge reads its HA1s for MD5 and SHA-256; the password is stored nowhere', async () => {
    const op = await app.as('operator', '77');
    const secret = 'phone-secret-Ёж-77';
    const r = await op.put(path(op.username), { password: secret });
    expect(r.status, r.text).toBe(204);
    const list = await edge.get('/api/v1/telephony/sip-credentials');
    expect(list.status, list.text).toBe(200);
    expect(list.body.realm).toBe('otvet');
    expect(list.body.items.find((c: Credential) => c.username === op.username)).toEqual({
      username: op.username,
      operator: op.username,
      kind: 'password',
      realm: 'otvet',
      ha1Md5: hex('md5', `${op.username}:otvet:${secret}`),
      ha1Sha256: hex('sha256', `${op.username}:otvet:${secret}`),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      expiresAt: null,
    });
    const audit = await app.db.query<{ action: string; details: unknown }>("SELECT action, details FROM audit_log WHERE action LIKE 'operator.sip_password%' AND target_id = $1", [String(op.userId)]);
    expect(audit.rows).toEqual([{ action: 'operator.sip_password_set', details: { username: op.username, realm: 'otvet' } }]);
    const everything = await app.db.query<{ t: string }>(
      `SELECT concat_ws(' ', (SELECT string_agg(row_to_json(c)::text, ' ') FROM cc_sip_credentials c), (SELECT string_agg(row_to_json(a)::text, ' ') FROM audit_log a),
                             (SELECT string_agg(row_to_json(e)::text, ' ') FROM events e)) AS t`,
    );
    expect(everything.rows[0]!.t).not.toContain('phone-secret');
  });

  it('refuses a password that breaks the account password rules, with a problem document; nothing is stored', async () => {
    const op = await app.as('operator', '77');
    const r = await op.put(path(op.username), { password: 'short' });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ code: 'user.weak_password', detail: 'The password must be at least 10 characters long.', errors: [{ path: 'password' }] });
    expect((await op.put(path(op.username), {})).status).toBe(400);
    const stored = await app.db.query('SELECT 1 FROM cc_sip_credentials WHERE user_id = $1', [op.userId]);
    expect(stored.rows).toEqual([]);
  });

  it('only the operator themself or an admin of their region (federal: any) may set it; others get 403 or 404', async () => {
    const op = await app.as('operator', '77');
    const op78 = await app.user('operator', '78');
    const password = 'a-good-phone-password';
    expect((await (await app.as('operator', '77')).put(path(op.username), { password })).status).toBe(403);
    expect((await (await app.as('supervisor', '77')).put(path(op.username), { password })).status).toBe(403);
    const admin77 = await app.as('admin', '77');
    expect((await admin77.put(path(op.username), { password })).status).toBe(204);
    // another region's operator, an unknown name and an account that takes no calls: the same 404
    const elsewhere = await admin77.put(path(op78.username), { password });
    const unknown = await admin77.put(path('nobody-at-all'), { password });
    const editor = await admin77.put(path((await app.user('editor', '77')).username), { password });
    for (const r of [elsewhere, unknown, editor]) expect([r.status, r.body.code]).toEqual([404, 'operator.not_found']);
    expect((await (await app.as('admin', 'federal')).put(path(op78.username), { password })).status).toBe(204);
    // the edge's token is for telephony only, though its account is an admin's
    const byEdge = await edge.put(path(op.username), { password });
    expect([byEdge.status, byEdge.body.code]).toEqual([403, 'auth.token_scope']);
    expect((await edge.delete(path(op.username))).status).toBe(403);
    const stored = await app.db.query<{ user_id: number }>('SELECT user_id FROM cc_sip_credentials WHERE user_id = ANY($1::bigint[]) ORDER BY user_id', [[op.userId, op78.id]]);
    expect(stored.rows.map((r) => Number(r.user_id))).toEqual([op.userId, op78.id]);
  });

  it('a regional edge reads its region’s operators only; staff without telephony rights none', async () => {
    const op77 = await app.as('operator', '77');
    const op78 = await app.as('operator', '78');
    for (const op of [op77, op78]) expect((await op.put(path(op.username), { password: 'a-good-phone-password' })).status).toBe(204);
    const edge77 = await edgeClient(app, '77');
    const regional = await edge77.get('/api/v1/telephony/sip-credentials');
    expect(names(regional.body.items)).toContain(op77.username);
    expect(names(regional.body.items)).not.toContain(op78.username);
    expect(names((await edge.get('/api/v1/telephony/sip-credentials')).body.items)).toEqual(expect.arrayContaining([op77.username, op78.username]));
    for (const role of ['operator', 'supervisor', 'coordinator'] as const) expect((await (await app.as(role, 'federal')).get('/api/v1/telephony/sip-credentials')).status).toBe(403);
    expect((await app.client().get('/api/v1/telephony/sip-credentials')).status).toBe(401);
  });

  it('?since= brings only what changed, and whom to forget: removed passwords and disabled accounts', async () => {
    const [a, b, c] = [await app.as('operator', '50'), await app.as('operator', '50'), await app.as('operator', '50')];
    for (const op of [a, b, c]) expect((await op.put(path(op.username), { password: 'first-phone-password' })).status).toBe(204);
    const edge50 = await edgeClient(app, '50');
    const first = await edge50.get('/api/v1/telephony/sip-credentials');
    expect(names(first.body.items)).toEqual([a.username, b.username, c.username].sort());
    expect(first.body.removed).toEqual([]);

    // Nothing changed: nothing new comes. (A row may come twice while a transaction that began
    // before it was written is still open somewhere: the cursor waits for the older ones.)
    const quiet = await edge50.get(`/api/v1/telephony/sip-credentials?since=${first.body.next}`);
    for (const item of quiet.body.items) expect(first.body.items).toContainEqual(item);
    expect(quiet.body.removed).toEqual([]);

    expect((await a.put(path(a.username), { password: 'second-phone-password' })).status).toBe(204);
    expect((await b.delete(path(b.username))).status).toBe(204);
    expect((await b.delete(path(b.username))).status).toBe(204);
    const admin = await app.as('admin', 'federal');
    expect((await admin.post(`/api/v1/users/${c.userId}/disable`)).status).toBe(200);
    await app.services.events.drain();

    const changes = await edge50.get(`/api/v1/telephony/sip-credentials?since=${quiet.body.next}`);
    expect(changes.body.items).toEqual([expect.objectContaining({ username: a.username, ha1Md5: hex('md5', `${a.username}:otvet:second-phone-password`) })]);
    expect(changes.body.removed.sort()).toEqual([b.username, c.username].sort());
    expect(names((await edge50.get('/api/v1/telephony/sip-credentials')).body.items)).toEqual([a.username]);
    const audit = await app.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'operator.sip_password_remove' AND target_id = $1", [String(b.userId)]);
    expect(audit.rows[0]!.n).toBe(1);

    // enabled again: back in the next refresh, with the password it had
    expect((await admin.post(`/api/v1/users/${c.userId}/enable`)).status).toBe(200);
    await app.services.events.drain();
    const back = await edge50.get(`/api/v1/telephony/sip-credentials?since=${changes.body.next}`);
    expect(back.body.items).toContainEqual(expect.objectContaining({ username: c.username, ha1Md5: hex('md5', `${c.username}:otvet:first-phone-password`) }));
    expect(back.body.removed).not.toContain(c.username);
  });

  it('refuses a cursor it did not give', async () => {
    for (const since of ['yesterday', '-1', '18446744073709551616', '1'.repeat(21)]) {
      const r = await edge.get(`/api/v1/telephony/sip-credentials?since=${since}`);
      expect([r.status, r.body.code], since).toEqual([400, 'request.invalid']);
    }
  });
});

describe('SIP passwords in another realm', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ sipRealm: 'sip.122.example.ru' }, { acd: false });
  });
  afterAll(() => app.close());

  it('are hashed for SIP_REALM', async () => {
    const op = await app.as('operator', '77');
    expect((await op.put(path(op.username), { password: 'a-good-phone-password' })).status).toBe(204);
    const list = await (await edgeClient(app)).get('/api/v1/telephony/sip-credentials');
    expect(list.body.realm).toBe('sip.122.example.ru');
    expect(list.body.items).toEqual([expect.objectContaining({ realm: 'sip.122.example.ru', ha1Sha256: hex('sha256', `${op.username}:sip.122.example.ru:a-good-phone-password`) })]);
  });
});
