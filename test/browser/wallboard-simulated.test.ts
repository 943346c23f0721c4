/// <reference lib="dom" />
// The wallboard under a simulated day, in Chromium: the simulator starves Moscow of operators (one
// for several calls a minute); its tile turns from grey to red without a reload, the alert is on the
// board, and it opened within 60 s of simulated time after the region fell below the norm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { defaultBehaviour, defaultOptions, defaultStaffing, runSimulation, SimClock, simulatorToken } from '../../src/simulator/index.ts';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshot } from '../support/browser.ts';

// Simulated time runs 10 times faster than real time. The 60 s are measured between two moments the
// app itself takes from the simulated clock (an evaluation pass that sees Moscow below its norm, and
// the pass that opens the alert), with passes every 5 s of simulated time: the push to the board,
// the page drawing and a loaded machine's delays, all in real time, are not in the span.
const SPEED = 10;
const EVALUATE_EVERY_MS = 5000;
const DURATION = 12 * 60_000;

describe.skipIf(!hasChromium)('wallboard under the simulator (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  // Simulated time runs in the past, so the events API never sees an event from the future.
  const start = Math.floor((Date.now() - DURATION - 5 * 60_000) / 60_000) * 60_000;
  const clock = new SimClock(start, SPEED);
  beforeAll(async () => {
    app = await startApp({}, { clock: () => clock.now(), acd: false });
    await app.user('coordinator', 'federal', 'sim-coordinator');
    // Calls stay in Moscow's queue (no overflow to the reserve): the region itself falls behind.
    const sup = await app.as('supervisor', '77');
    const queue = (await sup.get('/api/v1/queues?region=77')).body.items[0];
    expect((await sup.put(`/api/v1/queues/${queue.id}`, { escalation: [], callbackThresholdSeconds: 0 })).status).toBe(200);
    await app.services.cc.queues.load();
    await app.services.cc.acd.start(24 * 3600_000);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('turns a starved region red, live, with its alert within 60 s of simulated time', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${app.url}/wallboard`);
    await fillSignIn(page, 'sim-coordinator', PASSWORD);
    const moscow = page.locator('.tile[data-region="77"]');
    await moscow.waitFor();
    expect(await page.locator('.tile').count()).toBe(85);
    expect(await moscow.getAttribute('data-status')).toBe('no_calls');
    const grey = await moscow.evaluate((el) => getComputedStyle(el).backgroundColor);

    const o = defaultOptions({
      seed: 'starved',
      start: new Date(start),
      durationMs: DURATION,
      drainMs: 0,
      speed: SPEED,
      regions: ['77'],
      // six calls a minute for one operator who takes over a minute with each: a queue that only grows
      callsPerDay: 6 * 1440,
      volumeOf: 'selected',
      curve: new Array<number>(24).fill(1),
      behaviour: { ...defaultBehaviour, patienceSeconds: 600, talkSeconds: 60, wrapUpSeconds: 10, acceptCallback: 0, noAnswer: 0 },
      staffing: { ...defaultStaffing, fixed: 1, reserve: 0, breaks: false },
      callPrefix: 'starved',
      operatorPrefix: 'starved',
    });
    const token = await simulatorToken(app.services, 'simulator', o.tokenName);
    const controller = new AbortController();
    const run = runSimulation(o, { url: app.url, token: token.secret, acdTick: () => app.services.cc.acd.tick() }, clock, { statusEveryMs: 0, signal: controller.signal });
    // The alert evaluation follows the simulated clock: a pass every 5 s of it, each at one simulated
    // moment, noting the first at which Moscow's figures are below the norm.
    const monitoring = app.services.monitoring.service;
    let fellBehind: number | undefined;
    let evaluating = true;
    let pass = Promise.resolve();
    const evaluate = () => {
      if (!evaluating) return;
      pass = (async () => {
        const now = clock.now();
        const moscowNow = (await monitoring.live.regions(now)).find((r) => r.code === '77');
        if (fellBehind === undefined && moscowNow?.status === 'below') fellBehind = now.getTime();
        await monitoring.evaluator.evaluate(now);
        clock.after(EVALUATE_EVERY_MS, evaluate);
      })();
    };
    clock.after(EVALUATE_EVERY_MS, evaluate);
    try {
      // the board, live: grey to red without a reload, then the alert on it (real time: the page's)
      await page.waitForFunction(() => document.querySelector('.tile[data-region="77"]')?.getAttribute('data-status') === 'below', undefined, { timeout: DURATION / SPEED });
      expect(await moscow.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(grey);
      await page
        .locator('.alerts li')
        .filter({ hasText: '77' })
        .waitFor({ timeout: DURATION / SPEED });
      expect(fellBehind, 'no evaluation pass saw Moscow below the norm').toBeDefined();
      const coordinator = await app.client().login('sim-coordinator', PASSWORD);
      const alerts = (await coordinator.get('/api/v1/monitoring/alerts?region=77')).body.items as { startedAt: string }[];
      expect(alerts).toHaveLength(1);
      expect(Date.parse(alerts[0]!.startedAt) - fellBehind!).toBeLessThanOrEqual(60_000);
      expect(Number(await page.locator('[data-figure="waiting"]').textContent())).toBeGreaterThan(0);
      expect(await page.locator('.tile[data-region="78"]').getAttribute('data-status')).toBe('no_calls');
      await screenshot(page, 'wallboard-simulated');
    } finally {
      evaluating = false;
      await pass;
      controller.abort();
      await run.catch(() => {});
    }
    expect(problems).toEqual([]);
  }, 180_000);
});
