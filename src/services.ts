// Builds every module's service over one database. The HTTP app, the CLI and the demo loader
// all use the same services, so rules and the audit log apply whichever way a change comes in.
import { AuditService } from './platform/audit/service.ts';
import { LoginService } from './platform/auth/login-service.ts';
import { TokensService } from './platform/auth/tokens-service.ts';
import { UsersService } from './platform/auth/users-service.ts';
import type { Config } from './platform/config.ts';
import type { Db } from './platform/db/database.ts';
import { RegionsService } from './regions/index.ts';

export type Services = ReturnType<typeof createServices>;

export function createServices(db: Db, config: Pick<Config, 'session' | 'login'>) {
  const audit = new AuditService(db);
  return {
    audit,
    users: new UsersService(db, audit),
    tokens: new TokensService(db, audit),
    login: new LoginService(db, audit, config),
    regions: new RegionsService(db, audit),
  };
}
