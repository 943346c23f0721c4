// The wallboard as the coordination centre sees it, in Chromium: 85 tiles laid out like the map;
// when calls in Moscow wait past the norm, its tile turns red without a reload and an alert appears;
// a tile opens the region's detail, with its citizens' appeals open and overdue (counts only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/access/principal.ts';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { hasChromium, launchBrowser, screenshotPath } from '../support/browser.ts';
import { edgeClient, event, offered } from '../support/telephony.ts';

describe.skipIf(!hasChromium)('wallboard (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  /** The app's clock runs this far from the real one (appeals filed "40 days ago"). */
  let shift = 0;
  beforeAll(async () => {
    // no ACD: the calls stay waiting where they are, as in a region whose operators are gone
    app = await startApp({}, { acd: false, clock: () => new Date(Date.now() + shift) });
    await app.user('coordinator', 'federal', 'duty-coordinator');
    // Moscow's appeals: two filed 40 days ago (due 30 days after: overdue now) and one today
    await app.services.appealsCatalog.loadDemo(systemActor());
    const file = async (n: number, type: string, values: Record<string, unknown>) => {
      const body = { type, region: '77', name: `Заявитель Номер${n}`, email: `wall${n}@example.ru`, text: `Обращение ${n}: прошу рассмотреть вопрос.`, consent: true, values };
      const r = await app.client().post('/api/v1/appeals', body);
      expect(r.status, r.text).toBe(201);
    };
    shift = -40 * 86_400_000;
    await file(1, 'volunteer', { birth_date: '1990-05-17', directions: ['Помощь пожилым'] });
    await file(2, 'state-question', { subject: 'Благоустройство двора' });
    shift = 0;
    await file(3, 'state-question', { subject: 'Освещение улицы' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function board(problems: string[]): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('request', (r) => !r.url().startsWith(app.url) && problems.push(`foreign request ${r.url()}`));
    await page.goto(`${app.url}/wallboard`);
    await page.getByLabel('Имя пользователя').fill('duty-coordinator');
    await page.getByLabel('Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.locator('.tile').first().waitFor();
    return page;
  }

  it('shows every region, and a region falling behind turns red with an alert, live', async () => {
    const problems: string[] = [];
    const page = await board(problems);
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
    // every status is in words (the tiles' data-status is a code; what people read is not)
    expect(await page.evaluate(() => document.body.innerText.match(/\b[a-z]+_[a-z_]+\b/g))).toBeNull();
    expect(problems).toEqual([]);
  }, 60_000);

  it("opens a region's detail from its tile: its calls today and its citizens' appeals, open and overdue, in Russian", async () => {
    const problems: string[] = [];
    const page = await board(problems);
    await page.locator('.tile[data-region="77"]').click();
    const detail = page.locator('.detail');
    await detail.waitFor();
    expect(await detail.locator('h2').textContent()).toBe('77 Москва');
    expect(await detail.textContent()).toContain('Звонки за');
    expect(await detail.textContent()).toContain('Обращения граждан');
    await detail.locator('[data-figure="appeals-open"]').waitFor();
    const row = (label: string) => detail.locator('.row').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });
    expect(await row('На рассмотрении').locator('dd').textContent()).toBe('3');
    expect(await row('Просрочено').locator('dd').textContent()).toBe('2');
    expect(await row('Доля просроченных').locator('dd').textContent()).toBe('67 %');
    expect(await row('Просрочено').getAttribute('class')).toContain('bad');
    // counts only: nothing of an appeal's content or its appellant
    expect(await detail.textContent()).not.toMatch(/Заявитель|example\.ru|Благоустройство/);
    expect(await page.locator('.tile[data-region="77"]').getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: screenshotPath('wallboard-region-detail') });

    // another region: none open
    await page.locator('.tile[data-region="78"]').click();
    await expect.poll(() => detail.locator('h2').textContent()).toBe('78 Санкт-Петербург');
    await expect.poll(() => row('На рассмотрении').locator('dd').textContent()).toBe('0');
    expect(await row('Доля просроченных').locator('dd').textContent()).toBe('—');
    // Escape closes it, and the keyboard is back on the tile
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-region'))).toBe('78');
    expect(problems).toEqual([]);
  }, 60_000);
});
