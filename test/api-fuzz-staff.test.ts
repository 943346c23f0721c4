// The API fuzz (see api-fuzz-admin.test.ts) as a regional supervisor and operator: a lighter set of
// hostile input each, so role and region checks run on it too.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startApp, type TestApp } from './support/app.ts';
import { fuzzAndCheck, light, realResources } from './support/api-fuzz-run.ts';

describe('API fuzz as regional staff: hostile input never gives a 5xx or a non-problem error', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
  }, 60_000);
  afterAll(() => app?.close());

  it('as a supervisor and an operator of region 77', async () => {
    const real = await realResources(app);
    const callers = [
      { who: 'supervisor/77', client: await app.as('supervisor', '77'), depth: light },
      { who: 'operator/77', client: await app.as('operator', '77'), depth: light },
    ];
    await fuzzAndCheck(app, callers, { withLogin: false, real });
  }, 240_000);
});
