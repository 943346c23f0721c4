/// <reference lib="dom" />
// The supervisor view as a shift supervisor uses it: signs in, watches a queue fill up as calls
// come in (no reload), puts an operator back to work from the page, sees the recent calls; nothing
// comes from other hosts and the console stays clean. Screenshots go to screenshots/ for people.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/access/principal.ts';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { hasChromium, launchBrowser, screenshot } from '../support/browser.ts';
import type { Client } from '../support/http-client.ts';
import { edgeClient, event, offered } from '../support/telephony.ts';
import { tcpRelay } from '../support/tcp-relay.ts';

const REGION = '77';

describe.skipIf(!hasChromium)('supervisor view (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let edge: Client;
  const operators: Record<string, number> = {};

  async function person(role: 'supervisor' | 'operator', username: string, displayName: string) {
    const { user } = await app.services.users.create(systemActor(), { username, displayName, role, region: REGION, password: PASSWORD });
    return user.id;
  }

  async function operator(username: string, displayName: string, state?: { state: 'ready' | 'break'; reason?: string }) {
    operators[username] = await person('operator', username, displayName);
    const c = await app.client().login(username, PASSWORD);
    expect((await c.get('/api/v1/agent')).status).toBe(200); // takes a seat, offline
    if (state) expect((await c.post('/api/v1/agent/state', state)).status).toBe(200);
  }

  beforeAll(async () => {
    // No ACD: the calls stay in the queue, so the page shows them waiting.
    app = await startApp({}, { acd: false });
    browser = await launchBrowser();
    edge = await edgeClient(app);
    await person('supervisor', 'smirnova', 'Смирнова Ольга');
    await operator('ivanov', 'Иванов Пётр', { state: 'break', reason: 'обед' });
    await operator('petrova', 'Петрова Анна');
    await operator('sidorov', 'Сидоров Илья', { state: 'ready' });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(width: number, height: number, base = app.url) {
    const page = await browser.newPage({ viewport: { width, height }, locale: 'ru-RU', timezoneId: 'Asia/Yekaterinburg' }); // the region's time is shown, not the PC's
    const foreign: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    if (process.env.SV_HARNESS) {
      const fs = await import('node:fs');
      await page.route(`${base}/supervisor`, (r) =>
        r.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Супервизор</title><link rel="stylesheet" href="/sv-harness/app.css"></head><body style="margin:0;font-family:system-ui,sans-serif"><div id="app"></div><script type="module" src="/sv-harness/app.js"></script></body></html>',
        }),
      );
      await page.route(`${base}/sv-harness/app.js`, (r) => r.fulfill({ contentType: 'text/javascript', body: fs.readFileSync('/tmp/svh/out/app.js', 'utf8') }));
      await page.route(`${base}/sv-harness/app.css`, (r) => r.fulfill({ contentType: 'text/css', body: fs.readFileSync('/work/main/web/supervisor/style.css', 'utf8') }));
      const login = await page.request.post(`${base}/api/v1/auth/login`, { data: { username: 'smirnova', password: PASSWORD } });
      expect(login.status()).toBe(200);
      await page.goto(`${base}/supervisor`);
    } else {
      await page.goto(`${base}/supervisor`);
      await signIn(page);
    }
    return { page, foreign, problems };
  }

  async function signIn(page: Page) {
    await page.getByLabel(/Имя пользователя|Логин/).fill('smirnova');
    await page.getByLabel('Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: /Войти/ }).click();
  }

  const tile = (page: Page) => page.getByRole('region', { name: /Общая|general/i });
  const operatorRow = (page: Page, name: string) => page.getByRole('region', { name: 'Операторы' }).getByRole('row', { name: new RegExp(name) });

  it('shows the queue change as calls come in, and changes an operator from the page', async () => {
    const { page, foreign, problems } = await open(1920, 1080);
    await expect.poll(() => tile(page).getByTestId('waiting').textContent(), { timeout: 15_000 }).toBe('0');
    await expect.poll(() => page.getByText('Связь потеряна').count()).toBe(0);
    await screenshot(page, 'supervisor-empty-1920');

    const t = Date.now();
    const r = await edge.post('/api/v1/telephony/events', {
      events: [
        offered('sv-1', REGION, new Date(t - 75_000), { caller: '+7 916 555-44-33' }),
        event('sv-1', 'queued', new Date(t - 70_000)),
        offered('sv-2', REGION, new Date(t - 12_000), { caller: '8 (903) 111-22-77' }),
        event('sv-2', 'queued', new Date(t - 10_000)),
      ],
    });
    expect(r.body.results.every((x: { status: string }) => x.status === 'accepted')).toBe(true);

    // No reload: the feed brings the change.
    await expect.poll(() => tile(page).getByTestId('waiting').textContent(), { timeout: 10_000 }).toBe('2');
    const first = await tile(page).getByTestId('longest-wait').textContent();
    expect(first).toMatch(/^1:1\d$/);
    // it ticks (a fresh overview may restart the count within the second, so allow two)
    await expect.poll(() => tile(page).getByTestId('longest-wait').textContent(), { timeout: 3000 }).not.toBe(first);
    const calls = page.getByRole('table', { name: 'Последние звонки' });
    await expect.poll(() => calls.getByText('+7 903 ***-**-77').count()).toBe(1);
    expect(await calls.getByText('В очереди').count()).toBe(2);
    const moscow = new Date(t - 12_000).toLocaleTimeString('ru-RU', { timeZone: 'Europe/Moscow', hour: '2-digit', minute: '2-digit' });
    expect(
      await calls
        .getByRole('row', { name: /\+7 903/ })
        .getByRole('cell')
        .first()
        .textContent(),
    ).toBe(moscow);
    await screenshot(page, 'supervisor-waiting-1920');

    // Sorting and the state change work from the keyboard; Esc closes the dialog.
    const ops = page.getByRole('region', { name: 'Операторы' });
    await ops.getByRole('button', { name: /^Оператор/ }).press('Enter');
    expect(await ops.getByRole('columnheader', { name: /^Оператор/ }).getAttribute('aria-sort')).toBe('ascending');
    expect(await ops.locator('tbody th[scope=row]').allTextContents()).toEqual(['Иванов Пётрivanov', 'Петрова Аннаpetrova', 'Сидоров Ильяsidorov']);
    await ops.getByRole('button', { name: /^Состояние/ }).press('Enter');
    expect(await ops.getByRole('columnheader', { name: /^Состояние/ }).getAttribute('aria-sort')).toBe('ascending');

    // Ivanov is at lunch; the supervisor puts him back to work.
    const row = operatorRow(page, 'Иванов Пётр');
    expect(await row.getByText('Перерыв (обед)').count()).toBe(1);
    await row.getByRole('button', { name: /Сменить состояние/ }).press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await row.getByRole('button', { name: /Сменить состояние/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Готов').check();
    await screenshot(page, 'supervisor-change-1920');
    await dialog.getByRole('button', { name: 'Подтвердить' }).click();
    await expect.poll(() => row.getByTestId('state').textContent(), { timeout: 10_000 }).toBe('Готов');
    expect(await page.getByRole('dialog').count()).toBe(0);
    const seat = await (await app.client().login('ivanov', PASSWORD)).get('/api/v1/agent');
    expect(seat.body).toMatchObject({ state: 'ready' });

    // Sidorov takes the first call: during a call he cannot go offline, and a break waits for the call's end.
    const talk = await edge.post('/api/v1/telephony/events', {
      events: [event('sv-1', 'ringing', new Date(), { operator: 'sidorov' }), event('sv-1', 'answered', new Date(), { operator: 'sidorov' })],
    });
    expect(talk.body.results.map((x: { status: string }) => x.status)).toEqual(['accepted', 'accepted']);
    const sidorov = operatorRow(page, 'Сидоров Илья');
    await expect.poll(() => sidorov.getByTestId('state').textContent(), { timeout: 10_000 }).toBe('Разговор');
    await expect.poll(() => tile(page).getByTestId('waiting').textContent()).toBe('1');
    await sidorov.getByRole('button', { name: /Сменить состояние/ }).click();
    await dialog.getByText(/на звонке/).waitFor({ timeout: 10_000 });
    expect(await dialog.getByLabel('Выход из линии').isDisabled()).toBe(true);
    await dialog.getByLabel('Перерыв').check();
    await dialog.getByLabel('Причина перерыва').selectOption('обед');

    // The network fails once: the dialog says so and stays open; the second try goes through.
    await page.route('**/api/v1/operators/*/state', (r) => r.abort('internetdisconnected'), { times: 1 });
    await dialog.getByRole('button', { name: 'Подтвердить' }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('alert').textContent()).toMatch(/Нет связи с сервером/);
    await screenshot(page, 'supervisor-change-error-1920');
    await dialog.getByRole('button', { name: 'Подтвердить' }).click();
    await expect.poll(() => sidorov.textContent(), { timeout: 10_000 }).toMatch(/после звонка — перерыв \(обед\)/);
    expect(await sidorov.getByTestId('state').textContent()).toBe('Разговор');
    await screenshot(page, 'supervisor-after-1920');

    expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p))).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  }, 60_000);

  it('fits a 1366×768 monitor and says when the connection is lost, then recovers', async () => {
    // The browser reaches the server through a relay the test can cut, as a dropped network would.
    const relay = await tcpRelay(new URL(app.url));
    const { page, foreign, problems } = await open(1366, 768, relay.url);
    await expect.poll(() => tile(page).getByTestId('waiting').textContent(), { timeout: 15_000 }).toBe('1');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'supervisor-1366');

    await relay.cut();
    await page
      .getByText(/Связь потеряна/)
      .first()
      .waitFor({ timeout: 20_000 });
    // Meanwhile a call comes in: it shows once the connection is back.
    await edge.post('/api/v1/telephony/events', { events: [offered('sv-3', REGION, new Date(), { caller: '+7 925 000-11-22' }), event('sv-3', 'queued')] });
    await screenshot(page, 'supervisor-offline-1366');
    await relay.restore();
    await expect.poll(() => page.getByText(/Связь потеряна/).count(), { timeout: 40_000 }).toBe(0);
    await expect.poll(() => tile(page).getByTestId('waiting').textContent(), { timeout: 10_000 }).toBe('2');

    expect(problems.filter((p) => !/ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE|Failed to load resource/.test(p))).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
    await relay.cut();
  }, 120_000);

  it('shows today’s line quality per operator, a poor line marked in words, and fits 1280 px', async () => {
    const { page, foreign, problems } = await open(1280, 800);
    const section = page.getByRole('region', { name: 'Качество связи сегодня' });
    await section.getByText('Сегодня звонков из браузера не было').waitFor({ timeout: 15_000 });

    // Two operators take a call each on the browser phone and wrap it up with its figures.
    const figures = {
      kozlov: { mos: 2.7, packetsReceived: 7000, packetsLost: 840, jitterMs: 48.6, rttMs: null, bytesReceived: 1_120_000, bytesSent: 1_150_000, durationSeconds: 150 },
      belova: { mos: 4.35, packetsReceived: 9100, packetsLost: 9, jitterMs: 3.2, rttMs: 38, bytesReceived: 1_456_000, bytesSent: 1_440_000, durationSeconds: 182 },
    };
    for (const [username, displayName, quality] of [
      ['kozlov', 'Козлов Денис', figures.kozlov],
      ['belova', 'Белова Мария', figures.belova],
    ] as const) {
      await operator(username, displayName, { state: 'ready' });
      const c = await app.client().login(username, PASSWORD);
      const id = `sv-q-${username}`;
      const t = Date.now();
      const r = await edge.post('/api/v1/telephony/events', {
        events: [
          offered(id, REGION, new Date(t - 200_000)),
          event(id, 'queued', new Date(t - 199_000)),
          event(id, 'ringing', new Date(t - 198_000), { operator: username }),
          event(id, 'answered', new Date(t - 197_000), { operator: username }),
        ],
      });
      expect(r.body.results.every((x: { status: string }) => x.status === 'accepted')).toBe(true);
      expect((await edge.post('/api/v1/telephony/events', { events: [event(id, 'ended', new Date(t - 10_000))] })).body.results[0].status).toBe('accepted');
      expect((await c.post(`/api/v1/agent/calls/${id}/wrap-up`, { outcome: 'answered', quality })).status).toBe(204);
    }

    // No reload: the wrap-ups in the live overview bring the figures.
    const table = section.getByRole('table', { name: 'Качество связи сегодня' });
    await expect.poll(() => table.getByRole('row').count(), { timeout: 15_000 }).toBe(3);
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Оператор', 'Звонков', 'MOS средний', 'MOS худший', 'Плохих звонков', 'Потери', 'Джиттер', 'Задержка']);
    const rows = table.locator('tbody tr');
    // worst first, marked in words
    const poorRow = rows.nth(0);
    expect(await poorRow.getByRole('rowheader').textContent()).toMatch(/^Козлов Денис.*плохая связь.*kozlov$/);
    expect(await poorRow.getByRole('cell').allTextContents()).toEqual(['1', '2,70', '2,70', '1', '10,7 %', '48,6 мс', '—']);
    expect(await rows.nth(1).getByRole('rowheader').textContent()).toBe('Белова Марияbelova');
    expect(await rows.nth(1).getByRole('cell').allTextContents()).toEqual(['1', '4,35', '4,35', '0', '0,1 %', '3,2 мс', '38,0 мс']);
    expect(await section.getByText(/Всего: 2 звонка, MOS средний 3,53, плохих 1/).count()).toBe(1);

    // The table is reachable from the keyboard; the page fits 1280 px.
    const scroller = section.locator('.sv-quality__scroll');
    await scroller.focus();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('sv-quality__scroll'))).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'supervisor-quality-1280', { fullPage: true });

    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  }, 60_000);

  it('says every code in Russian: a break for rest, calls lost in the menu and at the simulation’s end', async () => {
    // the workstation's «Перерыв» sends the code rest; the simulator closes its callers with simulation_ended
    await operator('orlov', 'Орлов Игорь', { state: 'break', reason: 'rest' });
    const t = Date.now();
    const r = await edge.post('/api/v1/telephony/events', {
      events: [
        offered('sv-ivr', REGION, new Date(t - 30_000)),
        event('sv-ivr', 'abandoned', new Date(t - 20_000), { reason: 'hung_up_in_ivr' }),
        offered('sv-sim', REGION, new Date(t - 15_000)),
        event('sv-sim', 'queued', new Date(t - 14_000)),
        event('sv-sim', 'abandoned', new Date(t - 5_000), { reason: 'simulation_ended' }),
      ],
    });
    expect(r.body.results.every((x: { status: string }) => x.status === 'accepted')).toBe(true);
    const { page, problems } = await open(1920, 1080);
    const calls = page.getByRole('table', { name: 'Последние звонки' });
    await calls.getByText('положил трубку в голосовом меню').waitFor({ timeout: 15_000 });
    expect(await calls.getByText('симуляция завершена').count()).toBe(1);
    expect(await operatorRow(page, 'Орлов Игорь').getByText('Перерыв (отдых)').count()).toBe(1);
    // nothing on the page is a code: no word_with_underscores in what people read
    expect(await page.evaluate(() => document.body.innerText.match(/\b[a-z]+_[a-z_]+\b/g))).toBeNull();
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
