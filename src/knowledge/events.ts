// The knowledge module's topics and what each carries.
import { topicsOf, type EventOf } from '../platform/events/bus.ts';

/** An answer's version went live: a new answer or an update of one. */
export interface PublishedEvent {
  slug: string;
  scope: string;
  parent: string | null;
  version: number;
  section: string;
  kind: 'new' | 'update';
}

/** A published answer was withdrawn. */
export interface ArchivedEvent {
  slug: string;
  scope: string;
  parent: string | null;
  section: string;
}

/** The synonym groups changed: one (id) or all of them (seeded). */
export type SynonymsChanged = { id: number } | { seeded: number };

/** Someone marked whether an answer helped with a query. */
export interface FeedbackRecorded {
  key: string;
  slug: string;
  voter: string;
  helped: boolean;
  at: string;
}

export type KnowledgeTopics = {
  'kb.answer.published': PublishedEvent;
  'kb.answer.archived': ArchivedEvent;
  'kb.synonyms.changed': SynonymsChanged;
  'kb.feedback.recorded': FeedbackRecorded;
};

export const kbTopics = topicsOf<KnowledgeTopics>();

/** What changes the set of published answers: workstations, the search index and the portal hear these. */
export const ANSWER_TOPICS = ['kb.answer.published', 'kb.answer.archived'] as const;
export type AnswerEvent = EventOf<KnowledgeTopics, (typeof ANSWER_TOPICS)[number]>;
