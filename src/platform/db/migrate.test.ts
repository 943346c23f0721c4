import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { Db } from './database.ts';
import { loadMigrations, migrate, migrationStatus, MigrationError } from './migrate.ts';

describe('migrations', () => {
  let db: Db;
  beforeEach(async () => {
    db = await testDatabase();
  });
  afterEach(() => db.close());

  it('the test database is fully migrated, and migrating again changes nothing', async () => {
    const all = loadMigrations();
    const status = await migrationStatus(db);
    expect(status).toMatchObject({ current: all.length, latest: all.length, pending: [] });
    const again = await migrate(db);
    expect(again.applied).toEqual([]);
  });

  it('refuses a database migrated by a newer otvet, saying so', async () => {
    const next = loadMigrations().length + 1;
    await db.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [next, 'future', 'x']);
    await expect(migrate(db)).rejects.toThrow(MigrationError);
    await expect(migrate(db)).rejects.toThrow(new RegExp(`newer otvet: it is at migration ${next}`));
  });

  it('refuses when an applied migration was edited afterwards', async () => {
    await db.query("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
    await expect(migrationStatus(db)).rejects.toThrow(/0001_regions was changed after it was applied/);
  });

  it('rolls back a failing migration completely', async () => {
    const migrations = [...loadMigrations(), { version: loadMigrations().length + 1, name: 'broken', checksum: 'c', sql: 'CREATE TABLE half_done (x int); SELECT no_such_function();' }];
    await expect(migrate(db, { migrations })).rejects.toThrow();
    const t = await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
    expect(t.rowCount).toBe(0);
    expect((await migrationStatus(db)).current).toBe(loadMigrations().length);
  });
});
