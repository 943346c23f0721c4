// What every CLI command needs: validated config, a logger on stderr, the migrated database and
// the services. The CLI acts as the operating-system user who runs it (recorded in the audit log).
import os from 'node:os';
import { cliActor, type ActorContext } from '../platform/access/principal.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import type { Db } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { openDatabase } from '../platform/db/open.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { createServices, type Services } from '../services.ts';
import { resolveSecretKey } from '../platform/secret-key.ts';
import { pino } from 'pino';

export interface CliContext {
  config: Config;
  db: Db;
  log: Logger;
  services: Services;
  actor: ActorContext;
}

export function cliLogger(config: Config): Logger {
  return createLogger({ level: config.log.level === 'info' ? 'warn' : config.log.level, format: 'json' }, pino.destination(2));
}

export async function withDatabase<T>(env: NodeJS.ProcessEnv, fn: (db: Db, config: Config, log: Logger) => Promise<T>): Promise<T> {
  const config = loadConfig(env);
  const log = cliLogger(config);
  const db = await openDatabase(config.database);
  try {
    return await fn(db, config, log);
  } finally {
    await db.close();
  }
}

export function withServices<T>(env: NodeJS.ProcessEnv, fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  return withDatabase(env, async (db, config, log) => {
    await migrate(db);
    const services = createServices(db, config, log, { secretKey: resolveSecretKey(config) });
    return fn({ config, db, log, services, actor: cliActor(`cli:${os.userInfo().username}`) });
  });
}
