// The vault on a real database: values open only for their context and only unaltered; rotation
// keeps old values readable; a change of master key is carried by rewrapping; nodes agree on the
// first data key; a node seals without reading the database once it knows the key.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { onPostgres, testDatabase } from '../../../test/support/database.ts';
import type { Db } from '../db/database.ts';
import { masterKey, type MasterKeys } from './master-key.ts';
import { SEALED_OVERHEAD, SEALED_VERSION, sealedKeyId, Vault, VaultError, type VaultErrorCode } from './vault.ts';

const masters = (current: Buffer, ...previous: Buffer[]): MasterKeys => ({ current: masterKey(current), previous: previous.map(masterKey) });

async function failure(p: Promise<unknown>): Promise<VaultErrorCode> {
  try {
    await p;
  } catch (e) {
    if (e instanceof VaultError) return e.code;
    throw e;
  }
  throw new Error('it did not fail');
}

/** The database, counting the statements run through it (not those of transactions it opens). */
function counting(db: Db): { db: Db; statements: () => number } {
  let n = 0;
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'query' || prop === 'exec')
        return (...args: unknown[]) => {
          n++;
          return (target[prop] as (...a: unknown[]) => unknown)(...args);
        };
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { db: proxy, statements: () => n };
}

/** The VaultError a promise rejects with. */
async function caught(p: Promise<unknown>): Promise<VaultError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof VaultError)) throw new Error(`expected a VaultError, got ${String(e)}`);
  return e;
}

const keyRows = async (db: Db) =>
  (await db.query<{ id: number; master_key_id: string; retired: boolean }>('SELECT id, master_key_id, retired_at IS NOT NULL AS retired FROM pd_data_keys ORDER BY id')).rows;

