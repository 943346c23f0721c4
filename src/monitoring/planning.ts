// What the staffing plan reads from the coordination centre: calls offered per 15-minute interval
// and the handle time, from the rollups; the week to plan in the region's own time; its norms.
import type { Db } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import type { CallCentres } from './live-figures.ts';
import { localDate, localMidnight } from './local-time.ts';
import { totalsByInterval, totalsByRegion } from './rollups/queries.ts';

const DAY = 86_400_000;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

export function planningSource(db: Db, centres: CallCentres, fresh: () => Promise<void>, clock: () => Date) {
  const centre = async (region: string) => {
    const c = (await centres.callCentres()).get(region);
    if (!c) throw notFound('region.not_found', `There is no region ${region}.`);
    return c;
  };
  return {
    async history(region: string, from: Date, to: Date) {
      await fresh();
      return (await totalsByInterval(db, from, to, [region])).map((x) => ({ intervalStart: x.interval, offered: x.totals.offered }));
    },
    async handleTime(region: string, from: Date, to: Date) {
      await fresh();
      const t = (await totalsByRegion(db, from, to, [region])).get(region);
      return t && t.answered > 0 ? (t.talkSeconds + t.wrapSeconds) / t.answered : null;
    },
    async week(region: string, monday?: string) {
      const zone = (await centre(region)).timezone;
      let date = monday;
      if (!date) {
        const today = localDate(clock(), zone);
        const dow = new Date(`${today}T00:00:00Z`).getUTCDay();
        date = addDays(today, (8 - dow) % 7 || 7);
      }
      return { monday: date, from: localMidnight(date, zone), to: localMidnight(addDays(date, 7), zone) };
    },
    async norms(region: string) {
      const n = (await centre(region)).norms;
      return { serviceLevelTarget: n.serviceLevelTarget, serviceLevelSeconds: n.serviceLevelSeconds };
    },
  };
}
