// Embedded PostgreSQL (PGlite, PostgreSQL compiled to WebAssembly) for a laptop and for tests.
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { startMaintenance } from './pglite-maintenance.ts';
import { DatabaseOpenError, type Db, type Queryable, type QueryResult } from './database.ts';

type PGliteQueryable = Pick<PGlite | Transaction, 'query' | 'exec'>;

function wrap(target: PGliteQueryable): Queryable {
  return {
    async query<T>(text: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const r = await target.query<T>(text, params);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

export interface PgliteOptions {
  /** Folder for the data; omitted = in memory (tests). */
  dataDir?: string;
  /** A tarball from dumpDataDir() to start from (tests clone a migrated template). */
  loadDataDir?: Blob;
}

const extensions = { pg_trgm };

export async function openPglite(options: PgliteOptions): Promise<Db & { raw: PGlite }> {
  let lock: DataDirLock | undefined;
  if (options.dataDir) lock = acquireDataDirLock(options.dataDir);
  let pg: PGlite;
  try {
    pg = await PGlite.create({
      ...(options.dataDir ? { dataDir: path.join(options.dataDir, 'pgdata') } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions,
    });
  } catch (e) {
    lock?.release();
    throw new DatabaseOpenError(`Cannot open the embedded database in ${options.dataDir ?? 'memory'}: ${(e as Error).message}`, { cause: e });
  }
  const base = wrap(pg);
  const stopMaintenance = startMaintenance(pg);
  return {
    ...base,
    kind: 'pglite',
    location: options.dataDir ? `PGlite in ${options.dataDir}` : 'PGlite in memory',
    announce: (url) => lock?.announce(url),
    raw: pg,
    async listen(channel, onNotify) {
      const unlisten = await pg.listen(channel, onNotify);
      return async () => {
        if (!pg.closed) await unlisten();
      };
    },
    // One process owns a PGlite database: it is always the leader.
    holdLock: async () => async () => {},
    // (a transaction's durable option changes nothing here: PGlite runs with fsync off, so no
    // commit waits for the disk, and turning synchronous_commit off would only cost a statement)
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => pg.transaction((tx) => fn(wrap(tx))),
    async close() {
      try {
        await stopMaintenance();
        if (!pg.closed) await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
}
