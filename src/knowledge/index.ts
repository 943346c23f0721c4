// The knowledge module's public face.
export { AnswersService, answerNotFound } from './answers-service.ts';
export { ANSWER_TOPICS } from './events.ts';
export type { KnowledgeTopics, PublishedEvent, ArchivedEvent, AnswerEvent } from './events.ts';
export { subscribeKnowledge } from './subscribe.ts';
export { KnowledgeImportService } from './import-service.ts';
export { parseAnswersJsonl, toJsonLine } from './import-file.ts';
export { KnowledgeSearch } from './search-service.ts';
export { SynonymsService } from './synonyms.ts';
export { FeedbackService } from './feedback.ts';
export { QueryStats } from './query-stats.ts';
export { PublicationsService } from './publications.ts';
export { knowledgeRoutes } from './routes.ts';
export { demoAnswersFile, demoSynonymsFile } from './demo-files.ts';
export type { PublishedAnswer, PublishedRecord } from './schema.ts';
