// The navigator's report through HTTP: the portal's wizard walked to the result by a visitor of
// region 78 and left twice on the way by visitors without a region, the operator's panel walked by
// an operator of 77, an anonymous client's first step, a call of 77 wrapped up with measures; the
// report's counts exactly (measures by channel and region, questions shown, answered, left), a
// region's view, the refusals, bad dates, and what nv_usage holds: counts, no answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { callWithMeasures, MOBILIZED, portalPage, VOLUNTEER, walkPanel, walkPortal } from '../../test/support/navigator-walks.ts';
import { Navigator, readDemoNavigator } from './index.ts';

const CALL_MEASURES = ['sm-injury-payments', 'sm-loan-holidays-servicemen'];
const demo = new Navigator(readDemoNavigator());

type Report = {
  region: string | null;
  totals: { started: number; finished: { portal: number; workstation: number; api: number; total: number } };
  measures: { id: string; title: string; eligible: Record<string, number>; regions: { region: string; total: number }[] }[];
  questions: { var: string; question: string; shown: number; answered: number; stopped: number; stopShare: number | null }[];
};

describe('GET /api/v1/navigator/report', () => {
  let app: TestApp;
  let coordinator: Client;
  /** The questions the volunteer's walk answered, in order; the panel's. */
  let vars: string[] = [];
  let panel: { vars: string[]; eligible: string[] };
  let portalYes: Set<string>;
  let firstVar = '';

  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    coordinator = await app.as('coordinator', 'federal');
    // The portal: the volunteer of 78 to the result, one question a page.
    vars = await walkPortal(app, VOLUNTEER, { region: '78' });
    firstVar = vars[0]!;
    portalYes = new Set(
      demo
        .step(demo.parseAnswers(VOLUNTEER).answers)
        .results.filter((x) => x.truth === 'yes')
        .map((x) => x.id),
    );
    // Two visitors without a region leave: one at the first question, one at the second; a bad
    // value shows the first question again with its error (not counted as shown again).
    expect(await walkPortal(app, VOLUNTEER, { leaveAt: 0 })).toEqual([]);
    expect(await walkPortal(app, VOLUNTEER, { leaveAt: 1 })).toEqual([firstVar]);
    expect((await portalPage(app, `/navigator/questions?${firstVar}=bogus&answered=${firstVar}`)).status).toBe(400);
    // The operator's panel in 77, to the end; someone's client, not signed in: the first step only.
    const op = await app.as('operator', '77');
    panel = await walkPanel(op, MOBILIZED);
    expect((await app.client().post('/api/v1/navigator/step', { answers: {} })).status).toBe(200);
    // A call of 77 wrapped up with two measures.
    await callWithMeasures(app, op, '77', CALL_MEASURES);
  }, 60_000);
  afterAll(() => app?.close());

  it('counts each measure found eligible by channel and region, and the wizards started and finished', async () => {
    const r = await coordinator.get('/api/v1/navigator/report');
    expect(r.status, r.text).toBe(200);
    const report = r.body as Report;
    expect(report.region).toBeNull();
    // started: the first question shown on the portal three times, once on the panel, once to the client
    expect(report.totals).toEqual({ started: 5, finished: { portal: 1, workstation: 1, api: 0, total: 2 } });
    expect(report.measures.length).toBe(demo.catalog.measures.length);
    for (const m of report.measures) {
      const portal = portalYes.has(m.id) ? 1 : 0;
      const workstation = panel.eligible.includes(m.id) ? 1 : 0;
      const call = CALL_MEASURES.includes(m.id) ? 1 : 0;
      expect(m.eligible, m.id).toEqual({ portal, workstation, api: 0, call, total: portal + workstation + call });
      const regions = [
        { region: '77', total: workstation + call },
        { region: '78', total: portal },
      ]
        .filter((x) => x.total > 0)
        .sort((a, b) => b.total - a.total);
      expect(m.regions, m.id).toEqual(regions);
    }
    expect(portalYes.has('sm-injury-payments')).toBe(true);
    expect(report.measures.find((m) => m.id === 'sm-injury-payments')!.title).toBe(demo.catalog.measures.find((m) => m.id === 'sm-injury-payments')!.title);
    // most found first
    const totals = report.measures.map((m) => m.eligible.total!);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });

  it('counts questions shown, answered and left, the most left first', async () => {
    const report = (await coordinator.get('/api/v1/navigator/report')).body as Report;
    const expected = new Map<string, { shown: number; answered: number }>();
    const add = (v: string, shown: number, answered: number) => {
      const e = expected.get(v) ?? { shown: 0, answered: 0 };
      expected.set(v, { shown: e.shown + shown, answered: e.answered + answered });
    };
    for (const v of vars) add(v, 1, 1);
    // the two who left: the first question shown twice and answered once, the second shown once
    add(firstVar, 2, 1);
    add(vars[1]!, 1, 0);
    // the panel: each question shown and answered; the client: the first question shown
    for (const v of panel.vars) add(v, 1, 1);
    add(firstVar, 1, 0);
    const got = new Map(report.questions.map((q) => [q.var, q]));
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [v, e] of expected) {
      const stopped = Math.max(0, e.shown - e.answered);
      expect(got.get(v), v).toMatchObject({ shown: e.shown, answered: e.answered, stopped, stopShare: stopped / e.shown });
    }
    expect(got.get(firstVar)!.stopped).toBe(2);
    expect(report.questions[0]!.var).toBe(firstVar);
    expect(report.questions[0]!.question).toBe(demo.question(firstVar)!.question);
    const stops = report.questions.map((q) => q.stopped);
    expect(stops).toEqual([...stops].sort((a, b) => b - a));
  });

  it('scopes to a region: federal staff choose one, a regional supervisor sees theirs and is refused another', async () => {
    const only78 = (await coordinator.get('/api/v1/navigator/report?region=78')).body as Report;
    expect(only78.region).toBe('78');
    expect(only78.totals).toEqual({ started: 1, finished: { portal: 1, workstation: 0, api: 0, total: 1 } });
    for (const m of only78.measures) {
      const portal = portalYes.has(m.id) ? 1 : 0;
      expect(m.eligible, m.id).toEqual({ portal, workstation: 0, api: 0, call: 0, total: portal });
    }
    expect(only78.questions.map((q) => [q.var, q.shown, q.answered]).sort()).toEqual(vars.map((v) => [v, 1, 1]).sort());

    const supervisor = await app.as('supervisor', '78');
    const own = await supervisor.get('/api/v1/navigator/report');
    expect(own.status).toBe(200);
    expect(own.body).toEqual(only78);
    const other = await supervisor.get('/api/v1/navigator/report?region=77');
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('auth.region_forbidden');

    const of77 = (await (await app.as('editor', '77')).get('/api/v1/navigator/report')).body as Report;
    expect(of77.measures.find((m) => m.id === 'sm-injury-payments')!.eligible.call).toBe(1);
    expect(of77.totals.finished).toEqual({ portal: 0, workstation: 1, api: 0, total: 1 });
    expect((await (await app.as('operator', '77')).get('/api/v1/navigator/report')).status).toBe(403);
    expect((await app.client().get('/api/v1/navigator/report')).status).toBe(401);
  });

  it('refuses bad dates with a 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['from=2026-13-01', 'query.from'],
      ['to=yesterday', 'query.to'],
      ['from=2026-03-02&to=2026-03-01', 'query.from'],
      ['from=2024-01-01&to=2025-01-02', 'query.to'],
      ['region=7', 'query.region'],
    ];
    for (const [q, path] of cases) {
      const r = await coordinator.get(`/api/v1/navigator/report?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(new Set(r.body.errors.map((e: { path: string }) => e.path)), q).toEqual(new Set([path]));
    }
    // a whole leap year is fine; a span before the counts is empty, not an error
    const year = await coordinator.get('/api/v1/navigator/report?from=2024-01-01&to=2024-12-31');
    expect(year.status).toBe(200);
    expect(year.body.totals.started).toBe(0);
    expect(year.body.questions).toEqual([]);
  });

  it('keeps counts only: no answer in nv_usage', async () => {
    const rows = (await app.db.query<{ channel: string; region: string; kind: string; key: string }>('SELECT channel, region, kind, key FROM nv_usage')).rows;
    expect(rows.length).toBeGreaterThan(10);
    const questions = new Set(demo.catalog.questions.map((q) => q.var));
    const measures = new Set(demo.catalog.measures.map((m) => m.id));
    for (const x of rows) {
      expect(['portal', 'workstation', 'api']).toContain(x.channel);
      expect(['', '77', '78']).toContain(x.region);
      if (x.kind === 'eligible') expect(measures.has(x.key), x.key).toBe(true);
      else if (x.kind === 'finished') expect(x.key).toBe('');
      else expect(questions.has(x.key), x.key).toBe(true);
    }
    // the operator's session counted as the workstation in 77; the anonymous client as api
    expect(rows.some((x) => x.channel === 'workstation' && x.region === '77')).toBe(true);
    expect(rows.some((x) => x.channel === 'api' && x.region === '')).toBe(true);
  });
});
