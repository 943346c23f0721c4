// The monitoring module's public face: interval rollups kept in step with the contact centre, the
// live figures, alerts and webhooks, and their routes.
import type { CallRecord, WriteHooks } from '../contact-center/index.ts';
import type { AuditService } from '../platform/audit/service.ts';
import type { Db, Queryable } from '../platform/db/database.ts';
import type { EventBus } from '../platform/events/bus.ts';
import type { App } from '../platform/http/types.ts';
import type { Logger } from '../platform/logger.ts';
import { LiveFigures, type CallCentres } from './live-figures.ts';
import { rollupHooks } from './rollups/hooks.ts';
import { rebuildRollups, type RebuildSources } from './rollups/rebuild.ts';
import { monitoringRoutes } from './routes.ts';
import { registerRegionGauges } from './prometheus.ts';
import type { Registry } from '../platform/observability/registry.ts';
import { MonitoringService, type Clock } from './service.ts';

export interface MonitoringSources extends RebuildSources {
  stored(tx: Queryable, regions: string[], from: Date, to: Date): Promise<CallRecord[]>;
  waitingNow(): Promise<{ region: string; since: Date[] }[]>;
}

export interface MonitoringOptions {
  db: Db;
  log: Logger;
  audit: AuditService;
  regions: CallCentres;
  clock?: Clock;
}

export function createMonitoring(o: MonitoringOptions) {
  let sources: MonitoringSources | undefined;
  const need = () => {
    if (!sources) throw new Error('monitoring: call sources not attached');
    return sources;
  };
  const hooks: WriteHooks = rollupHooks(() => (tx, regions, from, to) => need().stored(tx, regions, from, to));
  const live = new LiveFigures(o.db, o.regions, () => need().waitingNow());
  return {
    hooks,
    /** The contact centre's calls, once it exists (it needs the hooks first). */
    attach(s: MonitoringSources) {
      sources = s;
    },
    rebuild: (from: Date, to: Date, onProgress?: (calls: number, total: number) => void) => rebuildRollups(o.db, need(), from, to, onProgress),
    service: new MonitoringService(o.db, o.log, o.audit, live, o.clock ?? (() => new Date())),
  };
}

export type Monitoring = ReturnType<typeof createMonitoring>;

export function monitoringRoutesAll(app: App, m: Monitoring, deps: { bus: EventBus; registry: Registry; db: Db }) {
  monitoringRoutes(app, { monitoring: m.service, bus: deps.bus });
  registerRegionGauges(deps.registry, m.service.live, deps.db, m.service.clock);
}

export { WAIT_BUCKETS, ABANDON_BUCKETS, INTERVAL_MS } from './rollups/contribution.ts';
