import { describe, expect, it } from 'vitest';
import type { SipCredential } from '../otvet/api.ts';
import { ManualClock } from '../sip/transactions/clock.ts';
import { CredentialsCache, CredentialsUnavailable } from './credentials.ts';

const cred = (username: string, updatedAt: string, n = 'a'): SipCredential => ({
  username,
  operator: username,
  kind: 'password',
  realm: 'otvet',
  ha1Md5: n.repeat(32),
  ha1Sha256: n.toUpperCase().repeat(64),
  updatedAt,
  expiresAt: null,
});
/** A browser session's credential of `operator`, valid until `expiresAt`. */
const sessionCred = (operator: string, expiresAt: string): SipCredential => ({ ...cred(`${operator}~0123456789abcdef`, '2026-12-05T10:00:00.000Z', 'c'), operator, kind: 'session', expiresAt });

/**
 * A fetch that answers as otvet does: every credential, or with `since` (an earlier `next`) those
 * changed after it and whom to forget. Changes are numbered; `next` is the newest number.
 */
function source(rows: SipCredential[]) {
  const calls: (string | undefined)[] = [];
  let version = 1;
  const state = { fail: false, rows: rows.map((r) => ({ r, v: version })), removed: [] as { username: string; v: number }[] };
  const fetch = async (since?: string) => {
    calls.push(since);
    if (state.fail) throw new Error('otvet unreachable');
    const after = since === undefined ? 0 : Number(since);
    return {
      realm: 'otvet',
      items: state.rows.filter((x) => x.v > after).map((x) => x.r),
      removed: since === undefined ? [] : state.removed.filter((x) => x.v > after).map((x) => x.username),
      next: String(version),
    };
  };
  const change = (r: SipCredential) => {
    version++;
    state.rows = [...state.rows.filter((x) => x.r.username !== r.username), { r, v: version }];
  };
  const remove = (username: string) => {
    version++;
    state.rows = state.rows.filter((x) => x.r.username !== username);
    state.removed.push({ username, v: version });
  };
  return { fetch, calls, state, change, remove };
}

