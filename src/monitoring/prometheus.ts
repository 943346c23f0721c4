// The coordination centre's figures for Prometheus: per-region gauges, computed from the live
// figures once per scrape (every gauge of one scrape reads the same snapshot).
import type { Registry } from '../platform/observability/registry.ts';
import { prometheus } from '../platform/observability/registry.ts';
import type { LiveFigures, RegionFigures } from './live-figures.ts';
import * as alerts from './alerts/queries.ts';
import type { Db } from '../platform/db/database.ts';

export function registerRegionGauges(registry: Registry, live: LiveFigures, db: Db, clock: () => Date): void {
  let cached: { at: number; value: Promise<{ regions: RegionFigures[]; open: Set<string> }> } | undefined;
  const snapshot = () => {
    if (!cached || Date.now() - cached.at > 1000) {
      cached = {
        at: Date.now(),
        value: Promise.all([live.regions(clock()), alerts.openAlerts(db)]).then(([regions, open]) => ({ regions, open: new Set(open.map((a) => a.region_code)) })),
      };
    }
    return cached.value;
  };
  const gauge = (name: string, help: string, value: (r: RegionFigures, open: Set<string>) => number | null) =>
    new prometheus.Gauge({
      name,
      help,
      labelNames: ['region'],
      registers: [registry],
      async collect() {
        this.reset();
        const s = await snapshot();
        for (const r of s.regions) {
          const v = value(r, s.open);
          if (v !== null) this.set({ region: r.code }, v);
        }
      },
    });
  gauge('otvet_region_calls_waiting', 'Calls waiting now in the regional centre', (r) => r.waiting);
  gauge('otvet_region_longest_wait_seconds', 'The longest wait of a call waiting now', (r) => r.longestWaitSeconds);
  gauge('otvet_region_service_level_30m', 'Live service level, last 30 minutes (absent: no calls)', (r) => r.serviceLevel30);
  gauge('otvet_region_service_level_today', "Service level of the region's local day so far (absent: no calls)", (r) => r.serviceLevelToday);
  gauge('otvet_region_service_level_target', 'The service level target of the region', (r) => r.target);
  gauge('otvet_region_calls_offered_today', "Calls offered in the region's local day so far", (r) => r.offeredToday);
  gauge('otvet_region_calls_answered_today', "Calls answered in the region's local day so far", (r) => r.answeredToday);
  gauge('otvet_region_calls_abandoned_today', "Calls abandoned in the region's local day so far", (r) => r.abandonedToday);
  gauge('otvet_region_alert_open', '1 while a service-level alert is open for the region', (r, open) => (open.has(r.code) ? 1 : 0));
}
