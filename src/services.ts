// Builds every module's service over one database. The HTTP app, the CLI and the demo loader
// all use the same services, so rules and the audit log apply whichever way a change comes in.
import { AuditService } from './platform/audit/service.ts';
import { LoginGuard } from './platform/auth/login-guard.ts';
import { LoginService } from './platform/auth/login-service.ts';
import { TokensService } from './platform/auth/tokens-service.ts';
import { UsersService } from './platform/auth/users-service.ts';
import { AccountsWatch } from './platform/auth/accounts-watch.ts';
import { TokenCache } from './platform/auth/token-cache.ts';
import type { Config } from './platform/config.ts';
import type { Db } from './platform/db/database.ts';
import { EventBus } from './platform/events/bus.ts';
import type { Logger } from './platform/logger.ts';
import { RegionsService } from './regions/index.ts';
import { AnswersService, FeedbackService, KnowledgeImportService, KnowledgeSearch, PublicationsService, QueryStats, SynonymsService } from './knowledge/index.ts';
import { createSearchIndex } from './knowledge/search/index.ts';
import { createContactCenter, subscribeContactCenter, type Clock } from './contact-center/index.ts';
import { createMonitoring } from './monitoring/index.ts';
import { PortalService } from './portal/index.ts';

export type Services = ReturnType<typeof createServices>;

export interface ServiceOptions {
  /** Protects personal data (caller numbers); see platform/secret-key.ts. */
  secretKey: Buffer;
  /** The ACD's clock (the simulator runs it faster than real time); also the sign-in backoff's and the portal's view counting's (tests). */
  clock?: Clock;
}

export function createServices(db: Db, config: Pick<Config, 'session' | 'login' | 'publicUrl' | 'passwordHashCost'>, log: Logger, options: ServiceOptions) {
  const audit = new AuditService(db);
  const regions = new RegionsService(db, audit);
  const publications = new PublicationsService(db);
  const queryStats = new QueryStats(db, log);
  const monitoring = createMonitoring({
    db,
    log,
    audit,
    regions,
    // (the portal is made below; the summary asks it only when a report is read)
    year: { answersPublished: (from, to) => publications.newAnswers(from, to), portalViews: (from, to) => portal.views.total(from, to) },
    unansweredSearches: async (ctx, limit) => (await queryStats.report(ctx, 'day', 'unanswered', limit)).items.map((x) => ({ query: x.query, searches: x.searches })), ...(options.clock ? { clock: options.clock } : {}) });
  const accounts = new AccountsWatch();
  const checkedTokens = new TokenCache();
  accounts.onChange(() => checkedTokens.forget());
  const cc = createContactCenter({
    hooks: monitoring.hooks,
    db,
    log,
    audit,
    secretKey: options.secretKey,
    accounts,
    ...(options.clock ? { clock: options.clock } : {}),
    normsOf: async (code) => {
      const c = await regions.callCentre(code);
      return { timezone: c.timezone, serviceLevelSeconds: c.norms.serviceLevelSeconds, shortAbandonSeconds: c.norms.shortAbandonSeconds };
    },
  });
  const events = new EventBus(db, log);
  monitoring.attach(cc.sources);
  const answers = new AnswersService(db, audit);
  const synonyms = new SynonymsService(db, audit);
  const feedback = new FeedbackService(db);
  const search = new KnowledgeSearch(db, log, createSearchIndex(), synonyms, queryStats, feedback);
  const portal = new PortalService({ db, log, answers, search, regions, publicUrl: config.publicUrl, ...(options.clock ? { clock: options.clock } : {}) });
  return {
    db,
    events,
    answers,
    synonyms,
    feedback,
    queryStats,
    kbImport: new KnowledgeImportService(db, audit, answers),
    publications,
    search,
    portal,
    audit,
    accounts,
    users: new UsersService(db, audit, accounts, config.passwordHashCost),
    tokens: new TokensService(db, audit, accounts),
    login: new LoginService(db, audit, config, checkedTokens, new LoginGuard(config.login, options.clock ? () => options.clock!().getTime() : Date.now)),
    regions,
    cc,
    monitoring,
  };
}

/**
 * Starts what runs in the background of a serving node: event delivery, the search index (loaded
 * after the bus starts, so no publication falls between), feedback and query statistics.
 */
export async function startServices(s: Services, options: { waitForAcd?: boolean; acd?: boolean } = {}): Promise<void> {
  s.search.subscribe(s.events);
  s.feedback.subscribe(s.events);
  s.portal.subscribe(s.events);
  subscribeContactCenter(s.cc, s.events);
  s.events.subscribe('regions.imported', (e) => s.cc.queues.ensureDefaults((e.payload as { codes: string[] }).codes));
  s.events.subscribe('regions.imported', async () => s.monitoring.forgetZones());
  s.events.subscribe('regions.settings.changed', async () => s.monitoring.forgetNorms());
  s.accounts.subscribe(s.events);
  await s.events.start();
  await s.feedback.load();
  await s.search.load();
  await s.portal.load();
  s.portal.start();
  await s.cc.queues.ensureDefaults(await s.regions.codes());
  s.queryStats.start();
  s.monitoring.folder.start();
  if (options.acd === false) return;
  // Alerts and webhooks: one node evaluates (the others wait for the lock in the background).
  void s.monitoring.service.start();
  // Another node may lead the ACD; this one then waits in the background to take over.
  const acd = s.cc.acd.start();
  if (options.waitForAcd) await acd;
  else acd.catch(() => {});
}

export async function stopServices(s: Services): Promise<void> {
  await s.monitoring.service.stop();
  await s.cc.acd.stop();
  await s.monitoring.folder.stop();
  await s.events.stop();
  await s.queryStats.stop();
  await s.portal.stop();
}
