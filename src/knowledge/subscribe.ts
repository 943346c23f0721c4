// What the knowledge module hears on the bus, in one place.
import type { Fanout } from '../platform/events/fanout.ts';
import type { Subscriber } from '../platform/events/bus.ts';
import { ANSWER_TOPICS, type AnswerEvent, type KnowledgeTopics } from './events.ts';
import type { FeedbackService } from './feedback.ts';
import type { KnowledgeSearch } from './search-service.ts';

/**
 * Call before the bus starts, so nothing is missed. The search index is updated in the 'index'
 * phase and the workstations told in the 'notify' one: a workstation that searches when told
 * finds the new text.
 */
export function subscribeKnowledge(bus: Subscriber<KnowledgeTopics>, k: { search: KnowledgeSearch; feedback: FeedbackService; kbFeed: Fanout<AnswerEvent> }): void {
  bus.subscribe([...ANSWER_TOPICS, 'kb.synonyms.changed'], (e) => k.search.apply(e));
  bus.subscribe('kb.feedback.recorded', (e) => k.feedback.remember(e.payload));
  bus.subscribe(ANSWER_TOPICS, (e) => k.kbFeed.emit(e), 'notify');
}
