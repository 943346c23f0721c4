/// <reference lib="dom" />
// Reports as the coordination centre reads them, in Chromium: calls by day with the peak marked
// on a chart, regions against the norms, topics, citizens' appeals by region and type, CSV links;
// the year's summary ready to print, with the year's appeals beside the calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/access/principal.ts';
import { count, plural } from '../../src/platform/text/russian.ts';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshot, screenshotsAt } from '../support/browser.ts';
import { edgeClient, event, offered } from '../support/telephony.ts';

const DAY = 86_400_000;
const OPERATORS = ['оператор', 'оператора', 'операторов'] as const;

describe.skipIf(!hasChromium)('reports (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await app.user('coordinator', 'federal', 'report-reader');
    await app.user('supervisor', '78', 'report-78');
    await app.user('operator', '77', 'op-r-77');
    await app.user('operator', '78', 'op-r-78');
    // Calls answered on three days: 3, then 7 (the peak), then 2; Moscow and Saint Petersburg.
    const edge = await edgeClient(app);
    const noon = Math.floor(Date.now() / DAY) * DAY + 9 * 3_600_000;
    let n = 0;
    for (const [daysAgo, calls] of [
      [5, 3],
      [3, 7],
      [1, 2],
    ] as const) {
      for (let i = 0; i < calls; i++) {
        const id = `rep-${++n}`;
        const region = i % 3 === 2 ? '78' : '77';
        const at = new Date(noon - daysAgo * DAY + i * 60_000);
        const events = [
          offered(id, region, at, { topic: i % 2 ? 'Пенсии' : 'Налоговый вычет' }),
          event(id, 'queued', at),
          event(id, 'answered', new Date(at.getTime() + 15_000), { operator: `op-r-${region}` }),
          event(id, 'ended', new Date(at.getTime() + 200_000)),
        ];
        const r = await edge.post('/api/v1/telephony/events', { events });
        expect(
          r.body.results.every((x: { status: string }) => x.status === 'accepted'),
          r.text,
        ).toBe(true);
      }
    }
    // Appeals today: two in Moscow (an enrolment and a question), one enrolment in Saint Petersburg.
    await app.services.appealsCatalog.loadDemo(systemActor());
    for (const [k, region, type, values] of [
      [1, '77', 'volunteer', { birth_date: '1990-05-17', directions: ['Помощь пожилым'] }],
      [2, '77', 'state-question', { subject: 'Благоустройство двора' }],
      [3, '78', 'volunteer', { birth_date: '1985-01-02', directions: ['Донорство крови'] }],
    ] as const) {
      const body = { type, region, name: `Заявитель Номер${k}`, email: `rep${k}@example.ru`, text: `Обращение ${k}: прошу рассмотреть вопрос.`, consent: true, values };
      const r = await app.client().post('/api/v1/appeals', body);
      expect(r.status, r.text).toBe(201);
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signIn(page: Page, username: string) {
    await page.goto(`${app.url}/reports`);
    await fillSignIn(page, username, PASSWORD);
  }

  it('shows calls by day with the peak, regions against the norms and topics, with CSV', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('request', (r) => !r.url().startsWith(app.url) && problems.push(`foreign request ${r.url()}`));
    await signIn(page, 'report-reader');
    await page.locator('.peak').waitFor();
    expect(await page.locator('.peak').textContent()).toContain('7 звонков');
    expect(await page.locator('.figure').first().textContent()).toContain('12');
    // the chart is drawn: a canvas with pixels that are not all blank
    const drawn = await page
      .locator('.chart canvas')
      .first()
      .evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) painted++;
        return { width: c.width, painted };
      });
    expect(drawn.width).toBeGreaterThan(300);
    expect(drawn.painted).toBeGreaterThan(1000);
    const moscow = page.locator('table.regions tr').filter({ hasText: 'Москва' });
    expect(await moscow.locator('td.num').first().textContent()).toBe('9');
    // each figure beside the same number of days before (no calls then)
    expect(await page.locator('.figure .before').first().textContent()).toBe('было 0');
    expect(await page.locator('.compared').textContent()).toMatch(/^«Было» — за \d+ \S+ \d{4} — \d+ \S+ \d{4}/);
    // the service level over the days, with the norm
    await page.getByRole('heading', { name: 'Уровень обслуживания по дням' }).waitFor();
    expect(await page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(2);
    // the regions: sorted by a header, found by name, narrowed to those missing the norms
    const regionRows = page.locator('table.regions tbody tr');
    expect(await regionRows.count()).toBe(85);
    expect(await regionRows.first().getAttribute('data-region')).toBe('77');
    await page.getByRole('button', { name: /^Регион/ }).click();
    expect(await page.locator('table.regions th[aria-sort="ascending"]').textContent()).toMatch(/^Регион/);
    expect(await regionRows.first().locator('td').first().textContent()).toBe('22 Алтайский край');
    await page.getByLabel('Найти регион').fill('моск');
    await expect.poll(() => regionRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-region')))).toEqual(['77', '50']);
    await page.getByLabel('Найти регион').fill('');
    const verdicts = await regionRows.evaluateAll((rows) => rows.map((r) => r.lastElementChild!.textContent));
    await page.getByLabel('только не выполнившие нормативы').check();
    await expect.poll(() => regionRows.evaluateAll((rows) => rows.map((r) => r.lastElementChild!.textContent))).toEqual(verdicts.filter((x) => x === '✗ не выполняет'));
    expect(await regionRows.count()).toBeLessThan(85);
    await page.getByLabel('только не выполнившие нормативы').uncheck();
    expect(await page.locator('.topics').textContent()).toContain('Пенсии');
    expect(await page.getByRole('link', { name: 'Скачать CSV' }).first().getAttribute('href')).toContain('format=csv');
    // citizens' appeals over the same days, by region and type, with the open and overdue now
    const appeals = page.getByRole('region', { name: 'Обращения граждан' });
    await appeals.locator('table.appeal-regions').waitFor();
    expect(await appeals.locator('.figure').first().textContent()).toBe('Подано обращений3');
    const moscowAppeals = appeals.locator('table.appeal-regions tbody tr[data-region="77"] td');
    expect(await moscowAppeals.allTextContents()).toEqual(['77 Москва', '2', '—', '2', '0', '0 %']);
    expect(await appeals.locator('table.appeal-regions tbody tr').count()).toBe(2);
    expect(await appeals.locator('.appeal-types').textContent()).toMatch(/Запись в добровольцы\s*2.*Вопрос в государственный орган\s*1/);
    expect(await appeals.getByRole('link', { name: 'Скачать CSV' }).getAttribute('href')).toMatch(/^\/api\/v1\/reports\/appeals\?.*format=csv/);
    await screenshot(page, 'reports-period', { fullPage: true });

    // One region, by month.
    await page.getByLabel(/^Регион/).selectOption('78');
    await page.getByLabel('Шаг').selectOption('month');
    await page.getByRole('button', { name: 'Показать' }).click();
    await expect.poll(async () => (await page.locator('.figure').first().textContent()) ?? '').toContain('3');
    expect(await page.locator('table.regions tbody tr').count()).toBe(1);

    // The year's summary.
    await page.getByRole('button', { name: 'Итоги года' }).click();
    await page.locator('.year-title').waitFor();
    expect(await page.locator('.year-title').textContent()).toContain('12 звонков');
    expect(await page.locator('.facts').textContent()).toContain('С начала работы');
    const yearAppeals = page.locator('.year-appeals');
    expect(await yearAppeals.locator('.appeal-facts').textContent()).toBe('Подано обращений граждан: 3Каналы: API — 3');
    expect(await yearAppeals.locator('.appeal-types li').allTextContents()).toEqual(['Запись в добровольцы 2', 'Вопрос в государственный орган 1']);
    // on a phone too, nothing scrolls sideways
    await screenshotsAt(page, 'reports-year', { checkOverflow: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.controls').isVisible()).toBe(false);
    await screenshot(page, 'reports-year-print', { fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);

  it("a region's supervisor reads their region only, without a region to choose", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, 'report-78');
    await page.locator('.peak').waitFor();
    expect(await page.getByLabel(/^Регион/).count()).toBe(0);
    expect(await page.locator('table.regions tbody tr').count()).toBe(1);
    expect(await page.locator('table.regions').textContent()).toContain('78');
    await page.locator('table.appeal-regions').waitFor();
    expect(await page.locator('table.appeal-regions tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-region')))).toEqual(['78']);
    await screenshot(page, 'reports-region');
  }, 60_000);

  it("plans next week's staff from the region's history, and answers the Erlang calculator", async () => {
    // The four whole weeks before this Monday in Yekaterinburg (UTC+5: the region planned keeps its
    // own week; Moscow's would be a week off from 19:00 to 21:00 UTC on Sundays), what the plan reads
    // (the week in progress is not): 20 calls a quarter hour on weekdays 10:00–18:00 local time.
    const LOCAL = 5 * 3_600_000;
    const localNow = new Date(Date.now() + LOCAL);
    const daysToMonday = (8 - localNow.getUTCDay()) % 7 || 7;
    const monday = Date.UTC(localNow.getUTCFullYear(), localNow.getUTCMonth(), localNow.getUTCDate() + daysToMonday) - LOCAL;
    const rows: unknown[] = [];
    for (let at = monday - 35 * DAY; at < monday - 7 * DAY; at += 900_000) {
      const local = new Date(at + LOCAL);
      const weekday = local.getUTCDay() >= 1 && local.getUTCDay() <= 5;
      if (weekday && local.getUTCHours() >= 10 && local.getUTCHours() < 18) rows.push({ at: new Date(at).toISOString(), n: 20 });
    }
    await app.db.query(
      `INSERT INTO mon_rollups (region_code, queue_id, interval_start, offered, answered, talk_seconds, wrap_seconds, answered_within, abandoned_within)
       SELECT '66', 0, at, n, n, n * 170, n * 30, ARRAY[0,0,0,0,0,0,0,0,0,0], ARRAY[0,0,0,0,0,0] FROM json_to_recordset($1::json) AS x(at timestamptz, n int)`,
      [JSON.stringify(rows)],
    );
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await signIn(page, 'report-reader');
    await page.getByRole('button', { name: 'Персонал' }).click();
    // a region without history: the plan says so instead of planning nobody in silence
    await page.getByLabel(/^Регион/).selectOption('25');
    await page.getByTestId('short-history').filter({ hasText: 'звонков в регионе не было: прогноз — нули' }).waitFor();
    await page.getByLabel(/^Регион/).selectOption('66');
    await page.locator('.plan .peak').waitFor();
    expect(await page.getByTestId('short-history').count()).toBe(0);
    const api = (await (await app.as('coordinator', 'federal')).get('/api/v1/staffing/plan?region=66')).body;
    expect(api.peak.scheduled).toBeGreaterThan(0);
    expect(await page.locator('.plan .peak').textContent()).toContain(`${count(api.peak.scheduled, OPERATORS)} в графике на 20 звонков`);
    expect(await page.locator('.plan .peak').textContent()).toMatch(/^Пик: пн 1\d:00/);
    expect(await page.locator('.plan .figure').first().textContent()).toContain(new Intl.NumberFormat('ru-RU').format(api.totals.calls));

    await page.getByRole('button', { name: 'Рассчитать' }).click();
    const required = (
      await (await app.as('coordinator', 'federal')).get('/api/v1/staffing/required?calls=100&intervalSeconds=900&ahtSeconds=180&targetSl=0.8&targetSeconds=20&maxOccupancy=0.85&shrinkage=0.3')
    ).body;
    await page.locator('.answer').waitFor();
    expect(await page.locator('.answer').textContent()).toContain(
      `${plural(required.agents, ['Нужен', 'Нужно', 'Нужно'])} ${count(required.agents, OPERATORS)} на линии, ${required.scheduled} в графике`,
    );
    await page.getByLabel('Обработка, с').fill('0');
    await page.getByRole('button', { name: 'Рассчитать' }).click();
    await page.locator('.calculator .error').waitFor();
    await screenshot(page, 'reports-staffing', { fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);
});
