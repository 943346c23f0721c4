// From history to agents per interval: the forecast feeds the staffing search, interval by interval.
import { describe, expect, it } from 'vitest';
import { INTERVAL_SECONDS, WEEK } from './forecast/seasonal-naive.ts';
import { simulateHistory } from './forecast/simulate.ts';
import { planWeek, staffingPlan, type CallHistory } from './plan.ts';
import { requiredAgents } from './required.ts';

const target = { ahtSeconds: 240, targetSl: 0.8, targetSeconds: 20, maxOccupancy: 0.85, shrinkage: 0.3 };

describe('staffing plan', () => {
  it('gives each interval the agents its forecast calls need', () => {
    const start = new Date('2026-12-07T00:00:00+03:00');
    const plan = staffingPlan([0, 3, 40.5], start, target);
    expect(plan.map((p) => p.start.toISOString())).toEqual(['2026-12-06T21:00:00.000Z', '2026-12-06T21:15:00.000Z', '2026-12-06T21:30:00.000Z']);
    expect(plan[0]).toMatchObject({ calls: 0, agents: 0, scheduled: 0 });
    const r = requiredAgents({ calls: 40.5, intervalSeconds: INTERVAL_SECONDS, ...target });
    expect(plan[2]).toMatchObject({ agents: r.agents, scheduled: r.scheduled });
    expect(plan[2]!.sl).toBeGreaterThanOrEqual(0.8);
  });

  it("plans next week from a region's history read through the interface it is given", async () => {
    const weekStart = new Date('2026-12-07T00:00:00+03:00');
    const weeks = 6;
    const counts = simulateHistory({ weeks, seed: 11 });
    const from = weekStart.getTime() - weeks * WEEK * INTERVAL_SECONDS * 1000;
    const asked: unknown[] = [];
    const history: CallHistory = async (region, f, t) => {
      asked.push({ region, from: f.toISOString(), to: t.toISOString() });
      // Only intervals with calls have rows, as in the rollups.
      return counts.flatMap((offered, i) => (offered ? [{ intervalStart: new Date(from + i * INTERVAL_SECONDS * 1000), offered }] : []));
    };
    const plan = await planWeek(history, '78', weekStart, weeks, target);
    expect(asked).toEqual([{ region: '78', from: new Date(from).toISOString(), to: weekStart.toISOString() }]);
    expect(plan.intervals).toHaveLength(WEEK);
    expect(plan.best).toBe('holt-winters');
    expect(plan.mase['holt-winters']).toBeLessThan(plan.mase['seasonal-naive']);
    const peak = Math.max(...plan.intervals.map((i) => i.scheduled));
    const night = plan.intervals[3 * 4]!; // Monday 03:00
    expect(peak).toBeGreaterThan(10);
    expect(night.scheduled).toBeLessThan(peak / 3);
    for (const i of plan.intervals) expect(i.scheduled).toBeGreaterThanOrEqual(i.agents);
  });
});
