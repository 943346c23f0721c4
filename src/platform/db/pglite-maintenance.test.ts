// The embedded database's stand-in for autovacuum: grown tables are vacuumed and analyzed, and an
// analysis reads a bounded sample, so the pause it makes (PGlite runs in the server's one thread)
// does not grow with the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maintain } from './pglite-maintenance.ts';
import { openPglite } from './pglite.ts';

describe('PGlite maintenance', () => {
  let db: Awaited<ReturnType<typeof openPglite>>;
  beforeAll(async () => {
    db = await openPglite({});
    await db.exec('CREATE TABLE grows (id bigint PRIMARY KEY, kind text, data jsonb)');
  });
  afterAll(() => db.close());

  it('analyzes a table that grew, and leaves it alone until it grows again', async () => {
    await db.query(`INSERT INTO grows SELECT i, 'k' || (i % 7), jsonb_build_object('n', i) FROM generate_series(1, 20000) i`);
    expect(await maintain(db.raw)).toContain('grows');
    const { rows } = await db.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'grows'`);
    expect(rows[0]!.reltuples).toBe(20000);
    expect(await maintain(db.raw)).not.toContain('grows');
  });

  it('samples a bounded number of rows, and leaves the session as it found it', async () => {
    await db.query(`INSERT INTO grows SELECT i, 'k' || (i % 7), jsonb_build_object('n', i) FROM generate_series(20001, 60000) i`);
    expect(await maintain(db.raw)).toContain('grows');
    // statistics target 10: at most 11 histogram bounds (the default, 100, would give 101)
    const { rows } = await db.query<{ bounds: number }>(`SELECT array_length(histogram_bounds::text::bigint[], 1) AS bounds FROM pg_stats WHERE tablename = 'grows' AND attname = 'id'`);
    expect(rows[0]!.bounds).toBeGreaterThan(1);
    expect(rows[0]!.bounds).toBeLessThanOrEqual(11);
    // the planner still knows the table's size, from the whole table rather than the sample
    const size = await db.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'grows'`);
    expect(size.rows[0]!.reltuples).toBeGreaterThan(50000);
    const { rows: setting } = await db.query<{ default_statistics_target: string }>('SHOW default_statistics_target');
    expect(setting[0]!.default_statistics_target).toBe('100');
  });
});
