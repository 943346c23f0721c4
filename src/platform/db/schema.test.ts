// The migrated schema is identical on PGlite and PostgreSQL: both runs of the suite must match the
// one committed description, and when a PostgreSQL server is at hand the two are also compared
// directly in the same run.
import { describe, expect, it } from 'vitest';
import { onPostgres, testDatabase } from '../../../test/support/database.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { describeSchema } from './schema-snapshot.ts';

describe('schema', () => {
  it('matches the committed description of the schema', async () => {
    const db = await testDatabase();
    try {
      const snapshot = await describeSchema(db);
      await expect(`${JSON.stringify(snapshot, null, 2)}\n`).toMatchFileSnapshot('../../../migrations/schema.snapshot.json');
    } finally {
      await db.close();
    }
  });

  it.runIf(onPostgres)('is the same on PGlite and on PostgreSQL', async () => {
    const server = await testDatabase();
    const embedded = await openPglite({});
    try {
      await migrate(embedded);
      expect(await describeSchema(server)).toEqual(await describeSchema(embedded));
    } finally {
      await server.close();
      await embedded.close();
    }
  });
});
