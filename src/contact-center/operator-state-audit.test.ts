// A supervisor's change of an operator's state and its audit entry are one change: if the entry
// cannot be written, the operator stays as they were (an unaudited change must not happen).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Db, Queryable } from '../platform/db/database.ts';

/** Fails the audit entry of an operator's state change, inside transactions too. */
function failingStateAudit(db: Db): Db {
  const guard = <Q extends Queryable>(q: Q): Q => ({
    ...q,
    query: (text: string, params?: unknown[]) => {
      if (/INSERT INTO audit_log/.test(text) && params?.includes('agent.state_change')) return Promise.reject(new Error('the audit log is full'));
      return q.query(text, params);
    },
  });
  return { ...guard(db), transaction: (fn, options) => db.transaction((tx) => fn(guard(tx)), options) };
}

describe("an operator's state set by a supervisor", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({}, { acd: false, wrapDb: failingStateAudit });
  });
  afterAll(() => app.close());

  it('is not changed when its audit entry cannot be written', async () => {
    const op = await app.as('operator', '77');
    expect((await op.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    const sup = await app.as('supervisor', '77');
    const r = await sup.post(`/api/v1/operators/${op.userId}/state`, { state: 'break', reason: 'meeting' });
    expect(r.status).toBe(500);
    expect((await op.get('/api/v1/agent')).body).toMatchObject({ state: 'ready' });
  });
});
