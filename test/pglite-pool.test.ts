// The embedded test databases a worker reuses: a database lent again must be in the template's
// state, whatever the last borrower did to it, or tests would see each other's leftovers.
import { describe, expect, it } from 'vitest';
import type { Queryable } from '../src/platform/db/database.ts';
import { onPostgres, pool, testDatabase } from './support/database.ts';

/** Everything a test could leave behind that the next one could notice. */
async function state(db: Queryable) {
  const tables = await db.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY 1`,
  );
  const rows: Record<string, unknown> = {};
  for (const { name } of tables.rows) rows[name] = (await db.query(`SELECT * FROM ${name} ORDER BY 1`)).rows;
  const sequences: Record<string, unknown> = {};
  const names = await db.query<{ name: string }>(`SELECT c.oid::regclass::text AS name FROM pg_class c WHERE c.relkind = 'S' ORDER BY 1`);
  for (const { name } of names.rows) sequences[name] = (await db.query(`SELECT last_value, is_called FROM ${name}`)).rows[0];
  const session = await db.query(
    `SELECT current_setting('TimeZone') AS zone, current_setting('statement_timeout') AS timeout,
            (SELECT count(*)::int FROM pg_listening_channels()) AS listening,
            (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 'pg_temp%') AS temporary`,
  );
  return { tables: tables.rows.length, rows, sequences, session: session.rows[0] };
}

describe.skipIf(onPostgres)('reused embedded test databases', () => {
  it('lend a database used by an earlier test back in the state of a fresh one', async () => {
    const first = await testDatabase();
    const fresh = await state(first);
    expect(fresh.tables).toBeGreaterThan(30);
    expect(fresh.rows['public.call_centre_defaults']).toHaveLength(1);

    await first.exec(`
      INSERT INTO kb_synonyms (terms) VALUES ('{пособие,выплата}'), ('{справка,документ}');
      DELETE FROM call_centre_defaults;
      DELETE FROM schema_migrations WHERE version = (SELECT min(version) FROM schema_migrations);
      SELECT nextval('users_id_seq'), nextval('users_id_seq');
      CREATE TEMPORARY TABLE scratch (n int);
      SET TimeZone = 'Asia/Vladivostok';
      SET statement_timeout = '5s';
      LISTEN leftover;`);
    // (a transaction a failed test left open)
    await first.exec(`BEGIN; INSERT INTO kb_synonyms (terms) VALUES ('{a,b}')`);
    expect(await state(first)).not.toEqual(fresh);
    const reused = pool.counts.reused;
    await first.close();

    const second = await testDatabase();
    expect(pool.counts.reused).toBe(reused + 1);
    expect(await state(second)).toEqual(fresh);
    const { rows } = await second.query<{ id: string }>(`INSERT INTO kb_synonyms (terms) VALUES ('{a,b}') RETURNING id::text`);
    expect(rows[0]!.id).toBe('1');
    await second.close();
  });

  it('refuse work through a handle given back, and tell its listeners nothing more', async () => {
    const first = await testDatabase();
    const heard: string[] = [];
    await first.listen('news', (payload) => heard.push(payload));
    await first.close();
    await expect(first.query('SELECT 1')).rejects.toThrow(/closed/);
    await expect(first.transaction(async () => 1)).rejects.toThrow(/closed/);

    const second = await testDatabase();
    const heardNow: string[] = [];
    const unlisten = await second.listen('news', (payload) => heardNow.push(payload));
    await second.exec(`NOTIFY news, 'second'`);
    await expect.poll(() => heardNow).toEqual(['second']);
    expect(heard).toEqual([]);
    await unlisten();
    await second.close();
  });

  it('do not lend again a database whose schema a test changed', async () => {
    const first = await testDatabase();
    await first.exec('CREATE TABLE probe (n int); ALTER TABLE kb_synonyms ADD COLUMN note text');
    const discarded = pool.counts.discarded;
    await first.close();
    expect(pool.counts.discarded).toBe(discarded + 1);

    const second = await testDatabase();
    const { rows } = await second.query<{ probe: string | null; note: number }>(
      `SELECT to_regclass('probe')::text AS probe, (SELECT count(*)::int FROM information_schema.columns WHERE table_name = 'kb_synonyms' AND column_name = 'note') AS note`,
    );
    expect(rows[0]).toEqual({ probe: null, note: 0 });
    await second.close();
  });
});
