// Watches every region's live service level (the last 30 minutes) against its target: opens an
// alert when it falls below, closes it when it is back. One node evaluates (the caller decides).
import type { Db } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger.ts';
import { monTopics } from '../events.ts';
import type { LiveFigures } from '../live-figures.ts';
import * as q from './queries.ts';
import { enqueueDeliveries } from './webhooks.ts';

/** Fewer handled calls than this in the window say too little to raise an alarm. */
export const MIN_CALLS = 5;

export interface AlertChange {
  type: 'opened' | 'closed';
  alert: q.AlertRow;
}

export class AlertEvaluator {
  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly live: LiveFigures,
  ) {}

  /** One pass over every region; returns what opened and closed. */
  async evaluate(now: Date): Promise<AlertChange[]> {
    const figures = await this.live.regions(now);
    const open = new Map((await q.openAlerts(this.db)).map((a) => [a.region_code, a]));
    const changes: AlertChange[] = [];
    for (const f of figures) {
      const alert = open.get(f.code);
      const sl = f.serviceLevel30;
      const counted = f.handled30 >= MIN_CALLS;
      if (!alert && sl !== null && counted && sl < f.target) {
        const row = await this.db.transaction(async (tx) => {
          const a = await q.insertAlert(tx, { region: f.code, kind: 'service_level', at: now, target: f.target, value: sl, calls: f.handled30 });
          if (a) {
            await monTopics.publish(tx, 'mon.alert.opened', { id: a.id, region: a.region_code });
            await enqueueDeliveries(tx, a.region_code, { event: 'alert.opened', alert: presentAlert(a, f.name) });
          }
          return a;
        });
        if (row) changes.push({ type: 'opened', alert: row });
      } else if (alert && (sl === null || !counted || sl >= f.target)) {
        const row = await this.db.transaction(async (tx) => {
          const a = await q.closeAlert(tx, alert.id, now, sl);
          if (a) {
            await monTopics.publish(tx, 'mon.alert.closed', { id: a.id, region: a.region_code });
            await enqueueDeliveries(tx, a.region_code, { event: 'alert.closed', alert: presentAlert(a, f.name) });
          }
          return a;
        });
        if (row) changes.push({ type: 'closed', alert: row });
      } else if (alert && sl !== null) await q.updateAlert(this.db, alert.id, sl);
    }
    if (changes.length) this.log.info({ opened: changes.filter((c) => c.type === 'opened').length, closed: changes.filter((c) => c.type === 'closed').length }, 'monitoring: alerts changed');
    return changes;
  }
}

export function presentAlert(a: q.AlertRow, regionName?: string) {
  return {
    id: Number(a.id),
    region: a.region_code,
    regionName: regionName ?? null,
    kind: a.kind as 'service_level',
    startedAt: a.started_at.toISOString(),
    endedAt: a.ended_at?.toISOString() ?? null,
    target: a.target,
    valueAtStart: a.value_at_start,
    worstValue: a.worst_value,
    lastValue: a.last_value,
    callsAtStart: a.calls_at_start,
  };
}
