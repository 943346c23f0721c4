// The knowledge module's public face.
import type { AuditService } from '../platform/audit/service.ts';
import type { Db } from '../platform/db/database.ts';
import { Fanout } from '../platform/events/fanout.ts';
import type { Logger } from '../platform/logger.ts';
import { AnswersService } from './answers-service.ts';
import type { AnswerEvent } from './events.ts';
import { FeedbackService } from './feedback.ts';
import { KnowledgeImportService } from './import-service.ts';
import { PublicationsService } from './publications.ts';
import { QueryStats } from './query-stats.ts';
import { createSearchIndex } from './search/index.ts';
import { KnowledgeSearch } from './search-service.ts';
import { SynonymsService } from './synonyms.ts';

export { AnswersService, answerNotFound } from './answers-service.ts';
export { ANSWER_TOPICS } from './events.ts';
export type { KnowledgeTopics, PublishedEvent, ArchivedEvent, AnswerEvent } from './events.ts';
export { subscribeKnowledge } from './subscribe.ts';
export { KnowledgeImportService } from './import-service.ts';
export { parseAnswersJsonl, toJsonLine } from './import-file.ts';
export type { AnswerRecord } from './import-file.ts';
export { KnowledgeSearch } from './search-service.ts';
export { SynonymsService } from './synonyms.ts';
export { FeedbackService } from './feedback.ts';
export { QueryStats } from './query-stats.ts';
export { PublicationsService } from './publications.ts';
export { knowledgeRoutes } from './routes.ts';
export { demoAnswersFile, demoSynonymsFile } from './demo-files.ts';
export type { PublishedAnswer, PublishedRecord } from './schema.ts';

export interface KnowledgeOptions {
  db: Db;
  log: Logger;
  audit: AuditService;
}

/** The knowledge module's services over one database; the search index starts empty (see KnowledgeSearch.load). */
export function createKnowledge(o: KnowledgeOptions) {
  const answers = new AnswersService(o.db, o.audit);
  const synonyms = new SynonymsService(o.db, o.audit);
  const feedback = new FeedbackService(o.db);
  const queryStats = new QueryStats(o.db, o.log);
  return {
    answers,
    synonyms,
    feedback,
    queryStats,
    publications: new PublicationsService(o.db),
    search: new KnowledgeSearch(o.db, o.log, createSearchIndex(), synonyms, queryStats, feedback),
    kbImport: new KnowledgeImportService(o.db, o.audit, answers),
    /** Publications and withdrawals for the workstations' live feed, after the search index has them (fed by subscribeKnowledge). */
    kbFeed: new Fanout<AnswerEvent>(),
  };
}

export type Knowledge = ReturnType<typeof createKnowledge>;
