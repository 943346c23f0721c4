// Every operation of openapi/openapi.json is sent hostile input: malformed and misshapen JSON, wrong
// types in each field, 1 MB strings, NUL and lone surrogates, numbers far out of range, path
// traversal. Nothing may answer 5xx, and every 4xx from /api/ must be a problem document
// (application/problem+json). Inputs are fixed (no randomness), so a failure reproduces. This file:
// the federal admin, everything; api-fuzz-staff.test.ts and api-fuzz-public.test.ts the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './support/app.ts';
import { everywhere, fuzzAndCheck, operations, realResources, spec } from './support/api-fuzz-run.ts';

describe('API fuzz as the federal admin: hostile input never gives a 5xx or a non-problem error', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
  }, 60_000);
  afterAll(() => app?.close());

  it('covers every operation of openapi.json', () => {
    const documented = Object.values(spec.paths as Record<string, object>).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(operations.length).toBe(documented);
    expect(documented).toBeGreaterThanOrEqual(86);
  });

  it('sends every operation full hostile input as the admin', async () => {
    const real = await realResources(app);
    await fuzzAndCheck(app, [{ who: 'admin/federal', client: await app.as('admin', 'federal'), depth: everywhere }], { withLogin: true, real });
  }, 240_000);
});
