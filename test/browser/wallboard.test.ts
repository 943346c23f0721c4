// The wallboard as the coordination centre sees it, in Chromium: 85 tiles laid out like the map;
// when calls in Moscow wait past the norm, its tile turns red without a reload and an alert appears;
// a tile opens the region's detail, with its citizens' appeals open and overdue (counts only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/access/principal.ts';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshot } from '../support/browser.ts';
import { tcpRelay } from '../support/tcp-relay.ts';
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

  async function board(problems: string[], url = app.url): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('request', (r) => !r.url().startsWith(url) && problems.push(`foreign request ${r.url()}`));
    await page.goto(`${url}/wallboard`);
    await fillSignIn(page, 'duty-coordinator', PASSWORD);
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
    await screenshot(page, 'wallboard');
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
    // its queues now (the 8 callers waiting since the first test) and its own open alert
    const busy = detail.locator('ul.queues li.busy');
    await busy.first().waitFor();
    expect(await busy.locator('[data-figure="queue-waiting"]').allTextContents()).toEqual(['8']);
    expect(await busy.locator('[data-figure="queue-longest"]').first().textContent()).toMatch(/^\d+:\d\d$/);
    expect(await detail.locator('.detail-alerts li').first().textContent()).toMatch(/^уровень 0 % при нормативе \d+ %, с \d\d:\d\d$/);
    await screenshot(page, 'wallboard-region-detail');

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

  it('reads at 1280 and 1920 px: short names and whole figures on the tiles, today’s national curve beside a week before, a region’s own; a lost connection greys the board under a banner', async () => {
    const problems: string[] = [];
    // (the browser reaches the server through a relay the test can cut, as a dropped network would)
    const relay = await tcpRelay(new URL(app.url));
    const page = await board(problems, relay.url);
    // short names: the tile says «Югра», its label the whole name
    const yugra = page.locator('.tile[data-region="86"]');
    expect(await yugra.locator('.name').textContent()).toBe('Югра');
    expect(await yugra.getAttribute('aria-label')).toMatch(/^Ханты-Мансийский автономный округ — Югра: /);
    // the country's day on Moscow time, today beside the same weekday a week before
    const national = page.locator('figure.curve[data-region="national"]');
    await national.locator('canvas').waitFor();
    expect(await national.locator('figcaption').textContent()).toContain('время московское');
    expect(await national.locator('.curve-sum').textContent()).toMatch(/^Сегодня поступило \d+ звонк(ов|а)?; \d\d\.\d\d к этому времени — \d+\.$/);
    for (const width of [1920, 1280]) {
      await page.setViewportSize({ width, height: width === 1920 ? 1080 : 720 });
      // every tile's name and figure whole: nothing cut by the tile's edge
      const cut = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.tile .sl, .tile .code, .tile .wait'))
          .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > el.closest('.tile')!.getBoundingClientRect().right + 1)
          .map((el) => (el.closest('.tile') as HTMLElement).dataset.region),
      );
      expect(cut, `${width} px`).toEqual([]);
      const clipped = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.tile .name'))
          .filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
          .map((el) => el.textContent),
      );
      expect(clipped, `${width} px: names cut`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${width} px: no sideways scroll`).toBe(true);
      // the side column whole on the screen: its right edge inside the window (polled: a chart
      // follows the window's new width in the frames after the resize)
      const sideCut = () =>
        page.evaluate(() => {
          const side = document.querySelector('.side')!.getBoundingClientRect();
          if (side.right > window.innerWidth) return ['the column itself'];
          return Array.from(document.querySelectorAll('.side *'))
            .filter((el) => el.getBoundingClientRect().right > side.right + 1)
            .map((el) => el.tagName + ' ' + (el.textContent ?? '').slice(0, 30));
        });
      await expect.poll(sideCut, { message: `${width} px: the side column and all in it on the screen`, timeout: 3000 }).toEqual([]);
      await screenshot(page, `wallboard-${width}`);
    }
    // a region's detail has its own day's curve, local time
    await page.locator('.tile[data-region="77"]').click();
    const mine = page.locator('figure.curve[data-region="77"]');
    await mine.locator('canvas').waitFor();
    expect(await mine.locator('figcaption').textContent()).toContain('время местное');
    await page.locator('.detail ul.queues').waitFor();
    const queuesCut = await page.evaluate(() => {
      const box = document.querySelector('.detail')!.getBoundingClientRect();
      return Array.from(document.querySelectorAll('.detail ul.queues li, .detail ul.queues span'))
        .filter((el) => el.getBoundingClientRect().right > box.right + 1 || el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.textContent} ${el.scrollWidth}/${el.clientWidth} ${Math.round(el.getBoundingClientRect().right)}/${Math.round(box.right)}`);
    });
    expect(queuesCut, 'the queues inside the detail').toEqual([]);
    await screenshot(page, 'wallboard-region-curve-1280');
    await page.keyboard.press('Escape');

    // the connection lost: a banner across the board, everything greyed; back by itself
    const banner = page.getByRole('alert').filter({ hasText: 'Нет связи с сервером' });
    await relay.cut();
    await banner.waitFor({ timeout: 10_000 });
    expect(await page.locator('main.board').getAttribute('class')).toContain('stale');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'wallboard-lost-1920');
    await relay.restore();
    await banner.waitFor({ state: 'detached', timeout: 40_000 });
    expect(problems).toEqual([]);
    await page.close();
    await relay.cut();
  }, 120_000);
});
