// The wallboard as the coordination centre sees it, in Chromium: 85 tiles laid out like the map;
// when calls in Moscow wait past the norm, its tile turns red without a reload and an alert appears.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { hasChromium, launchBrowser, screenshotPath } from '../support/browser.ts';
import { edgeClient, event, offered } from '../support/telephony.ts';

describe.skipIf(!hasChromium)('wallboard (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    // no ACD: the calls stay waiting where they are, as in a region whose operators are gone
    app = await startApp({}, { acd: false });
    await app.user('coordinator', 'federal', 'duty-coordinator');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows every region, and a region falling behind turns red with an alert, live', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('request', (r) => !r.url().startsWith(app.url) && problems.push(`foreign request ${r.url()}`));
    await page.goto(`${app.url}/wallboard`);
    await page.getByLabel('Имя пользователя').fill('duty-coordinator');
    await page.getByLabel('Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.locator('.tile').first().waitFor();
    expect(await page.locator('.tile').count()).toBe(85);
    expect(await page.locator('.tile[data-region="77"]').getAttribute('data-status')).toBe('no_calls');
    // tiles stand where the map has them: Kaliningrad west of Moscow, Vladivostok east and south
    const box = async (code: string) => (await page.locator(`.tile[data-region="${code}"]`).boundingBox())!;
    expect((await box('39')).x).toBeLessThan((await box('77')).x);
    expect((await box('25')).x).toBeGreaterThan((await box('77')).x);
    expect((await box('25')).y).toBeGreaterThan((await box('77')).y);
    await page.getByText('Тревог нет').waitFor();

    const edge = await edgeClient(app);
    const at = new Date(Date.now() - 3 * 60_000);
    const ids = Array.from({ length: 8 }, (_, i) => `slow-${i}`);
    expect((await edge.post('/api/v1/telephony/events', { events: ids.flatMap((id) => [offered(id, '77', at, { topic: 'Пенсии' }), event(id, 'queued', at)]) })).status).toBe(200);
    await app.services.monitoring.service.tick();

    const moscow = page.locator('.tile[data-region="77"]');
    await expect.poll(() => moscow.getAttribute('data-status'), { timeout: 5000 }).toBe('below');
    await expect.poll(() => moscow.textContent()).toContain('ждут 8');
    await page.locator('.alerts li').filter({ hasText: '77' }).waitFor({ timeout: 5000 });
    expect(await page.locator('[data-figure="waiting"]').textContent()).toBe('8');
    expect(await page.locator('.topics').textContent()).toContain('Пенсии');
    await page.screenshot({ path: screenshotPath('wallboard') });
    expect(problems).toEqual([]);
  }, 60_000);
});
