// What the monitoring module hears on the bus, in one place.
import type { Subscriber } from '../platform/events/bus.ts';
import type { Fanout } from '../platform/events/fanout.ts';
import type { RegionsTopics } from '../regions/index.ts';
import type { CallTopicsHeard, MonitoringTopics } from './events.ts';

/**
 * Call before the bus starts. What is kept of the regions is forgotten in the 'index' phase; the
 * live wallboards (routes.ts) are told their figures changed in the 'notify' one, after it.
 */
export function subscribeMonitoring(m: { forgetZones(): void; forgetNorms(): void; changes: Fanout<void> }, bus: Subscriber<MonitoringTopics & RegionsTopics & CallTopicsHeard>): void {
  bus.subscribe('regions.imported', () => m.forgetZones());
  bus.subscribe('regions.settings.changed', () => m.forgetNorms());
  bus.subscribe(['cc.calls.changed', 'mon.alert.opened', 'mon.alert.closed', 'regions.settings.changed'], () => m.changes.emit(), 'notify');
}
