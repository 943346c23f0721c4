// The heavy half of the CLI (config, database, every service), imported only when a command runs:
// `otvet --help` and argument errors answer without it.
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db/database.ts';
import type { Logger } from '../platform/logger.ts';
import type { CliContext } from './context.ts';
import type { CliIo } from './io.ts';

export async function withServices<T>(io: CliIo, fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  return (await import('./context.ts')).withServices(io.env, fn);
}

export async function withDatabase<T>(io: CliIo, fn: (db: Db, config: Config, log: Logger) => Promise<T>): Promise<T> {
  return (await import('./context.ts')).withDatabase(io.env, fn);
}
