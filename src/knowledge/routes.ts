// Every HTTP route of the knowledge module.
import type { Db } from '../platform/db/database.ts';
import type { Fanout } from '../platform/events/fanout.ts';
import type { App } from '../platform/http/types.ts';
import { answersRoutes } from './answers-routes.ts';
import type { AnswersService } from './answers-service.ts';
import { catalogRoutes } from './catalog-routes.ts';
import type { AnswerEvent } from './events.ts';
import type { FeedbackService } from './feedback.ts';
import { kbLiveFeed } from './live-feed.ts';
import type { PublicationsService } from './publications.ts';
import type { QueryStats } from './query-stats.ts';
import { searchRoutes } from './search-routes.ts';
import type { KnowledgeSearch } from './search-service.ts';
import type { SynonymsService } from './synonyms.ts';

export interface KnowledgeDeps {
  db: Db;
  /** Publications and withdrawals for the workstations' live feed (see subscribe.ts). */
  kbFeed: Fanout<AnswerEvent>;
  answers: AnswersService;
  search: KnowledgeSearch;
  feedback: FeedbackService;
  queryStats: QueryStats;
  synonyms: SynonymsService;
  publications: PublicationsService;
}

export function knowledgeRoutes(app: App, deps: KnowledgeDeps) {
  searchRoutes(app, deps);
  answersRoutes(app, deps);
  catalogRoutes(app, deps);
  kbLiveFeed(app, { feed: deps.kbFeed, db: deps.db });
}
