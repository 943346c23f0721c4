// What autovacuum does on a PostgreSQL server, for the embedded database, which has none: tables
// that grew are vacuumed and analyzed. Without it the planner keeps the statistics of an empty
// table and scans whole tables where an index is right (a busy day's call events made each write
// ~20× slower), and updated tables never give back their dead rows. PGlite keeps no activity
// statistics, so growth is judged by size: a table well past the pages its last analysis saw.
// PGlite runs in the server's one thread, so each statement here is a pause for every request:
// an analysis reads a bounded sample (see STATISTICS_TARGET) and the pause stays short however
// large the table grows.
import type { PGlite } from '@electric-sql/pglite';
import { Loop } from '../jobs.ts';
import type { Logger } from '../logger.ts';

const CHECK_MS = 5000;

/**
 * An analysis samples 300 × this many rows. PostgreSQL's default, 100, reads 30,000: on a busy
 * day's call events that paused the server for 100-190 ms. 10 (PostgreSQL's default until 8.4)
 * reads 3,000 in ~10-15 ms; the planner still learns each table's size from all of it, and the
 * embedded database's queries are lookups by key, which need no finer histograms.
 */
const STATISTICS_TARGET = 10;

/** Tables whose size is more than a fifth (and 8 pages) past what their last analysis recorded. */
const GROWN = `
  SELECT c.oid::regclass::text AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind = 'r' AND n.nspname = 'public'
     AND pg_relation_size(c.oid) / current_setting('block_size')::int > greatest(c.relpages, 0) * 1.2 + 8`;

export async function maintain(pg: PGlite, log?: Logger): Promise<string[]> {
  const grown = (await pg.query<{ name: string }>(GROWN)).rows.map((r) => r.name);
  for (const name of grown) {
    if (pg.closed) break;
    await pg.exec(`VACUUM ${name}`);
    if (pg.closed) break;
    // (one exec, one implicit transaction: the setting is back to what it was even if ANALYZE fails)
    await pg.exec(`SET default_statistics_target = ${STATISTICS_TARGET}; ANALYZE ${name}; RESET default_statistics_target`);
  }
  if (grown.length) log?.debug({ tables: grown }, 'pglite: vacuumed and analyzed');
  return grown;
}

/** Checks every few seconds in the background; returns the function that stops it. */
export function startMaintenance(pg: PGlite, log?: Logger): () => Promise<void> {
  const loop = new Loop({
    everyMs: CHECK_MS,
    run: async () => {
      if (!pg.closed) await maintain(pg, log);
    },
    failed: (err) => log?.warn({ err }, 'pglite: maintenance failed; will try again'),
  });
  loop.start();
  return () => loop.stop();
}
