import type { Config } from '../config.ts';
import type { Db } from './database.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export function openDatabase(database: Config['database']): Promise<Db> {
  return database.kind === 'postgres' ? openPostgres({ url: database.url, poolSize: database.poolSize }) : openPglite({ dataDir: database.dataDir });
}
