/// <reference lib="dom" />
// Demo mode's year of history while it is written: the reports, the wallboard and the supervisor
// view say how many of the twelve months are ready, and say nothing once all are. At 1280 and 360 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshotsAt } from '../support/browser.ts';

describe.skipIf(!hasChromium)('the demo history note (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await app.user('coordinator', 'federal', 'history-reader');
    // planned, not written: the months are marked written below, as the background steps would
    expect(await app.services.monitoring.history.plan(1000)).toBe(true);
    await app.db.query('UPDATE mon_demo_history SET written_to = to_date WHERE chunk <= 5');
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(path: string): Promise<{ page: Page; problems: string[] }> {
    // bypassCSP: axe-core is injected by the test as an inline script
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU', bypassCSP: true })).newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`${app.url}${path}`);
    await fillSignIn(page, 'history-reader', PASSWORD);
    return { page, problems };
  }

  it('says how many months are ready in the reports, the wallboard and the supervisor view', async () => {
    const { page, problems } = await open('/reports#year');
    const note = page.locator('.history-note');
    await note.waitFor();
    expect(await note.textContent()).toBe('История за год загружается: готово 5 из 12 месяцев');
    expect(await note.getAttribute('role')).toBe('status');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshotsAt(page, 'demo-history-note');
    // (the year's chart is wider than a phone already; the note itself must fit one)
    await page.setViewportSize({ width: 360, height: 900 });
    expect(await note.evaluate((e) => Math.round(e.getBoundingClientRect().right))).toBeLessThanOrEqual(360);
    expect(await note.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await page.close();
    for (const path of ['/wallboard', '/supervisor']) {
      const other = await open(path);
      await other.page.locator('.history-note').waitFor();
      expect(await other.page.locator('.history-note').textContent(), path).toBe('История за год загружается: готово 5 из 12 месяцев');
      await other.page.close();
    }
  });

  it('says nothing once the year is written', async () => {
    await app.db.query('UPDATE mon_demo_history SET written_to = to_date');
    const { page } = await open('/reports#year');
    await page.getByRole('button', { name: 'Печать' }).waitFor();
    // (the note's request has answered by the time the year's figures show)
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.history-note').count()).toBe(0);
    await page.close();
  });
});
