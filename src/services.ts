// Builds every module's service over one database. The HTTP app, the CLI and the demo loader
// all use the same services, so rules and the audit log apply whichever way a change comes in.
import { systemActor } from './platform/access/principal.ts';
import { AuditService } from './platform/audit/service.ts';
import { LoginGuard } from './platform/auth/login-guard.ts';
import { LoginService } from './platform/auth/login-service.ts';
import { TokensService } from './platform/auth/tokens-service.ts';
import { UsersService } from './platform/auth/users-service.ts';
import { AccountsWatch } from './platform/auth/accounts-watch.ts';
import { SessionDirectory } from './platform/auth/session-directory.ts';
import type { AccountsTopics } from './platform/auth/events.ts';
import { TokenCache } from './platform/auth/token-cache.ts';
import type { Config } from './platform/config.ts';
import type { Db } from './platform/db/database.ts';
import { EventBus } from './platform/events/bus.ts';
import type { Logger } from './platform/logger.ts';
import { createRegions, type RegionsTopics } from './regions/index.ts';
import { createKnowledge, subscribeKnowledge, type KnowledgeTopics } from './knowledge/index.ts';
import { createContactCenter, subscribeContactCenter, type CallsChanged, type Clock, type ContactCenterTopics } from './contact-center/index.ts';
import { createMonitoring, subscribeMonitoring, type CallsChangedFacts, type MonitoringTopics } from './monitoring/index.ts';
import { createPortal, subscribePortal } from './portal/index.ts';
import { AppealMail, createAppeals, subscribeAppeals, type AppealsTopics } from './appeals/index.ts';
import { resolveMasterKeys, type MasterKeys } from './platform/crypto/master-key.ts';
import {
  LiveNavigator,
  NavigatorCatalogService,
  NavigatorReports,
  NavigatorUsage,
  readDemoNavigator,
  subscribeNavigator,
  type Navigator,
  type NavigatorCatalog,
  type NavigatorTopics,
} from './navigator/index.ts';
import { Vault } from './platform/crypto/vault.ts';

export type Services = ReturnType<typeof createServices>;

/** Every topic of every module: the bus is typed by these, each module subscribes to its part. */
export type Topics = AccountsTopics & RegionsTopics & KnowledgeTopics & ContactCenterTopics & MonitoringTopics & AppealsTopics & NavigatorTopics;

/**
 * Monitoring folds its rollups from the contact centre's cc.calls.changed events, whose shape it
 * declares itself: this stops compiling when the published change no longer fits it.
 */
const _changeFitsMonitoring = (c: Required<CallsChanged>): Required<CallsChangedFacts> => c;

export interface ServiceOptions {
  /** Protects personal data (caller numbers); see platform/secret-key.ts. */
  secretKey: Buffer;
  /** The keys that wrap the keys personal data is sealed with (platform/crypto); from the configuration when not given. */
  masterKeys?: MasterKeys;
  /** The ACD's clock (the simulator runs it faster than real time); also the sign-in backoff's and the portal's view counting's (tests). */
  clock?: Clock;
  /** Demo mode (serve --demo): without SMTP_URL, notices to appellants go to the demo mailbox (/demo/mailbox). */
  demo?: boolean;
  /**
   * The navigator's catalogue instead of the demo's (bench:navigator runs it with 50× the measures):
   * published into empty navigator tables when the services start (seedNavigator).
   */
  navigatorCatalog?: NavigatorCatalog;
}

