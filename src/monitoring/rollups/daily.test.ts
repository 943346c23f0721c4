// Daily rows follow each region's own calendar, the federal reserve centre Moscow's.
import { describe, expect, it } from 'vitest';
import type { Queryable } from '../../platform/db/database.ts';
import { zeroCounters as zero } from './counters.ts';
import { byLocalDay, RegionZones } from './daily.ts';

const regionsTable: Queryable = {
  query: async () => ({
    rows: [
      { code: '25', timezone: 'Asia/Vladivostok' },
      { code: '39', timezone: 'Europe/Kaliningrad' },
    ] as never[],
    rowCount: 2,
  }),
  exec: async () => {},
};

describe('daily rollups', () => {
  it('puts an interval in the local day of its region; the reserve centre keeps Moscow time', async () => {
    const zones = await new RegionZones().of(regionsTable, ['25', 'federal']);
    const at = Date.parse('2026-11-27T15:00:00Z'); // 01:00 on the 28th in Vladivostok, 17:00 on the 27th in Kaliningrad, 18:00 in Moscow
    const row = (region: string) => ({ key: { region, queueId: 1, interval: at }, counters: { ...zero(), offered: 1 }, maxWaitSeconds: 0, recomputeMax: false });
    const { days } = byLocalDay({ rows: [row('25'), row('39'), row('federal')], topics: [] }, zones);
    expect(days.map((d) => [d.region, d.date])).toEqual([
      ['25', '2026-11-28'],
      ['39', '2026-11-27'],
      ['federal', '2026-11-27'],
    ]);
  });

  it('reads the zones on first use, even when asked for none', async () => {
    expect((await new RegionZones().of(regionsTable, [])).get('39')).toBe('Europe/Kaliningrad');
  });
});
