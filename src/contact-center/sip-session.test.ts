// The browser phone's SIP credentials through the API: one per web session, issued to the signed-in
// operator, read by SIP edges beside the passwords, and gone when the session ends (ADR 0015).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { edgeClient } from '../../test/support/telephony.ts';

const PATH = '/api/v1/agent/sip-session';
const FEED = '/api/v1/telephony/sip-credentials';
const WS = 'wss://edge.122.example.ru:8443/sip';
const hex = (alg: 'md5' | 'sha256', s: string) => createHash(alg).update(s, 'utf8').digest('hex');
type Item = { username: string; operator: string; kind: string; realm: string; ha1Md5: string; ha1Sha256: string; updatedAt: string; expiresAt: string | null };
type Page = { realm: string; items: Item[]; removed: string[]; next: string };
const names = (items: Item[]) => items.map((c) => c.username);

describe('SIP session credentials', () => {
  let app: TestApp;
  let edge: Client;
  const feed = async (since?: string): Promise<Page> => {
    const r = await edge.get(since ? `${FEED}?since=${since}` : FEED);
    expect(r.status, r.text).toBe(200);
    return r.body;
  };
  beforeAll(async () => {
    app = await startApp({ sipWsUrl: WS }, { acd: false });
    edge = await edgeClient(app);
  });
  afterAll(() => app.close());

  it('issues one to the signed-in operator; the edge reads it as a session credential whose HA1s match the password; the password is stored nowhere', async () => {
    const op = await app.as('operator', '77');
    const before = Date.now();
    const r = await op.post(PATH);
    expect(r.status, r.text).toBe(201);
    expect(r.body).toEqual({
      username: expect.stringMatching(new RegExp(`^${op.username}~[a-z0-9]{16}$`)),
      operator: op.username,
      password: expect.stringMatching(/^[A-Za-z0-9_-]{22,}$/),
      realm: 'otvet',
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      wsUrl: WS,
    });
    // the session's end (SESSION_TTL_HOURS: 12 in tests) or 12 hours, whichever is first
    const expires = Date.parse(r.body.expiresAt);
    expect(expires).toBeGreaterThan(before + 11.9 * 3600_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 12 * 3600_000);
    const session = await app.db.query<{ expires_at: Date }>('SELECT expires_at FROM sessions WHERE user_id = $1', [op.userId]);
    expect(expires).toBeLessThanOrEqual(session.rows[0]!.expires_at.getTime());

    const item = (await feed()).items.find((c) => c.username === r.body.username);
    const a1 = `${r.body.username}:otvet:${r.body.password}`;
    expect(item).toEqual({
      username: r.body.username,
      operator: op.username,
      kind: 'session',
      realm: 'otvet',
      ha1Md5: hex('md5', a1),
      ha1Sha256: hex('sha256', a1),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      expiresAt: r.body.expiresAt,
    });

    const audit = await app.db.query<{ action: string; details: unknown }>("SELECT action, details FROM audit_log WHERE action = 'operator.sip_session_issued' AND target_id = $1", [
      String(op.userId),
    ]);
    expect(audit.rows).toEqual([{ action: 'operator.sip_session_issued', details: { username: r.body.username, realm: 'otvet', expiresAt: r.body.expiresAt } }]);
    const everything = await app.db.query<{ t: string }>(
      `SELECT concat_ws(' ', (SELECT string_agg(row_to_json(c)::text, ' ') FROM cc_sip_session_credentials c), (SELECT string_agg(row_to_json(a)::text, ' ') FROM audit_log a),
                             (SELECT string_agg(row_to_json(e)::text, ' ') FROM events e)) AS t`,
    );
    expect(everything.rows[0]!.t).not.toContain(r.body.password);
  });

  it('a password and a session credential of one operator come side by side, each with its kind', async () => {
    const op = await app.as('operator', '77');
    expect((await op.put(`/api/v1/operators/${op.username}/sip-password`, { password: 'a-good-phone-password' })).status).toBe(204);
    const s = (await op.post(PATH)).body;
    const mine = (await feed()).items.filter((c) => c.operator === op.username);
    expect(mine.map((c) => [c.username, c.kind, c.expiresAt])).toEqual(
      [
        [op.username, 'password', null],
        [s.username, 'session', s.expiresAt],
      ].sort(),
    );
  });

  it('a second one in the same web session (a reload) revokes the first; another session keeps its own', async () => {
    const op = await app.as('operator', '50');
    const elsewhere = await app.client().login(op.username, PASSWORD);
    const other = (await elsewhere.post(PATH)).body;
    const start = (await feed()).next;
    const first = (await op.post(PATH)).body;
    const second = (await op.post(PATH)).body;
    expect(second.username).not.toBe(first.username);
    expect(second.password).not.toBe(first.password);
    const changes = await feed(start);
    expect(names(changes.items)).toContain(second.username);
    expect(names(changes.items)).not.toContain(first.username);
    expect(changes.removed).toContain(first.username);
    const all = names((await feed()).items);
    expect(all).toEqual(expect.arrayContaining([second.username, other.username]));
    expect(all).not.toContain(first.username);
  });

  it('DELETE revokes this session’s credential: a refresh names it in removed, a full load leaves it out; nothing to revoke is no error', async () => {
    const op = await app.as('operator', '77');
    const s = (await op.post(PATH)).body;
    const start = (await feed()).next;
    const r = await op.delete(PATH);
    expect(r.status, r.text).toBe(204);
    expect((await op.delete(PATH)).status).toBe(204);
    const changes = await feed(start);
    expect(changes.removed).toContain(s.username);
    expect(names(changes.items)).not.toContain(s.username);
    expect(names((await feed()).items)).not.toContain(s.username);
    const row = await app.db.query('SELECT ha1_md5, ha1_sha256 FROM cc_sip_session_credentials WHERE username = $1', [s.username]);
    expect(row.rows).toEqual([{ ha1_md5: null, ha1_sha256: null }]);
  });

  it('signing out revokes it (the HA1s are forgotten when the bus brings the sign-out)', async () => {
    const op = await app.as('operator', '77');
    const s = (await op.post(PATH)).body;
    const start = (await feed()).next;
    expect((await op.post('/api/v1/auth/logout')).status).toBe(204);
    await app.services.events.drain();
    // forgotten by the sign-out's event itself, before any edge reads
    const row = await app.db.query('SELECT ha1_md5 FROM cc_sip_session_credentials WHERE username = $1', [s.username]);
    expect(row.rows).toEqual([{ ha1_md5: null }]);
    expect((await feed(start)).removed).toContain(s.username);
    expect(names((await feed()).items)).not.toContain(s.username);
  });

  it('a session ended by time (idle, or cleaned up) takes its credential with it, even without an event', async () => {
    const op = await app.as('operator', '77');
    const idle = (await op.post(PATH)).body;
    const op2 = await app.as('operator', '77');
    const purged = (await op2.post(PATH)).body;
    const start = (await feed()).next;
    // idle past SESSION_IDLE_MINUTES: the session is over though its row is still there
    await app.db.query("UPDATE sessions SET last_seen_at = now() - interval '1 day' WHERE user_id = $1", [op.userId]);
    // and a session removed behind otvet's back (no event): the feed finds its credential orphaned
    await app.db.query('DELETE FROM sessions WHERE user_id = $1', [op2.userId]);
    // (a refresh first: nothing wrote these rows since `start`, yet it must name them)
    const changes = await feed(start);
    expect(changes.removed).toEqual(expect.arrayContaining([idle.username, purged.username]));
    const full = names((await feed()).items);
    expect(full).not.toContain(idle.username);
    expect(full).not.toContain(purged.username);
    // revoked for good: named once more at most (the revocation came after that snapshot), then never
    const later = await feed(changes.next);
    expect((await feed(later.next)).removed).not.toContain(purged.username);
    expect((await app.db.query('SELECT count(*)::int AS n FROM cc_sip_session_credentials WHERE username = ANY($1) AND ha1_md5 IS NOT NULL', [[idle.username, purged.username]])).rows[0]).toEqual({
      n: 0,
    });

    // the hourly clean-up of ended sessions revokes at once too
    const op3 = await app.as('operator', '77');
    const cleaned = (await op3.post(PATH)).body;
    await app.db.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [op3.userId]);
    expect(await app.services.login.purgeEndedSessions()).toBeGreaterThan(0);
    await app.services.events.drain();
    expect((await app.db.query('SELECT ha1_md5 FROM cc_sip_session_credentials WHERE username = $1', [cleaned.username])).rows).toEqual([{ ha1_md5: null }]);
  });

  it('an expired credential is not in a full load, and a refresh names it in removed', async () => {
    const op = await app.as('operator', '77');
    const s = (await op.post(PATH)).body;
    const start = (await feed()).next;
    // (its txid untouched, as when time alone ends it)
    await app.db.query("UPDATE cc_sip_session_credentials SET expires_at = now() - interval '1 second' WHERE username = $1", [s.username]);
    expect((await feed(start)).removed).toContain(s.username);
    expect(names((await feed()).items)).not.toContain(s.username);
  });

  it('a disabled account’s credentials stop, and do not come back when it is enabled again', async () => {
    const op = await app.as('operator', '77');
    const s = (await op.post(PATH)).body;
    const start = (await feed()).next;
    const admin = await app.as('admin', 'federal');
    expect((await admin.post(`/api/v1/users/${op.userId}/disable`)).status).toBe(200);
    await app.services.events.drain();
    const changes = await feed(start);
    expect(changes.removed).toContain(s.username);
    expect(names((await feed()).items)).not.toContain(s.username);
    expect((await admin.post(`/api/v1/users/${op.userId}/enable`)).status).toBe(200);
    await app.services.events.drain();
    const back = await feed(changes.next);
    expect(names(back.items)).not.toContain(s.username);
    expect(names((await feed()).items)).not.toContain(s.username);
  });

  it('only a signed-in operator or supervisor gets one: an API token has no web session (403), others 403, nobody 401', async () => {
    const op = await app.user('operator', '77');
    const admin = await app.as('admin', 'federal');
    const t = await admin.post('/api/v1/tokens', { userId: op.id, name: 'scripts' });
    expect(t.status, t.text).toBe(201);
    const byToken = app.client();
    byToken.token = t.body.secret;
    const r = await byToken.post(PATH);
    expect([r.status, r.body.code]).toEqual([403, 'sip_session.session_required']);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await byToken.delete(PATH)).status).toBe(403);
    expect((await app.db.query('SELECT 1 FROM cc_sip_session_credentials WHERE user_id = $1', [op.id])).rows).toEqual([]);
    for (const role of ['editor', 'coordinator', 'admin'] as const) expect((await (await app.as(role, 'federal')).post(PATH)).status, role).toBe(403);
    expect((await (await app.as('supervisor', '77')).post(PATH)).status).toBe(201);
    expect((await app.client().post(PATH)).status).toBe(401);
    // a cookie without the session's CSRF token is refused, as for every write
    const op2 = await app.as('operator', '77');
    expect((await op2.post(PATH, {}, { 'x-csrf-token': 'wrong' })).status).toBe(403);
  });

  it('a regional edge reads its region’s session credentials only', async () => {
    const [op77, op78] = [await app.as('operator', '77'), await app.as('operator', '78')];
    const [s77, s78] = [(await op77.post(PATH)).body, (await op78.post(PATH)).body];
    const items = names((await (await edgeClient(app, '77')).get(FEED)).body.items);
    expect(items).toContain(s77.username);
    expect(items).not.toContain(s78.username);
  });
});

describe('SIP session credentials without SIP_WS_URL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
  });
  afterAll(() => app.close());

  it('are unavailable: 404 with a problem the workstation understands, and nothing is stored', async () => {
    const op = await app.as('operator', '77');
    const r = await op.post(PATH);
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ code: 'sip_session.unavailable', detail: expect.stringMatching(/SIP_WS_URL/) });
    expect((await app.db.query('SELECT 1 FROM cc_sip_session_credentials')).rows).toEqual([]);
    expect((await op.delete(PATH)).status).toBe(204);
  });
});
