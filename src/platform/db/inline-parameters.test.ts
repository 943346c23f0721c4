// What may travel written into the BEGIN's message (only where a transaction asks for it), and
// what may not; on PostgreSQL, hostile values stored exactly and running nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, testDatabase } from '../../../test/support/database.ts';
import type { Db } from './database.ts';
import { inlineParameters } from './postgres.ts';

describe('parameters written into a statement', () => {
  it('quotes values as the literal text PostgreSQL would have received', () => {
    expect(inlineParameters('SELECT * FROM f($1::text[], $2)', [["a'b", 'c"d', null], "it's"])).toBe(`SELECT * FROM f( E'{"a''b","c\\\\"d",NULL}'::text[], 'it''s')`);
    // a backslash: the E'' form, read the same whatever standard_conforming_strings says
    expect(inlineParameters('SELECT v FROM f($1)', ['back\\slash'])).toBe("SELECT v FROM f( E'back\\\\slash')");
    expect(inlineParameters('SELECT a, b FROM f($1::int, $2, $3)', [5, true, null])).toBe("SELECT a, b FROM f('5'::int, 'true', NULL)");
  });

  it('takes only SELECT … FROM a function whose arguments are all parameters', () => {
    for (const text of [
      'SELECT * FROM f($1) LIMIT $2',
      'SELECT f($1)',
      "SELECT v FROM f($1, 'x')",
      'SELECT v FROM f($1); DROP TABLE x',
      'SELECT v FROM f($1) -- note',
      'SELECT v FROM f($1) /* note */',
      'SELECT v FROM f($1 || $1)',
      'SELECT v FROM f(g($1))',
      'SELECT v FROM t WHERE id = $1',
      'SELECT $$x$$ AS v FROM f($1)',
      'WITH q AS (SELECT 1) SELECT v FROM f($1)',
      'INSERT INTO t SELECT v FROM f($1)',
      'UPDATE t SET v = $1',
    ])
      expect(inlineParameters(text, ['y', 'z']), text).toBeUndefined();
  });

  it('takes only plain values, and no text PostgreSQL would refuse', () => {
    expect(inlineParameters('SELECT v FROM f($1)', [{ a: 1 }])).toBeUndefined();
    expect(inlineParameters('SELECT v FROM f($1)', [new Date(0)])).toBeUndefined();
    expect(inlineParameters('SELECT v FROM f($1, $2)', ['only one'])).toBeUndefined();
    expect(inlineParameters('SELECT v FROM f($1)', [Number.NaN])).toBeUndefined();
    expect(inlineParameters('SELECT v FROM f($1)', [[['nested']]])).toBeUndefined();
    // NUL ends a simple-protocol message: the statement would be cut short, not refused
    expect(inlineParameters('SELECT v FROM f($1)', ['a\0b'])).toBeUndefined();
    expect(inlineParameters('SELECT v FROM f($1)', [['a', 'b\0']])).toBeUndefined();
  });
});

