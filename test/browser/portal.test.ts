/// <reference lib="dom" />
// The public portal in Chromium as citizens use it: search, read, vote, choose a region; a new
// answer on the home page; axe-core finds no serious or critical problem; it works at 320 px, at
// 200 % zoom and by keyboard; screenshots at 1280 and 360 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../support/app.ts';
import { hasChromium, launchBrowser, screenshot } from '../support/browser.ts';
import { seriousViolations } from '../support/axe.ts';
import { publish, publishDemo } from '../support/portal.ts';

describe.skipIf(!hasChromium)('public portal (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await publishDemo(app);
    await publish(app, [
      {
        slug: 'mob-who-is-called-up-77',
        scope: '77',
        parent: 'mob-who-is-called-up',
        section: 'Частичная мобилизация',
        title: 'Москва: куда обращаться',
        body: 'В Москве вопросы о призыве принимает **военный комиссариат города Москвы**.',
      },
    ]);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(width: number, javaScript = true): Promise<Page> {
    // bypassCSP: the pages allow no script, and axe-core is one, injected by the test
    const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: javaScript, locale: 'ru-RU', bypassCSP: true });
    const page = await context.newPage();
    page.on('request', (r) => {
      if (!r.url().startsWith(app.url) && !r.url().startsWith('data:')) throw new Error(`foreign request ${r.url()}`);
    });
    return page;
  }

  it('search → answer → "did this help?" → yes, all without JavaScript', async () => {
    const page = await open(1280, false);
    await page.goto(`${app.url}/`);
    await page.getByLabel('Поиск по ответам').fill('кого призывают при мобилизации');
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL(/\/search\?q=/);
    await page.getByRole('link', { name: 'Кого призывают на военную службу при частичной мобилизации?' }).click();
    await page.waitForURL(/\/answers\/mob-who-is-called-up$/);
    expect(await page.locator('h1').textContent()).toBe('Кого призывают на военную службу при частичной мобилизации?');
    await screenshot(page, 'portal-answer-1280', { fullPage: true });
    await page.getByRole('button', { name: 'Да', exact: true }).click();
    await page.waitForURL(/voted=yes/);
    expect(await page.getByRole('status').textContent()).toContain('Спасибо! Ваш ответ учтён.');
  }, 60_000);

  it('a query typed on the wrong layout finds its answers and says what it searched', async () => {
    const page = await open(360, false);
    await page.goto(`${app.url}/`);
    await page.getByLabel('Поиск по ответам').fill('gjdtcnrf');
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL(/\/search\?q=/);
    await page.getByText('Показаны результаты по запросу «повестка»').waitFor();
    expect(await page.locator('ol.list li').count()).toBeGreaterThan(0);
    await screenshot(page, 'portal-search-corrected-360', { fullPage: true });
    await page.getByRole('link', { name: 'повестка', exact: true }).click();
    await page.waitForURL(/\/search\?q=%D0%BF/);
    expect(await page.locator('h1').textContent()).toBe('Поиск: повестка');
    expect(await page.getByText('Показаны результаты по запросу').count()).toBe(0);
  }, 60_000);

  it('changing the region shows its supplement on the answer', async () => {
    const page = await open(360);
    await page.goto(`${app.url}/answers/mob-who-is-called-up`);
    expect(await page.locator('.supplement').textContent()).toContain('Выберите регион');
    await page.getByRole('link', { name: 'Выбрать регион' }).click();
    await page.getByLabel('Регион', { exact: true }).selectOption({ label: 'Москва' });
    await page.getByRole('button', { name: 'Сохранить' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Регион сохранён: Москва.');
    await page.getByRole('link', { name: 'Вернуться' }).click();
    await page.waitForURL(/\/answers\/mob-who-is-called-up$/);
    expect(await page.locator('.supplement').textContent()).toContain('военный комиссариат города Москвы');
    expect(await page.locator('.supplement h2').textContent()).toBe('Дополнение для региона: Москва');
    await screenshot(page, 'portal-answer-360', { fullPage: true });
  }, 60_000);

  it('a newly published answer appears on the home page', async () => {
    const page = await open(1280);
    await page.goto(`${app.url}/`);
    expect(await page.getByText('Как получить новую выплату на ребёнка в этом году?').count()).toBe(0);
    await publish(app, [
      { slug: 'new-child-payment', section: 'Меры поддержки семьям мобилизованных', title: 'Как получить новую выплату на ребёнка в этом году?', body: 'Подайте заявление на Госуслугах.' },
    ]);
    await page.reload();
    await page.getByRole('link', { name: 'Как получить новую выплату на ребёнка в этом году?' }).first().waitFor();
    await screenshot(page, 'portal-home-1280', { fullPage: true });
    const small = await open(360);
    await small.goto(`${app.url}/`);
    await screenshot(small, 'portal-home-360', { fullPage: true });
  }, 60_000);

  it('on a 360 px screen «Актуальное» comes before the sections, in reading order too; on a wide screen the sections stand beside it', async () => {
    const h2Box = async (page: Page, name: string) => (await page.getByRole('heading', { level: 2, name, exact: true }).boundingBox())!;
    const small = await open(360);
    await small.goto(`${app.url}/`);
    expect((await h2Box(small, 'Актуальное')).y).toBeLessThan((await h2Box(small, 'Разделы')).y);
    // what a screen reader reads first is what is shown first
    const headings = await small.locator('main h2').allTextContents();
    expect(headings.indexOf('Актуальное')).toBeGreaterThanOrEqual(0);
    expect(headings.indexOf('Актуальное')).toBeLessThan(headings.indexOf('Разделы'));
    await screenshot(small, 'portal-home-order-360', { fullPage: true });
    const wide = await open(1280);
    await wide.goto(`${app.url}/`);
    const [recent, sections] = [await h2Box(wide, 'Актуальное'), await h2Box(wide, 'Разделы')];
    expect(sections.x).toBeLessThan(recent.x);
    expect(Math.abs(sections.y - recent.y)).toBeLessThan(5);
    await screenshot(wide, 'portal-home-order-1280', { fullPage: true });
  }, 60_000);

  it("the hotline page says whether the chosen region is open now; every region's hours open from a summary", async () => {
    const page = await open(360, false);
    await page.context().addCookies([{ name: 'otvet_region', value: '25', url: app.url }]);
    await page.goto(`${app.url}/hotline`);
    expect(await page.locator('.open-now').textContent()).toMatch(/^Ваш регион — Приморский край: (Открыто сейчас, до|Закрыто, откроется) .* по местному времени\.$/);
    await screenshot(page, 'portal-hotline-360');
    const table = page.getByRole('table');
    expect(await table.isVisible()).toBe(false);
    await page.getByText('Часы работы по регионам').click();
    expect(await table.isVisible()).toBe(true);
    expect(await table.locator('tbody tr').count()).toBe(85);
    await screenshot(page, 'portal-hotline-hours-360');
  }, 60_000);

  it('axe-core finds no serious or critical violations on the home, section, answer and search pages', async () => {
    const page = await open(1280);
    for (const path of [
      '/',
      '/sections/koronavirus',
      '/answers/mob-who-is-called-up',
      `/search?q=${encodeURIComponent('отсрочка')}`,
      `/search?q=${encodeURIComponent('ъъъыыы')}`,
      '/hotline',
      '/region',
    ]) {
      const r = await page.goto(app.url + path);
      expect(r!.status(), path).toBe(200);
      expect(await seriousViolations(page), path).toEqual([]);
    }
  }, 120_000);

  it('fits 320 px and 200 % zoom without sideways scrolling; large type; keyboard reaches the skip link first', async () => {
    for (const [width, scale] of [
      [320, 1],
      [640, 2],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: scale });
      const page = await context.newPage();
      for (const path of ['/', '/answers/mob-who-is-called-up', '/hotline', `/search?q=${encodeURIComponent('отсрочка')}`]) {
        await page.goto(app.url + path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
      }
      await context.close();
    }
    const page = await open(1280);
    await page.goto(`${app.url}/answers/mob-who-is-called-up`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Перейти к содержанию');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.answer')!).fontSize));
    await page.getByRole('button', { name: 'Крупный шрифт' }).click();
    await page.waitForURL(/\/answers\/mob-who-is-called-up$/);
    const after = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.answer')!).fontSize));
    expect(after).toBeGreaterThan(before * 1.2);
    await screenshot(page, 'portal-answer-large-1280');
  }, 60_000);
});
