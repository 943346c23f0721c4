// The composition root: one HTTP app with every module's routes over one database.
import { auditRoutes } from './platform/audit/routes.ts';
import { registerPrincipalHook } from './platform/auth/http-principal.ts';
import { authRoutes } from './platform/auth/routes.ts';
import { tokensRoutes } from './platform/auth/tokens-routes.ts';
import { usersRoutes } from './platform/auth/users-routes.ts';
import { clientAddress, trustFunction } from './platform/client-address.ts';
import type { Config } from './platform/config.ts';
import type { Db } from './platform/db/database.ts';
import { healthRoutes } from './platform/http/health.ts';
import { createObservability } from './platform/observability/registry.ts';
import { timedDb } from './platform/observability/db-timing.ts';
import { observabilityRoutes } from './platform/observability/routes.ts';
import { createHttpServer } from './platform/http/server.ts';
import type { App } from './platform/http/types.ts';
import type { Logger } from './platform/logger.ts';
import { regionsRoutes } from './regions/index.ts';
import { knowledgeRoutes } from './knowledge/index.ts';
import { registerSse } from './platform/http/sse.ts';
import { webRoutes } from './web/routes.ts';
import { portalApiRoutes, portalFastPath, portalRoutes, sendErrorPage } from './portal/index.ts';
import { createServices, type ServiceOptions, type Services } from './services.ts';
import { contactCenterRoutesAll } from './contact-center/index.ts';
import { monitoringRoutesAll } from './monitoring/index.ts';
import { StaffingService, staffingRoutes } from './staffing/index.ts';
import { appealPageRoutes, appealsRoutes, mailboxRoutes, open311Routes } from './appeals/index.ts';
import { navigatorCatalogRoutes, navigatorHsdsRoutes, navigatorPageRoutes, navigatorReportRoutes, navigatorStepRoutes, navigatorPublishedRoutes } from './navigator/index.ts';

import { version } from './version.ts';

export { version };

export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  options: ServiceOptions;
}

export async function createApp({ config, db: raw, logger, options }: AppDeps): Promise<{ http: App; services: Services }> {
  const observability = createObservability();
  const db = timedDb(raw, observability);
  const services = createServices(db, config, logger, options);
  const trust = trustFunction(config.trustProxy);
  const http = await createHttpServer({
    logger,
    trustProxy: trust,
    version,
    // A person who mistypes an address gets the portal's page; programs get a problem document.
    notFoundPage: (req, reply) => sendErrorPage(services.portal, req, reply, 404),
    fastPath: portalFastPath(services.portal, (req) => clientAddress(req, trust)),
  });
  registerPrincipalHook(http, services.login);
  healthRoutes(http, { db });
  observabilityRoutes(http, observability);
  await authRoutes(http, { ...services, config });
  usersRoutes(http, services);
  tokensRoutes(http, services);
  auditRoutes(http, services);
  regionsRoutes(http, services);
  knowledgeRoutes(http, services);
  contactCenterRoutesAll(http, services.cc, { db, audit: services.audit, demo: options.demo ?? false });
  monitoringRoutesAll(http, services.monitoring, { registry: observability.registry, db });
  staffingRoutes(http, { staffing: new StaffingService(services.monitoring.planning) });
  appealsRoutes(http, {
    ...services,
    ratePerMinute: config.appeals.ratePerMinute,
    // (an appeal taken during a call names a call the operator may see: theirs)
    checkCall: async (ctx, callId) => void (await services.cc.calls.get(ctx, callId)),
  });
  appealPageRoutes(http, { ...services, answers: services.search, publicUrl: config.publicUrl, ratePerMinute: config.appeals.ratePerMinute });
  open311Routes(http, { ...services, config, ratePerMinute: config.appeals.ratePerMinute });
  // (each request takes the navigator of what is published then: editors' approvals show at once)
  const liveNavigator = () => services.liveNavigator.current;
  navigatorPageRoutes(http, { navigator: liveNavigator, portal: services.portal, publicUrl: config.publicUrl, usage: services.navigatorUsage });
  navigatorHsdsRoutes(http, { catalog: () => liveNavigator().catalog, publicUrl: config.publicUrl });
  navigatorStepRoutes(http, { navigator: liveNavigator, usage: services.navigatorUsage });
  navigatorPublishedRoutes(http, { navigator: liveNavigator });
  navigatorReportRoutes(http, { reports: services.navigatorReports });
  navigatorCatalogRoutes(http, services);
  // (demo mode without an SMTP server only: elsewhere /demo/mailbox is a 404)
  mailboxRoutes(http, services);
  webRoutes(http, { ...(config.sipWsUrl ? { sipWsUrl: config.sipWsUrl } : {}), demo: options.demo ?? false });
  portalApiRoutes(http, services.portal);
  portalRoutes(http, services.portal);
  registerSse(http);
  await http.ready();
  return { http, services };
}