describe.runIf(onPostgres)('the first statement written in, on PostgreSQL', () => {
  let db: Db;
  const store = 'SELECT stored_id, stored_s, stored_a, sent FROM inline_store($1::text, $2::text[])';
  type Stored = { stored_id: number; stored_s: string | null; stored_a: (string | null)[] | null; sent: string };

  beforeAll(async () => {
    db = await testDatabase();
    await db.exec(`
      CREATE TABLE inline_probe (id serial PRIMARY KEY, s text, a text[]);
      CREATE TABLE x (n int);
      INSERT INTO x VALUES (1);
      -- current_query(): the text the server received, to see what travelled
      CREATE FUNCTION inline_store(text, text[]) RETURNS TABLE (stored_id int, stored_s text, stored_a text[], sent text)
        LANGUAGE sql AS $f$ INSERT INTO inline_probe (s, a) VALUES ($1, $2) RETURNING id, s, a, current_query() $f$;
    `);
  });
  afterAll(() => db?.close());

  const inTransaction = (params: unknown[], inlineFirst?: boolean) =>
    db.transaction(async (tx) => (await tx.query<Stored>(store, params)).rows[0]!, inlineFirst === undefined ? undefined : { inlineFirst });

  const hostile = [
    "'); DROP TABLE x; --",
    "it's",
    "''",
    "'",
    '\\',
    "\\'",
    "'\\",
    "\\\\''",
    '$$',
    '$$; DROP TABLE x; $$',
    '$f$',
    '$1',
    '$2::text',
    "E'\\x41'",
    "E'\\''; DROP TABLE x; --",
    "\\'); DROP TABLE x; --",
    '-- a comment',
    '/* open',
    '*/',
    "/* a */ '); DROP TABLE x; /* b */",
    '\n; DROP TABLE x;\n',
    "'; SELECT pg_sleep(5); --",
    '"quoted"',
    '{a,b}',
    '{"a\\"b"}',
    'NULL',
    '',
    ' ',
    '\t\r\n',
    'ё Ж 🙂 \u00a0\u2028',
    '\u0001\u001f\u007f',
  ];

  it('sends it with BEGIN only when asked, and then stores every hostile value exactly, running nothing', async () => {
    for (const v of hostile) {
      const array = [v, null, 'NULL', '', `${v},${v}`, '"', '{', '}'];
      const r = await inTransaction([v, array], true);
      expect(r.sent.startsWith('BEGIN; SELECT'), r.sent).toBe(true);
      expect(r.stored_s).toBe(v);
      expect(r.stored_a).toEqual(array);
      const row = (await db.query<{ s: string; a: string[] }>('SELECT s, a FROM inline_probe WHERE id = $1', [r.stored_id])).rows[0]!;
      expect(row).toEqual({ s: v, a: array });
    }
    expect((await db.query<{ n: number }>('SELECT n FROM x')).rows).toEqual([{ n: 1 }]);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM inline_probe')).rows[0]!.n).toBe(hostile.length);
  });

  it('stores a megabyte of quotes and backslashes exactly', async () => {
    const big = `${"'\\$$--/*".repeat(130_000)}end`;
    expect(big.length).toBeGreaterThan(1_000_000);
    const r = await inTransaction([big, [big]], true);
    expect(r.sent.startsWith('BEGIN;')).toBe(true);
    const row = (await db.query<{ s: string; a: string[] }>('SELECT s, a FROM inline_probe WHERE id = $1', [r.stored_id])).rows[0]!;
    expect(row.s === big && row.a[0] === big).toBe(true);
  });

  it('refuses NUL as the normal path does (not cut short), and leaves nothing behind', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM inline_probe')).rows[0]!.n;
    const error = async (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: Error & { code?: string }) => ({ code: e.code, message: e.message }),
      );
    const normal = await error(db.query(store, ['a\0b', ['c']]));
    expect(normal?.code).toBe('22021');
    expect(await error(inTransaction(['a\0b', ['c']], true))).toEqual(normal);
    expect(await error(inTransaction(['a', ['c\0']], true))).toEqual(await error(db.query(store, ['a', ['c\0']])));
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM inline_probe')).rows[0]!.n).toBe(before);
  });

  it("keeps values out of the statement's text unless asked, and for any other statement", async () => {
    const plain = await inTransaction(["'); DROP TABLE x; --", ['y']]);
    expect(plain.sent).toBe(store);
    const asked = await db.transaction(async (tx) => (await tx.query<{ sent: string }>('SELECT (inline_store($1::text, $2::text[])).sent', ['secret', []])).rows[0]!.sent, { inlineFirst: true });
    expect(asked).not.toContain('secret');
    // only the first statement may travel with BEGIN
    const second = await db.transaction(
      async (tx) => {
        await tx.query(store, ['first', []]);
        return (await tx.query<Stored>(store, ['second', []])).rows[0]!.sent;
      },
      { inlineFirst: true },
    );
    expect(second).toBe(store);
  });

  it('rolls back what the inlined statement did when the transaction fails', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM inline_probe')).rows[0]!.n;
    await expect(
      db.transaction(
        async (tx) => {
          await tx.query(store, ['undone', []]);
          throw new Error('changed my mind');
        },
        { inlineFirst: true, durable: false },
      ),
    ).rejects.toThrow('changed my mind');
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM inline_probe')).rows[0]!.n).toBe(before);
  });
});