describe('Vault', () => {
  let db: Db;
  const m1 = randomBytes(32);
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.query('DELETE FROM pd_data_keys');
  });

  it('seals and opens text and bytes; the format is version, data key id, IV, tag, ciphertext', async () => {
    const vault = new Vault(db, masters(m1));
    const name = await vault.seal('Иванова Мария Петровна', 'appeal:1:name');
    const [key] = await keyRows(db);
    expect(name[0]).toBe(SEALED_VERSION);
    expect(sealedKeyId(name)).toBe(key!.id);
    expect(name).toHaveLength(SEALED_OVERHEAD + Buffer.byteLength('Иванова Мария Петровна'));
    expect(name.includes(Buffer.from('Иванова'))).toBe(false);
    expect(await vault.openText(name, 'appeal:1:name')).toBe('Иванова Мария Петровна');
    // the same value twice: a new IV each time
    const again = await vault.seal('Иванова Мария Петровна', 'appeal:1:name');
    expect(again.subarray(5, 17).equals(name.subarray(5, 17))).toBe(false);
    // bytes, nothing, and a file's worth; stored and read back as bytea (PGlite reads it as a Uint8Array)
    const file = randomBytes(2 * 1024 * 1024);
    for (const [plain, context] of [
      [file, 'appeal:1:file:1'],
      [Buffer.alloc(0), 'appeal:1:address'],
      ['', 'appeal:1:email'],
    ] as const) {
      const sealed = await vault.seal(plain, context);
      const stored = (await db.query<{ b: Uint8Array }>('SELECT $1::bytea AS b', [sealed])).rows[0]!.b;
      expect((await vault.open(stored, context)).equals(Buffer.from(plain))).toBe(true);
    }
    // another node, knowing only the master key, opens them
    expect(await new Vault(db, masters(m1)).openText(name, 'appeal:1:name')).toBe('Иванова Мария Петровна');
    expect(await keyRows(db)).toHaveLength(1);
  });

  it('an altered byte anywhere, a cut value, another context or no context: a VaultError with its code, never a wrong value', async () => {
    const vault = new Vault(db, masters(m1));
    const sealed = await vault.seal('+7 916 123-45-67', 'appeal:7:phone');
    const altered = (i: number) => {
      const b = Buffer.from(sealed);
      b[i]! ^= 0x01;
      return b;
    };
    expect(await failure(vault.open(altered(0), 'appeal:7:phone'))).toBe('vault.malformed');
    // the key id: no such key (or, if there is one, it does not open)
    expect(await failure(vault.open(altered(4), 'appeal:7:phone'))).toBe('vault.unknown_data_key');
    for (const i of [5, 16, 17, 32, 33, sealed.length - 1]) expect(await failure(vault.open(altered(i), 'appeal:7:phone')), `byte ${i}`).toBe('vault.not_authentic');
    expect(await failure(vault.open(sealed.subarray(0, SEALED_OVERHEAD - 1), 'appeal:7:phone'))).toBe('vault.malformed');
    expect(await failure(vault.open(sealed.subarray(0, sealed.length - 1), 'appeal:7:phone'))).toBe('vault.not_authentic');
    // copied to another field, or to another appeal
    expect(await failure(vault.open(sealed, 'appeal:7:email'))).toBe('vault.not_authentic');
    expect(await failure(vault.open(sealed, 'appeal:8:phone'))).toBe('vault.not_authentic');
    expect(await failure(vault.open(sealed, ''))).toBe('vault.no_context');
    expect(await failure(vault.seal('x', ''))).toBe('vault.no_context');
    // given another data key's id (after a rotation): still refused
    await vault.rotateDataKey();
    const other = Buffer.from(sealed);
    other.writeUInt32BE(sealedKeyId(await vault.seal('y', 'appeal:7:phone')), 1);
    expect(await failure(vault.open(other, 'appeal:7:phone'))).toBe('vault.not_authentic');
    const error = await caught(vault.open(sealed, 'appeal:7:email'));
    expect(error.message).toMatch(/does not open for appeal:7:email: it was altered, or sealed for another context/);
    expect(error.message).not.toMatch(/916/);
  });

  it('another master key opens nothing and seals nothing; an altered or moved wrapped key is refused', async () => {
    const sealed = await new Vault(db, masters(m1)).seal('text of the appeal', 'appeal:3:text');
    const stranger = new Vault(db, masters(randomBytes(32)));
    expect(await failure(stranger.open(sealed, 'appeal:3:text'))).toBe('vault.master_key_unavailable');
    expect(await failure(stranger.seal('x', 'appeal:4:text'))).toBe('vault.master_key_unavailable');
    const error = await caught(stranger.open(sealed, 'appeal:3:text'));
    expect(error.message).toContain(masterKey(m1).id);
    expect(error.message).toMatch(/OTVET_MASTER_KEY_PREVIOUS/);

    // the wrapped key altered in the database
    await db.query('UPDATE pd_data_keys SET wrapped = set_byte(wrapped, 20, get_byte(wrapped, 20) # 1)');
    expect(await failure(new Vault(db, masters(m1)).open(sealed, 'appeal:3:text'))).toBe('vault.data_key_damaged');
    // or a key's wrapping moved to another row
    await db.query('DELETE FROM pd_data_keys');
    const vault = new Vault(db, masters(m1));
    const a = await vault.seal('a', 'c');
    await vault.rotateDataKey();
    await vault.seal('b', 'c');
    const [k1, k2] = await keyRows(db);
    await db.query('UPDATE pd_data_keys SET wrapped = (SELECT wrapped FROM pd_data_keys WHERE id = $2) WHERE id = $1', [k1!.id, k2!.id]);
    expect(await failure(new Vault(db, masters(m1)).open(a, 'c'))).toBe('vault.data_key_damaged');
  });

  it('rotation: the old key is retired and still opens what it sealed; new values use the new key, on other nodes too', async () => {
    const vault = new Vault(db, masters(m1));
    const before = await vault.seal('before', 'appeal:1:text');
    const other = new Vault(db, masters(m1), { recheckMs: 0 });
    expect(sealedKeyId(await other.seal('x', 'c'))).toBe(sealedKeyId(before));

    const r = await vault.rotateDataKey();
    expect(r).toEqual({ retired: sealedKeyId(before), current: expect.any(Number) as number });
    expect(r.current).not.toBe(r.retired);
    expect((await keyRows(db)).map((k) => [k.id, k.retired])).toEqual([
      [r.retired, true],
      [r.current, false],
    ]);
    const after = await vault.seal('after', 'appeal:2:text');
    expect(sealedKeyId(after)).toBe(r.current);
    for (const v of [vault, other, new Vault(db, masters(m1))]) {
      expect(await v.openText(before, 'appeal:1:text')).toBe('before');
      expect(await v.openText(after, 'appeal:2:text')).toBe('after');
    }
    // the other node looks again in the background and then seals with the new key
    await vi.waitFor(async () => expect(sealedKeyId(await other.seal('x', 'c'))).toBe(r.current));
    // a value moved off the retired key; one already on the current key stays as it is
    const moved = await vault.reseal(before, 'appeal:1:text');
    expect(sealedKeyId(moved)).toBe(r.current);
    expect(await vault.openText(moved, 'appeal:1:text')).toBe('before');
    expect(await vault.reseal(after, 'appeal:2:text')).toEqual(after);
    // rotating again retires only the current key
    const r2 = await new Vault(db, masters(m1)).rotateDataKey();
    expect(r2.retired).toBe(r.current);
    expect((await keyRows(db)).filter((k) => !k.retired).map((k) => k.id)).toEqual([r2.current]);
  });

  it('rotation on a database without data keys makes the first; what the caller adds commits with it, or nothing does', async () => {
    const vault = new Vault(db, masters(m1));
    await expect(
      vault.rotateDataKey({
        inTransaction: async () => {
          throw new Error('the audit record failed');
        },
      }),
    ).rejects.toThrow('the audit record failed');
    expect(await keyRows(db)).toEqual([]);
    // (the vault did not take the key that was never committed as its current one)
    const sealed = await vault.seal('x', 'c');
    expect(await new Vault(db, masters(m1)).openText(sealed, 'c')).toBe('x');
    const seen: unknown[] = [];
    const r = await vault.rotateDataKey({ inTransaction: async (tx, rotation) => void seen.push(rotation, (await tx.query('SELECT count(*)::int AS n FROM pd_data_keys')).rows[0]) });
    expect(seen).toEqual([r, { n: 2 }]);
  });

  it('a new master key with the old one in OTVET_MASTER_KEY_PREVIOUS: everything opens; after rewrap, without the old one too', async () => {
    const old = new Vault(db, masters(m1));
    const a = await old.seal('a', 'appeal:1:name');
    await old.rotateDataKey();
    const b = await old.seal('b', 'appeal:2:name');

    const m2 = randomBytes(32);
    // without the old master key, a rewrap changes nothing and says which master key is missing
    const missing = new Vault(db, masters(m2));
    const refused = await caught(missing.rewrap());
    expect(refused.code).toBe('vault.master_key_unavailable');
    expect(refused.message).toMatch(new RegExp(`2 data key\\(s\\) are wrapped by master key\\(s\\) ${masterKey(m1).id}.*: nothing was changed`));
    expect(new Set((await keyRows(db)).map((k) => k.master_key_id))).toEqual(new Set([masterKey(m1).id]));

    const during = new Vault(db, masters(m2, m1));
    expect(await during.openText(a, 'appeal:1:name')).toBe('a');
    expect(await during.openText(b, 'appeal:2:name')).toBe('b');
    const c = await during.seal('c', 'appeal:3:name');
    expect((await during.status()).map((k) => k.masterKey)).toEqual(['previous', 'previous']);

    expect(await during.rewrap()).toEqual({ rewrapped: 2, keys: 2 });
    expect(await during.rewrap()).toEqual({ rewrapped: 0, keys: 2 });
    expect((await keyRows(db)).map((k) => k.master_key_id)).toEqual([masterKey(m2).id, masterKey(m2).id]);
    // the vault that rewrapped goes on (its keys unwrapped already), and a node without the old master key opens everything
    expect(await during.openText(c, 'appeal:3:name')).toBe('c');
    const after = new Vault(db, masters(m2));
    for (const [sealed, context, plain] of [
      [a, 'appeal:1:name', 'a'],
      [b, 'appeal:2:name', 'b'],
      [c, 'appeal:3:name', 'c'],
    ] as const)
      expect(await after.openText(sealed, context)).toBe(plain);
    expect((await after.status()).map((k) => k.masterKey)).toEqual(['current', 'current']);
    // and a new data key is wrapped by the new master key
    const r = await after.rotateDataKey();
    expect((await keyRows(db)).find((k) => k.id === r.current)!.master_key_id).toBe(masterKey(m2).id);
    // the old master key alone no longer opens anything
    expect(await failure(new Vault(db, masters(m1)).open(a, 'appeal:1:name'))).toBe('vault.master_key_unavailable');
  });

  it('nodes sealing their first value at once agree on one data key', async () => {
    const vaults = Array.from({ length: 8 }, () => new Vault(db, masters(m1)));
    const sealed = await Promise.all(vaults.map((v, i) => v.seal(`value ${i}`, `appeal:${i}:name`)));
    const rows = await keyRows(db);
    expect(rows).toHaveLength(1);
    expect(new Set(sealed.map(sealedKeyId))).toEqual(new Set([rows[0]!.id]));
    for (const [i, s] of sealed.entries()) expect(await vaults[(i + 1) % vaults.length]!.openText(s, `appeal:${i}:name`)).toBe(`value ${i}`);
  });

  it('once the data key is known, sealing and opening read nothing from the database', async () => {
    await new Vault(db, masters(m1)).seal('made by another node', 'c');
    const { db: watched, statements } = counting(db);
    const vault = new Vault(watched, masters(m1));
    expect(await vault.load()).toEqual({ loaded: 1, unavailable: 0 });
    const read = statements();
    const t0 = performance.now();
    const sealed: Buffer[] = [];
    for (let i = 0; i < 1800; i++) sealed.push(await vault.seal(`поле ${i} обращения`, `appeal:${i}:name`));
    for (const [i, s] of sealed.entries()) expect(await vault.openText(s, `appeal:${i}:name`)).toBe(`поле ${i} обращения`);
    const ms = performance.now() - t0;
    expect(statements()).toBe(read);
    // (a bound far above what it takes, only to catch a database read or a slow path per value)
    expect(ms).toBeLessThan(5000);

    // without load(): the first seal reads (or makes) the key once, the next ones nothing
    const cold = counting(db);
    const other = new Vault(cold.db, masters(m1));
    await Promise.all(Array.from({ length: 20 }, (_, i) => other.seal('x', `c${i}`)));
    const first = cold.statements();
    expect(first).toBeLessThanOrEqual(2);
    for (let i = 0; i < 100; i++) await other.seal('x', 'c');
    expect(cold.statements()).toBe(first);
  });

  it("a node's first seal inside a transaction: no wait on itself, and a key of a rolled-back transaction is never sealed with again", async () => {
    const vault = new Vault(db, masters(m1));
    let lost: Buffer | undefined;
    await expect(
      db.transaction(async (tx) => {
        lost = await vault.seal('lost', 'appeal:1:name', tx);
        throw new Error('the appeal was not filed');
      }),
    ).rejects.toThrow('the appeal was not filed');
    // The key the lost value names is either gone with the transaction, or (on PostgreSQL) the one
    // the node's own read, begun beside the transaction on another connection, made and committed
    // first, which the transaction then found: then it is a real key, and the value opens with it.
    if ((await keyRows(db)).some((k) => k.id === sealedKeyId(lost!))) expect(await new Vault(db, masters(m1)).openText(lost!, 'appeal:1:name')).toBe('lost');
    // the next value is sealed with a key that exists
    const kept = await db.transaction((tx) => vault.seal('kept', 'appeal:2:name', tx));
    expect((await keyRows(db)).map((k) => k.id)).toEqual([sealedKeyId(kept)]);
    expect(await new Vault(db, masters(m1)).openText(kept, 'appeal:2:name')).toBe('kept');
    expect(await vault.openText(kept, 'appeal:2:name', db)).toBe('kept');
    // opening inside a transaction with a key this node has not read yet
    const fresh = new Vault(db, masters(m1));
    expect(await db.transaction((tx) => fresh.openText(kept, 'appeal:2:name', tx))).toBe('kept');
  });

  it.runIf(onPostgres)('on PostgreSQL, a rotation and first seals on other connections at once: one current key', async () => {
    const vaults = Array.from({ length: 4 }, () => new Vault(db, masters(m1)));
    await Promise.all([...vaults.map((v) => v.seal('x', 'c')), new Vault(db, masters(m1)).rotateDataKey(), new Vault(db, masters(m1)).rotateDataKey()]);
    expect((await keyRows(db)).filter((k) => !k.retired)).toHaveLength(1);
  });
});