/** Lets the promise callbacks a timer started run to their end. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('CredentialsCache', () => {
  it('cannot tell anyone apart before the first load; afterwards answers from memory (HA1s in lower case)', async () => {
    const s = source([cred('operator-77', '2026-12-05T10:00:00.000Z')]);
    const cache = new CredentialsCache({ fetch: s.fetch, clock: new ManualClock() });
    await expect(cache.ha1For('operator-77')).rejects.toBeInstanceOf(CredentialsUnavailable);
    await cache.refresh();
    expect(await cache.ha1For('operator-77')).toEqual({ realm: 'otvet', ha1Md5: 'a'.repeat(32), ha1Sha256: 'a'.repeat(64), operator: 'operator-77', kind: 'password', expiresAt: null });
    expect(await cache.ha1For('operator-99')).toBeUndefined();
    expect(s.calls).toEqual([undefined]);
  });

  it('knows a session credential’s operator until it expires, by its own wall clock; a password never expires', async () => {
    let wall = Date.parse('2026-12-05T17:59:59.000Z');
    const s = source([cred('operator-77', '2026-12-05T10:00:00.000Z'), sessionCred('operator-77', '2026-12-05T18:00:00.000Z')]);
    const cache = new CredentialsCache({ fetch: s.fetch, clock: new ManualClock(), now: () => wall });
    await cache.refresh();
    expect(await cache.ha1For('operator-77~0123456789abcdef')).toEqual({
      realm: 'otvet',
      ha1Md5: 'c'.repeat(32),
      ha1Sha256: 'c'.repeat(64),
      operator: 'operator-77',
      kind: 'session',
      expiresAt: Date.parse('2026-12-05T18:00:00.000Z'),
    });
    wall += 1000;
    expect(await cache.ha1For('operator-77~0123456789abcdef'), 'expired: as unknown, before otvet removes it').toBeUndefined();
    expect(await cache.ha1For('operator-77')).toBeDefined();
    expect(s.calls).toEqual([undefined]);
  });

  it('looks again at once for a credential it does not know (a browser phone signed in a moment ago), at most once a second', async () => {
    const s = source([cred('operator-77', '2026-12-05T10:00:00.000Z')]);
    const clock = new ManualClock();
    const cache = new CredentialsCache({ fetch: s.fetch, clock, now: () => Date.parse('2026-12-05T10:00:00.000Z') });
    await cache.refresh();
    s.change(sessionCred('operator-77', '2026-12-05T20:00:00.000Z'));
    // just loaded: a miss is a stranger, no request
    expect(await cache.ha1For('operator-77~0123456789abcdef')).toBeUndefined();
    expect(s.calls).toEqual([undefined]);
    clock.advance(1000);
    expect((await cache.ha1For('operator-77~0123456789abcdef'))?.operator).toBe('operator-77');
    expect(s.calls).toEqual([undefined, '1']);
    // a stranger knocking again and again costs otvet one request a second
    for (let i = 0; i < 5; i++) expect(await cache.ha1For('nobody~0000000000000000')).toBeUndefined();
    clock.advance(999);
    expect(await cache.ha1For('nobody~0000000000000000')).toBeUndefined();
    expect(s.calls).toEqual([undefined, '1']);
    clock.advance(1);
    expect(await cache.ha1For('nobody~0000000000000000')).toBeUndefined();
    expect(s.calls).toEqual([undefined, '1', '2']);
  });

  it('asks for what changed since the `next` otvet gave, merging changes and forgetting whom otvet names as removed', async () => {
    const s = source([cred('operator-77', '2026-12-05T10:00:00.000Z'), cred('operator-12', '2026-12-05T09:00:00.000Z')]);
    const cache = new CredentialsCache({ fetch: s.fetch, clock: new ManualClock() });
    await cache.refresh();
    s.change(cred('operator-12', '2026-12-05T10:30:00.000Z', 'b'));
    s.change(cred('operator-5', '2026-12-05T10:31:00.000Z'));
    await cache.refresh();
    expect(s.calls).toEqual([undefined, '1']);
    expect((await cache.ha1For('operator-12'))?.ha1Md5).toBe('b'.repeat(32));
    expect(cache.size).toBe(3);
    s.remove('operator-77');
    await cache.refresh();
    expect(s.calls[2]).toBe('3');
    expect(await cache.ha1For('operator-77')).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('keeps what it has when a refresh fails, and refreshes every N seconds on its clock, never two at once', async () => {
    const clock = new ManualClock();
    const s = source([cred('operator-77', '2026-12-05T10:00:00.000Z')]);
    const cache = new CredentialsCache({ fetch: s.fetch, clock, refreshEverySeconds: 30 });
    await cache.start();
    s.state.fail = true;
    clock.advance(30_000);
    await settle();
    expect(cache.counts).toEqual({ loads: 1, failures: 1 });
    expect(await cache.ha1For('operator-77')).toBeDefined();
    s.state.fail = false;
    clock.advance(29_999);
    await settle();
    expect(s.calls).toHaveLength(2);
    clock.advance(1);
    await settle();
    expect(s.calls).toHaveLength(3);
    const [a, b] = [cache.refresh(), cache.refresh()];
    expect(a).toBe(b);
    await a;
    cache.stop();
    clock.advance(60_000);
    await settle();
    expect(s.calls).toHaveLength(4);
  });

  it('a first load that fails leaves it unable to tell (503 for phones), and the next refresh fixes that', async () => {
    const clock = new ManualClock();
    const s = source([cred('operator-77', '2026-12-05T10:00:00.000Z')]);
    s.state.fail = true;
    const cache = new CredentialsCache({ fetch: s.fetch, clock, refreshEverySeconds: 5 });
    await cache.start();
    await expect(cache.ha1For('operator-77')).rejects.toBeInstanceOf(CredentialsUnavailable);
    s.state.fail = false;
    clock.advance(5000);
    await settle();
    expect(await cache.ha1For('operator-77')).toBeDefined();
    cache.stop();
  });
});
