// Transactions on both engines: commit, roll back, and the commit that need not wait for the disk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, testDatabase } from '../../../test/support/database.ts';
import type { Db } from './database.ts';

describe('transactions', () => {
  let db: Db;
  beforeAll(async () => {
    db = await testDatabase();
    await db.exec('CREATE TABLE tx_probe (n int)');
  });
  afterAll(() => db.close());

  const setting = async (durable?: boolean) =>
    db.transaction(async (tx) => (await tx.query<{ v: string }>('SELECT current_setting($1) AS v', ['synchronous_commit'])).rows[0]!.v, durable === undefined ? undefined : { durable });

  it.runIf(onPostgres)('waits for the disk unless told the work is redone after a crash anyway', async () => {
    expect(await setting()).toBe('on');
    expect(await setting(false)).toBe('off');
    // only for that transaction
    expect(await setting()).toBe('on');
  });

  it.runIf(!onPostgres)('on PGlite, which never forces the disk, a transaction that need not wait costs no extra statement', async () => {
    // (if PGlite ever runs with fsync on, non-durable transactions must turn synchronous_commit off again)
    expect((await db.query<{ fsync: string }>('SHOW fsync')).rows[0]!.fsync).toBe('off');
    expect(await setting(false)).toBe('on');
  });

  it("reads a transaction's first statement as any other, whatever its parameters hold", async () => {
    // (on PostgreSQL a first statement may travel with BEGIN, its parameters written in, only when
    // the transaction asks and it is a function call: see inline-parameters.test.ts)
    const sql = 'SELECT $1::text AS s, $2::text[] AS a, $3::int AS n, $4::json AS j, $5::bool AS b, $6::text AS nothing, $7::int[] AS ids';
    const params = ['O\'Brien \\ "q" $1 {a,b} -- /* x', ['a,b', 'c"d', 'e\\f', '{g}', 'NULL', null, ''], 42, JSON.stringify({ k: 'it\'s \\ "fine"' }), true, null, [1, 2, 3]];
    const outside = (await db.query(sql, params)).rows;
    const inside = await db.transaction(async (tx) => (await tx.query(sql, params)).rows);
    expect(inside).toEqual(outside);
    expect(inside[0]).toMatchObject({ s: params[0], a: params[1], n: 42, j: { k: 'it\'s \\ "fine"' }, b: true, nothing: null, ids: [1, 2, 3] });
    // a statement holding quotes of its own, and one that is not the first
    const quoted = await db.transaction(async (tx) => {
      const a = (await tx.query<{ v: string }>("SELECT 'x' || $1::text AS v", ['y'])).rows[0]!.v;
      const b = (await tx.query<{ v: number }>('SELECT $1::int + 1 AS v', [1])).rows[0]!.v;
      return [a, b];
    });
    expect(quoted).toEqual(['xy', 2]);
  });

  it('commits what fn did when it resolves, and nothing when it throws', async () => {
    await db.transaction(async (tx) => void (await tx.query('INSERT INTO tx_probe VALUES (1)')), { durable: false });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_probe VALUES ($1)', [2]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // a failing first statement leaves nothing open behind it
    await expect(db.transaction((tx) => tx.query('INSERT INTO tx_probe VALUES ($1)', ['not a number']))).rejects.toThrow();
    expect((await db.query<{ n: number }>('SELECT n FROM tx_probe ORDER BY n')).rows).toEqual([{ n: 1 }]);
  });

  it.runIf(onPostgres)(
    'keeps its connections open through a lull (a new one would cost a caller a login and a cold backend)',
    async () => {
      const pool = (db as Db & { pool: { totalCount: number } }).pool;
      await Promise.all([1, 2, 3].map(() => db.transaction((tx) => tx.query('SELECT pg_sleep(0.05)'))));
      const open = pool.totalCount;
      expect(open).toBeGreaterThanOrEqual(3);
      // node-postgres closes idle connections after 10 s unless told otherwise
      await new Promise((r) => setTimeout(r, 11_000));
      expect(pool.totalCount).toBe(open);
    },
    20_000,
  );
});
