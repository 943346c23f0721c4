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
import { AnswersService, FeedbackService, KnowledgeImportService, KnowledgeSearch, PublicationsService, QueryStats, SynonymsService } from './knowledge/index.ts';
import { createSearchIndex } from './knowledge/search/index.ts';

export type Services = ReturnType<typeof createServices>;

export function createServices(db: Db, config: Pick<Config, 'session' | 'login'>, log: Logger) {
  const audit = new AuditService(db);
  const events = new EventBus(db, log);
  const answers = new AnswersService(db, audit);
  const synonyms = new SynonymsService(db, audit);
  const feedback = new FeedbackService(db);
  const queryStats = new QueryStats(db, log);
  return {
    db,
    events,
    answers,
    synonyms,
    feedback,
    queryStats,
    kbImport: new KnowledgeImportService(db, audit, answers),
    publications: new PublicationsService(db),
    search: new KnowledgeSearch(db, log, createSearchIndex(), synonyms, queryStats, feedback),
    audit,
    users: new UsersService(db, audit),
    tokens: new TokensService(db, audit),
    login: new LoginService(db, audit, config),
    regions: new RegionsService(db, audit),
  };
}

/**
 * Starts what runs in the background of a serving node: event delivery, the search index (loaded
 * after the bus starts, so no publication falls between), feedback and query statistics.
 */
export async function startServices(s: Services): Promise<void> {
  s.search.subscribe(s.events);
  s.feedback.subscribe(s.events);
  await s.events.start();
  await s.feedback.load();
  await s.search.load();
  s.queryStats.start();
}

export async function stopServices(s: Services): Promise<void> {
  await s.events.stop();
  await s.queryStats.stop();
}
