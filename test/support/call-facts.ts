// A call's facts as the rollups read them, for unit tests of the rollups.
import type { CallFacts } from '../../src/monitoring/rollups/facts.ts';

/** Epoch ms of a time on 2026-11-27 (UTC). */
export const t = (hhmmss: string) => Date.parse(`2026-11-27T${hhmmss}Z`);

/** An answered call of region 77, queue 5: waited 12 s, talked 4 min, wrapped up in 1 min. */
export const answered = (): CallFacts => ({
  abandoned: false,
  regionCode: '77',
  queueId: 5,
  queueRegion: '77',
  originQueueId: 5,
  topic: 'pensions',
  offeredAt: t('10:07:30'),
  queuedAt: t('10:08:00'),
  answeredAt: t('10:08:12'),
  endedAt: t('10:12:12'),
  wrappedAt: t('10:13:12'),
  overflowed: false,
  callback: false,
});
