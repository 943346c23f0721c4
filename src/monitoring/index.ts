// The monitoring module's public face: interval rollups kept in step with the contact centre, the
// live figures, alerts and webhooks, and their routes.
import type { AuditService } from '../platform/audit/service.ts';
import type { Db, Queryable } from '../platform/db/database.ts';
import { Fanout } from '../platform/events/fanout.ts';
import type { App } from '../platform/http/types.ts';
import type { Logger } from '../platform/logger.ts';
import { LiveFigures, type CallCentres } from './live-figures.ts';
import { RollupFolder } from './rollups/fold.ts';
import { RegionZones } from './rollups/daily.ts';
import type { CallFacts } from './rollups/facts.ts';
import { rebuildRollups, type RebuildSources } from './rollups/rebuild.ts';
import { monitoringRoutes } from './routes.ts';
import { DemoHistory } from './demo-history.ts';
import { historyRoutes } from './history-routes.ts';
import { planningSource } from './planning.ts';
import { reportsRoutes } from './reports/routes.ts';
import { ReportsService, type YearSources } from './reports/service.ts';
import { registerRegionGauges } from './prometheus.ts';
import type { Registry } from '../platform/observability/registry.ts';
import type { AppealSources } from './appeal-sources.ts';
import { MonitoringService, type Clock, type UnansweredSearches } from './service.ts';

/** The contact centre's calls, in the form of the facts it publishes (see rollups/facts.ts). */
export interface MonitoringSources extends RebuildSources {
  stored(tx: Queryable, regions: string[], from: Date, to: Date): Promise<CallFacts[]>;
  waitingNow(): Promise<{ region: string; since: Date[] }[]>;
}

export interface MonitoringOptions {
  /** What the year's summary counts from other modules: answers published, portal views. */
  year: YearSources;
  /** Citizens' appeals as counts (the appeals module's figures): in the reports, the year, the wallboard's region detail. */
  appeals: AppealSources;
  /** Searches that found nothing today (the knowledge module's statistics), for "what people ask now". */
  unansweredSearches: UnansweredSearches;
  db: Db;
  log: Logger;
  audit: AuditService;
  regions: CallCentres;
  /** The contact centre's calls. */
  sources: MonitoringSources;
  clock?: Clock;
}

export function createMonitoring(o: MonitoringOptions) {
  const zones = new RegionZones();
  const folder = new RollupFolder(o.db, o.log, zones, (tx, regions, from, to) => o.sources.stored(tx, regions, from, to));
  // What this node wrote is what it reads: readers fold what is pending first.
  const fresh = () => folder.catchUp();
  const live = new LiveFigures(o.db, o.regions, () => o.sources.waitingNow(), fresh);
  return {
    folder,
    /** The wallboard's figures may have changed (fed by subscribeMonitoring, read by the live wallboards). */
    changes: new Fanout<void>(),
    rebuild: (from: Date, to: Date, onProgress?: (calls: number, total: number) => void) => rebuildRollups(o.db, o.sources, zones, from, to, onProgress),
    /** Regions were imported again: their time zones may have changed. */
    forgetZones: () => zones.forget(),
    /** A region's norms changed: the live figures read them again now, not within 30 s. */
    forgetNorms: () => live.forgetNorms(),
    /** Demo mode's generated year of history (src/demo starts it; never in production). */
    history: new DemoHistory(o.db, o.log, o.clock ?? (() => new Date())),
    /** The history the staffing plan forecasts from. */
    planning: planningSource(o.db, o.regions, fresh, o.clock ?? (() => new Date())),
    reports: new ReportsService(o.db, o.regions, o.clock ?? (() => new Date()), o.year, o.appeals, fresh),
    service: new MonitoringService(o.db, o.log, o.audit, live, o.clock ?? (() => new Date()), o.unansweredSearches, (regions) => o.appeals.open(regions), fresh),
  };
}

export type Monitoring = ReturnType<typeof createMonitoring>;

export function monitoringRoutesAll(app: App, m: Monitoring, deps: { registry: Registry; db: Db }) {
  monitoringRoutes(app, { monitoring: m.service, changes: m.changes });
  reportsRoutes(app, { reports: m.reports });
  historyRoutes(app, { history: m.history });
  registerRegionGauges(deps.registry, m.service.live, deps.db, m.service.clock);
}

export { subscribeMonitoring } from './subscribe.ts';
export type { MonitoringTopics } from './events.ts';
export { WAIT_BUCKETS, ABANDON_BUCKETS, INTERVAL_MS } from './rollups/contribution.ts';
/** The rollup tables' counter columns, for what fills or sums them outside the folder (the benchmarks). */
export { COUNTER_COLUMNS, countersSql, summedCounters } from './rollups/counters.ts';
export type { CallFacts, CallsChangedFacts } from './rollups/facts.ts';
/** The model of the service's year (demo mode's history), for bench:dashboard's year of rollups. */
export { writeModelHistory } from './demo-history.ts';
export { YEAR_CALLS } from './rollups/demo-model.ts';
