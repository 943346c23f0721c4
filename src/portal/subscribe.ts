// What the portal hears on the bus, in one place.
import { ANSWER_TOPICS, type KnowledgeTopics } from '../knowledge/index.ts';
import type { Subscriber } from '../platform/events/bus.ts';
import type { RegionsTopics } from '../regions/index.ts';
import type { PortalService } from './service.ts';

/** Call before the bus starts, so no publication is missed. The catalog and the caches are indexes: 'index' phase. */
export function subscribePortal(portal: PortalService, bus: Subscriber<KnowledgeTopics & RegionsTopics>): void {
  bus.subscribe(ANSWER_TOPICS, (e) => portal.changed(e.payload.slug));
  // (after the knowledge module's own subscriber has given the engine the new synonyms)
  bus.subscribe('kb.synonyms.changed', () => portal.searchChanged());
  bus.subscribe(['regions.imported', 'regions.settings.changed'], () => portal.loadCentres());
}
