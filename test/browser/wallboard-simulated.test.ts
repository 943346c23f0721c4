/// <reference lib="dom" />
// The wallboard under a simulated day, in Chromium: the simulator starves Moscow of operators (one
// for several calls a minute); its tile turns from grey to red without a reload, and the alert is
// on the board within 60 s of simulated time after the region fell below the norm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { defaultBehaviour, defaultOptions, defaultStaffing, runSimulation, SimClock, simulatorToken } from '../../src/simulator/index.ts';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { hasChromium, launchBrowser, screenshotPath } from '../support/browser.ts';

// Simulated time runs 10 times faster than real time, but the app's own delays (the push to the
// board once a second, the page drawing) do not: at 10× a second of them is 10 s of simulated time,
// which leaves the 60 s the test asks for room for a busy CI machine (at 20× a loaded run took 66 s).
const SPEED = 10;
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
    await page.getByLabel('Имя пользователя').fill('sim-coordinator');
    await page.getByLabel('Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
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
    // The alert evaluation runs on the app's (simulated) clock: every 5 s of it.
    const evaluating = setInterval(() => void app.services.monitoring.service.tick(), 5000 / SPEED);
    try {
      let fellBehind: number | undefined;
      const deadline = Date.now() + DURATION / SPEED;
      while (!fellBehind && Date.now() < deadline) {
        if ((await moscow.getAttribute('data-status')) === 'below') fellBehind = clock.now().getTime();
        else await page.waitForTimeout(100);
      }
      expect(fellBehind, 'Moscow never fell below the norm on the board').toBeDefined();
      expect(await moscow.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(grey);
      await page.locator('.alerts li').filter({ hasText: '77' }).waitFor({ timeout: (60_000 / SPEED) * 2 });
      const alerted = clock.now().getTime();
      expect(alerted - fellBehind!).toBeLessThanOrEqual(60_000);
      expect(Number(await page.locator('[data-figure="waiting"]').textContent())).toBeGreaterThan(0);
      expect(await page.locator('.tile[data-region="78"]').getAttribute('data-status')).toBe('no_calls');
      await page.screenshot({ path: screenshotPath('wallboard-simulated') });
    } finally {
      clearInterval(evaluating);
      controller.abort();
      await run.catch(() => {});
    }
    expect(problems).toEqual([]);
  }, 180_000);
});
