// Builds every module's service over one database. The HTTP app, the CLI and the demo loader
// all use the same services, so rules and the audit log apply whichever way a change comes in.
import { AuditService } from './platform/audit/service.ts';
import { LoginService } from './platform/auth/login-service.ts';
import { TokensService } from './platform/auth/tokens-service.ts';
import { UsersService } from './platform/auth/users-service.ts';
import type { Config } from './platform/config.ts';
import type { Db } from './platform/db/database.ts';
import { EventBus } from './platform/events/bus.ts';
import type { Logger } from './platform/logger.ts';
import { RegionsService } from './regions/index.ts';

export type Services = ReturnType<typeof createServices>;

export function createServices(db: Db, config: Pick<Config, 'session' | 'login'>, log: Logger) {
  const audit = new AuditService(db);
  const events = new EventBus(db, log);
  return {
    events,
    audit,
    users: new UsersService(db, audit),
    tokens: new TokensService(db, audit),
    login: new LoginService(db, audit, config),
    regions: new RegionsService(db, audit),
  };
}

/** Starts what runs in the background of a serving node: event delivery. */
export async function startServices(s: Services): Promise<void> {
  await s.events.start();
}

export async function stopServices(s: Services): Promise<void> {
  await s.events.stop();
}
