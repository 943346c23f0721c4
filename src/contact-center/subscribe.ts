// What the contact centre hears on the bus, in one place.
import type { Subscriber } from '../platform/events/bus.ts';
import type { RegionsTopics } from '../regions/index.ts';
import type { Fanout } from '../platform/events/fanout.ts';
import type { Acd } from './acd/acd.ts';
import type { ContactCenterTopics, LiveEvent } from './events.ts';
import type { Queues } from './queues.ts';

/**
 * Call before the bus starts. Queues and the ACD's memory are kept in the 'index' phase; the live
 * streams (live-feeds.ts) are fed in the 'notify' one, after them.
 */
export function subscribeContactCenter(cc: { queues: Queues; acd: Acd; live: Fanout<LiveEvent> }, bus: Subscriber<ContactCenterTopics & RegionsTopics>): void {
  bus.subscribe('cc.queues.changed', () => cc.queues.load());
  // A region new to the file gets its queues.
  bus.subscribe('regions.imported', (e) => cc.queues.ensureDefaults(e.payload.codes));
  cc.acd.subscribe(bus);
  bus.subscribe(['acd.decision', 'cc.calls.changed'], (e) => cc.live.emit(e), 'notify');
}
