// A migrated database in the state the global setup's template has, for one test file or app.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { Db } from '../../src/platform/db/database.ts';
import { openPglite } from '../../src/platform/db/pglite.ts';
import { openPostgres } from '../../src/platform/db/postgres.ts';
import { pglitePool } from './pglite-pool.ts';
import { postgresServerUrls } from './postgres-servers.ts';

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/**
 * The PostgreSQL server this worker's files use: TEST_DATABASE_URL names one server, or several
 * separated by commas, one per worker (.ci/run starts a second one), because event delivery waits
 * for the oldest transaction open anywhere on a server and two files on one server hold each other back.
 */
export function postgresServerUrl(): string {
  const urls = postgresServerUrls(process.env.TEST_DATABASE_URL ?? '');
  if (!urls.length) throw new Error('TEST_DATABASE_URL is not set');
  // (VITEST_POOL_ID: this worker's number, 1 to maxWorkers)
  return urls[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % urls.length]!;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function testDatabase(): Promise<Db> {
  if (onPostgres) {
    const url = postgresServerUrl();
    const name = `otvet_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
    const db = await openPostgres({ url: withDatabase(url, name), poolSize: 5 });
    return {
      ...db,
      async close() {
        await db.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  return pool.lease();
}

/** This worker's embedded databases, each a clone of the template, reused after a reset. */
export const pool = pglitePool(async () => openPglite({ loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) }));
