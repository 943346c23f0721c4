// The folder counts what the contact centre publishes after commit: operators' own moves too, and,
// on an installation upgraded with some still waiting, the shares written the old way (once).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// (raw outbox writes: the legacy mon.fold topic is no module's any more)
import { insertEvent as publish } from '../../platform/events/outbox.ts';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import { onPostgres, postgresServerUrl } from '../../../test/support/database.ts';
import { zeroCounters as zero } from './counters.ts';
import type { FoldPayload } from './fold.ts';

describe('the rollup folder', () => {
  let app: TestApp;
  let now = new Date('2026-11-27T07:05:00Z');
  beforeAll(async () => {
    app = await startApp({}, { acd: false, clock: () => now });
  });
  afterAll(() => app.close());

  const agentTime = async () => {
    await app.services.monitoring.folder.catchUp();
    const r = await app.db.query<{ interval_start: Date; state: string; seconds: number }>("SELECT interval_start, state, seconds FROM mon_agent_time WHERE region_code = '77' ORDER BY 1, 2");
    return r.rows.map((x) => [x.interval_start.toISOString().slice(11, 16), x.state, Number(x.seconds)]);
  };

  it('counts an operator’s time in a state when they leave it, interval by interval', async () => {
    const op = await app.as('operator', '77');
    expect((await op.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    expect(await agentTime()).toEqual([]);
    now = new Date('2026-11-27T07:20:00Z');
    expect((await op.post('/api/v1/agent/state', { state: 'break', reason: 'lunch' })).status).toBe(200);
    now = new Date('2026-11-27T07:21:00Z');
    expect((await op.post('/api/v1/agent/state', { state: 'offline' })).status).toBe(200);
    expect(await agentTime()).toEqual([
      ['07:00', 'ready', 600],
      ['07:15', 'break', 60],
      ['07:15', 'ready', 300],
    ]);
  });

  it('folds shares written the old way (mon.fold) once, and nothing for the change events beside them', async () => {
    const interval = Date.parse('2026-11-27T09:00:00Z');
    const share: FoldPayload = {
      delta: { rows: [{ key: { region: '77', queueId: 0, interval }, counters: { ...zero(), offered: 3, answered: 2 }, maxWaitSeconds: 7, recomputeMax: false }], topics: [] },
      agentTime: [{ region: '77', interval, state: 'talking', seconds: 90 }],
    };
    await app.db.transaction(async (tx) => {
      await publish(tx, 'mon.fold', share);
      await publish(tx, 'cc.calls.changed', { calls: [], agents: [] });
    });
    await app.services.monitoring.folder.catchUp();
    await app.services.monitoring.folder.catchUp();
    const rows = await app.db.query<{ offered: number; answered: number; max_wait_seconds: number }>(
      "SELECT offered, answered, max_wait_seconds FROM mon_rollups WHERE region_code = '77' AND interval_start = $1",
      [new Date(interval)],
    );
    expect(rows.rows.map((r) => [r.offered, r.answered, Number(r.max_wait_seconds)])).toEqual([[3, 2, 7]]);
    const daily = await app.db.query<{ offered: number }>("SELECT offered FROM mon_daily WHERE region_code = '77' AND local_date = '2026-11-27'");
    expect(daily.rows.map((r) => r.offered)).toEqual([3]);
    expect(await agentTime()).toContainEqual(['09:00', 'talking', 90]);
  });
  it.runIf(onPostgres)('a reader waits for what committed before it asked while an older transaction elsewhere holds the horizon back', async () => {
    const op = await app.as('operator', '77');
    now = new Date('2026-11-27T11:00:00Z');
    expect((await op.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    // An older transaction, open on another connection (any database of the server counts).
    const blocker = new pg.Client({ connectionString: postgresServerUrl() });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT pg_current_xact_id()');
      now = new Date('2026-11-27T11:05:00Z');
      expect((await op.post('/api/v1/agent/state', { state: 'offline' })).status).toBe(200);
      const read = agentTime();
      await new Promise((r) => setTimeout(r, 300));
      await blocker.query('COMMIT');
      expect(await read).toContainEqual(['11:00', 'ready', 300]);
    } finally {
      await blocker.end();
    }
  });
});