export function createServices(
  db: Db,
  config: Pick<Config, 'session' | 'login' | 'publicUrl' | 'passwordHashCost' | 'sipRealm' | 'sipWsUrl' | 'database' | 'masterKey' | 'previousMasterKeys' | 'mail'>,
  log: Logger,
  options: ServiceOptions,
) {
  const audit = new AuditService(db);
  const { regions } = createRegions({ db, audit });
  const vault = new Vault(db, options.masterKeys ?? resolveMasterKeys(config));
  const appeals = createAppeals({
    db,
    audit,
    sealer: vault,
    secretKey: options.secretKey,
    regions: () => regions.list(),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const knowledge = createKnowledge({ db, log, audit });
  const { answers, queryStats, publications, search } = knowledge;
  const accounts = new AccountsWatch();
  const checkedTokens = new TokenCache();
  accounts.onChange(() => checkedTokens.forget());
  // the published questions and measures, in memory (loaded when the services start, rebuilt on publication)
  const liveNavigator = new LiveNavigator(db, log);
  const cc = createContactCenter({
    db,
    log,
    audit,
    secretKey: options.secretKey,
    accounts,
    knowledge: answers,
    sipRealm: config.sipRealm,
    ...(config.sipWsUrl ? { sipWsUrl: config.sipWsUrl } : {}),
    sessions: new SessionDirectory(db, config.session.idleMinutes),
    // the wrap-up's measures are checked against the navigator's catalogue (contact-center knows no more of it)
    measureExists: (id) => liveNavigator.hasMeasure(id),
    ...(options.clock ? { clock: options.clock } : {}),
    normsOf: async (code) => {
      const c = await regions.callCentre(code);
      return { timezone: c.timezone, serviceLevelSeconds: c.norms.serviceLevelSeconds, shortAbandonSeconds: c.norms.shortAbandonSeconds };
    },
  });
  const monitoring = createMonitoring({
    db,
    log,
    audit,
    regions,
    sources: cc.sources,
    // (the portal is made below; the summary asks it only when a report is read)
    year: { answersPublished: (from, to) => publications.newAnswers(from, to), portalViews: (from, to) => portal.views.total(from, to) },
    // appeals' counts by type, region, organisation, day; open and overdue (never their content)
    appeals: appeals.appealFigures,
    unansweredSearches: async (ctx, limit) => (await queryStats.report(ctx, 'day', 'unanswered', limit)).items.map((x) => ({ query: x.query, searches: x.searches })),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  // E-mail notices to appellants: through SMTP_URL, or the demo mailbox in demo mode, or none.
  const appealMail = new AppealMail({
    db,
    audit,
    sealer: vault,
    catalog: appeals.appealsCatalog,
    log,
    publicUrl: config.publicUrl,
    smtpUrl: config.mail.smtpUrl,
    from: config.mail.from,
    demo: options.demo ?? false,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const events = new EventBus<Topics>(db, log);
  // the navigator's counts (nothing about a person), and its report with the calls' recorded measures
  const navigatorUsage = new NavigatorUsage(db, log, options.clock);
  const { portal } = createPortal({ db, log, answers, search, queryStats, regions, publicUrl: config.publicUrl, ...(options.clock ? { clock: options.clock } : {}) });
  return {
    db,
    events,
    ...knowledge,
    portal,
    audit,
    accounts,
    users: new UsersService(db, audit, accounts, config.passwordHashCost),
    tokens: new TokensService(db, audit, accounts),
    login: new LoginService(db, audit, config, checkedTokens, new LoginGuard(config.login, options.clock ? () => options.clock!().getTime() : Date.now)),
    regions,
    cc,
    monitoring,
    vault,
    ...appeals,
    appealMail,
    navigatorUsage,
    navigatorReports: new NavigatorReports({
      db,
      navigator: () => liveNavigator.current,
      usage: navigatorUsage,
      measuresOnCalls: cc.measuresOnCalls,
      ...(options.clock ? { now: options.clock } : {}),
    }),
    liveNavigator,
    navigatorCatalog: new NavigatorCatalogService(db, audit, liveNavigator),
    /** The catalogue seedNavigator publishes into empty tables when none is said: the options', or the demo's. */
    navigatorSeed: options.navigatorCatalog,
    /** The navigator of what is published now. */
    get navigator(): Navigator {
      return liveNavigator.current;
    },
  };
}

/**
 * Starts what runs in the background of a serving node: event delivery, the search index (loaded
 * after the bus starts, so no publication falls between), feedback and query statistics.
 */
export async function startServices(s: Services, options: { waitForAcd?: boolean; acd?: boolean } = {}): Promise<void> {
  // Each module subscribes in one place; within an event, 'index' subscribers (what nodes keep)
  // run before 'notify' ones (live feeds), whatever the order here (docs/ARCHITECTURE.md, Events).
  s.accounts.subscribe(s.events);
  subscribeKnowledge(s.events, s);
  subscribePortal(s.portal, s.events);
  subscribeContactCenter(s.cc, s.events);
  subscribeMonitoring(s.monitoring, s.events);
  subscribeAppeals(s.appealMail, s.events);
  subscribeNavigator(s.liveNavigator, s.events);
  await s.events.start();
  // (a catalogue given in the options is published now; the demo's by seedDemo and the tests)
  if (s.navigatorSeed) await seedNavigator(s);
  await s.liveNavigator.reload();
  await s.feedback.load();
  await s.search.load();
  await s.portal.load();
  s.portal.start();
  await s.cc.queues.ensureDefaults(await s.regions.codes());
  s.queryStats.start();
  s.navigatorUsage.start();
  s.monitoring.folder.start();
  // Notices to appellants: one node sends (the others wait for the lock in the background).
  void s.appealMail.start();
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
  await s.appealMail.stop();
  await s.cc.acd.stop();
  await s.monitoring.folder.stop();
  await s.events.stop();
  await s.queryStats.stop();
  await s.portal.stop();
  await s.navigatorUsage.stop();
}

/**
 * Publishes the options' catalogue (or the demo's) as version 1 when the navigator's tables are
 * empty; how many questions and measures it loaded.
 */
export function seedNavigator(s: Services): Promise<number> {
  return s.navigatorCatalog.seed(systemActor('seed'), s.navigatorSeed ?? readDemoNavigator());
}
