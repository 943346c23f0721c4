// The monitoring module's part in each contact-centre transaction: the rollups change by exactly
// what the calls and operators changed.
import type { AgentMove, CallChangeFacts, CallRecord, WriteHooks } from '../../contact-center/index.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { slices } from './agent-time.ts';
import { delta } from './delta.ts';
import { dailyParts, recomputeDailyMax, type RegionZones } from './daily.ts';
import { addAgentTime, merge, recomputeMax, rollupsPart, runParts, topicsPart } from './store.ts';

export type CallsIn = (tx: Queryable, regions: string[], from: Date, to: Date) => Promise<CallRecord[]>;

export function rollupHooks(callsIn: () => CallsIn, zones: RegionZones): WriteHooks {
  return {
    async calls(tx: Queryable, changes: CallChangeFacts[]) {
      const d = merge(changes.map((c) => delta(c.before, c.after)));
      // every table in one statement: this runs inside each contact-centre write
      const daily = await dailyParts(tx, d, zones);
      await runParts(tx, [rollupsPart(d), topicsPart(d), ...daily.parts]);
      const stale = d.rows.filter((r) => r.recomputeMax).map((r) => r.key);
      if (stale.length) await recomputeMax(tx, stale, (regions, from, to) => callsIn()(tx, regions, from, to));
      await recomputeDailyMax(tx, daily.recompute);
    },
    async agents(tx: Queryable, moves: AgentMove[]) {
      // The state that ended now is counted; the one that begins is counted when it ends.
      await addAgentTime(tx, moves.flatMap((m) => (m.before.state === 'offline' ? [] : slices(m.before.region_code, m.before.state, m.before.state_since, m.at))));
    },
  };
}
