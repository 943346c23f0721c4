// The API fuzz (see api-fuzz-admin.test.ts) as a federal editor (fully where editors work), a
// regional coordinator and without signing in.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startApp, type TestApp } from './support/app.ts';
import { fuzzAndCheck, light, realResources } from './support/api-fuzz-run.ts';

describe('API fuzz as an editor, a coordinator and anonymous: hostile input never gives a 5xx or a non-problem error', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
  }, 60_000);
  afterAll(() => app?.close());

  it('as a federal editor, a coordinator of region 77 and without signing in', async () => {
    const real = await realResources(app);
    const callers = [
      { who: 'editor/federal', client: await app.as('editor', 'federal'), depth: (op: { path: string }) => (/\/(kb|portal)\//.test(op.path) ? ('full' as const) : ('light' as const)) },
      { who: 'coordinator/77', client: await app.as('coordinator', '77'), depth: light },
      { who: 'anonymous', client: null, depth: light },
    ];
    await fuzzAndCheck(app, callers, { withLogin: false, real });
  }, 240_000);
});
