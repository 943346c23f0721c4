// The operator workstation in a busy centre, in Chromium: an incoming call at a tab in the
// background notifies (the browser's Notification, permission granted) and flashes the tab's title,
// with the seconds left before the call goes to someone else; «/» takes the search box with its text
// selected; a search in flight says so instead of «nothing found»; the topic is a removable section
// filter whose suggestions are its most used answers; a break says why (in Russian, for the
// supervisor too); the idle screen shows the day's figures and the queue; a lost connection is said
// within 3 s, with the actions greyed out until it is back, and so is a line gone silent. axe-core at each step; screenshots at
// 1280 and 360 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshotsAt } from '../support/browser.ts';
import type { Client } from '../support/http-client.ts';
import { tcpRelay } from '../support/tcp-relay.ts';
import { edgeClient, event, offered } from '../support/telephony.ts';

/** Notifications made (the real constructor still runs) and a visibility the test sets. */
function recorder() {
  const w = window as unknown as { notes: { title: string; body: string; closed: boolean }[]; setHidden: (h: boolean) => void };
  w.notes = [];
  const Real = window.Notification;
  class Recorded extends Real {
    constructor(title: string, o?: NotificationOptions) {
      super(title, o);
      const note = { title, body: o?.body ?? '', closed: false };
      w.notes.push(note);
      const close = this.close.bind(this);
      this.close = () => ((note.closed = true), close());
    }
  }
  Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true, writable: true });
  let hidden = false;
  Object.defineProperty(Document.prototype, 'hidden', { get: () => hidden, configurable: true });
  Object.defineProperty(Document.prototype, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible'), configurable: true });
  w.setHidden = (h) => {
    hidden = h;
    document.dispatchEvent(new Event('visibilitychange'));
  };
}

describe.skipIf(!hasChromium)('operator workstation in a busy centre (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let edge: Client;
  let supervisor: Client;

  const publish = async (editor: Client, reviewer: Client, a: Record<string, unknown>) => {
    expect((await editor.post('/api/v1/kb/answers', a)).status).toBe(201);
    await editor.post(`/api/v1/kb/answers/${a.slug}/submit`);
    expect((await reviewer.post(`/api/v1/kb/answers/${a.slug}/approve`)).status).toBe(200);
  };
  const clean = async (page: Page, name: string) => {
    expect(await axeViolations(page, 'minor'), name).toEqual([]);
    await screenshotsAt(page, name, { checkOverflow: true });
  };
  /** base: where the browser reaches the app (a relay standing in for the network, in one test). */
  async function openDesk(username: string, base = app.url): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU', bypassCSP: true });
    await context.grantPermissions(['notifications'], { origin: base });
    await context.addInitScript(recorder);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(m.text()) && problems.push(m.text()));
    await page.goto(`${base}/operator`);
    await fillSignIn(page, username, PASSWORD);
    await page.locator('.state [role=status]').waitFor();
    await page.getByText('На связи').waitFor();
    return { context, page, problems };
  }

  beforeAll(async () => {
    app = await startApp();
    edge = await edgeClient(app);
    const editor = await app.as('editor', 'federal');
    const reviewer = await app.as('coordinator', 'federal');
    await publish(editor, reviewer, { slug: 'passport-replace', title: 'Когда менять паспорт?', body: 'Паспорт меняют в 20 и 45 лет.', section: 'Документы', tags: ['паспорт'] });
    await publish(editor, reviewer, { slug: 'passport-lost', title: 'Что делать, если потерян паспорт', body: 'Заявите об утрате в МВД.', section: 'Документы', tags: ['утрата'] });
    await publish(editor, reviewer, { slug: 'snils-where', title: 'Где получить СНИЛС', body: 'СНИЛС выдаёт Социальный фонд.', section: 'Документы' });
    await publish(editor, reviewer, { slug: 'pension-index', title: 'Индексация пенсии в этом году', body: 'Пенсии проиндексируют с января.', section: 'Пенсии' });
    supervisor = await app.as('supervisor', '66');
    // a colleague's call about documents last week used «passport-lost»: it is the topic's most used
    const colleague = await app.as('operator', '66', 'colleague-66');
    expect((await colleague.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    await edge.post('/api/v1/telephony/events', { events: [offered('desk-0', '66', new Date(), { topic: 'Документы' }), event('desk-0', 'queued')] });
    for (let i = 0; (await colleague.get('/api/v1/agent')).body.state !== 'ringing'; i++) {
      if (i > 100) throw new Error('the colleague was never rung');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await colleague.post('/api/v1/agent/calls/desk-0/answer')).status).toBe(204);
    expect((await colleague.post('/api/v1/agent/calls/desk-0/hangup')).status).toBe(204);
    expect((await colleague.post('/api/v1/agent/calls/desk-0/wrap-up', { outcome: 'answered', answersUsed: ['passport-lost'] })).status).toBe(204);
    // (on a break, not offline: a region with nobody at work sends its callers to the federal reserve)
    expect((await colleague.post('/api/v1/agent/state', { state: 'break', reason: 'meeting' })).status).toBe(200);
    await app.user('operator', '66', 'smirnova-66');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a break says why, in Russian; the idle screen has the queue', async () => {
    const { context, page, problems } = await openDesk('smirnova-66');
    // a caller already waits: nobody is ready
    await edge.post('/api/v1/telephony/events', { events: [offered('desk-wait', '66', new Date(Date.now() - 40_000)), event('desk-wait', 'queued', new Date(Date.now() - 40_000))] });
    await page.keyboard.press('F3');
    const menu = page.getByRole('group', { name: 'Причина перерыва' });
    await menu.waitFor();
    expect(await menu.getByRole('button').allTextContents()).toEqual(['1 отдых', '2 обед', '3 обучение', '4 совещание', '5 технический перерыв', 'Не уходить Esc']);
    await clean(page, 'operator-break-reasons');
    // Esc: no break
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /Перерыв/ }).click();
    await menu.waitFor();
    await page.keyboard.press('2');
    await page.locator('.state [role=status]').getByText('Перерыв (обед)').waitFor();
    const seat = (await supervisor.get('/api/v1/operators?region=66')).body.items.find((o: { username: string }) => o.username === 'smirnova-66');
    expect(seat).toMatchObject({ state: 'break', reason: 'lunch' });
    // the idle screen: nothing today yet, the caller waiting for 40 s
    const idle = page.locator('section.idle');
    await expect.poll(() => idle.textContent()).toContain('Ждут ответа: 1 абонент');
    expect(await idle.textContent()).toContain('Принято: 0 звонков');
    expect(await idle.textContent()).toMatch(/Дольше всех ждёт: 0:4\d/);
    await clean(page, 'operator-idle-figures');
    // (the caller gives up: the next tests start with an empty queue)
    await edge.post('/api/v1/telephony/events', { events: [event('desk-wait', 'abandoned')] });
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('rings a tab in the background with a notification, a flashing title and the seconds left', async () => {
    const { context, page, problems } = await openDesk('smirnova-66');
    const title = await page.title();
    await page.keyboard.press('F2');
    await page.getByRole('heading', { name: 'Ожидание звонка' }).waitFor();
    await page.evaluate(() => (window as unknown as { setHidden: (h: boolean) => void }).setHidden(true));

    await edge.post('/api/v1/telephony/events', { events: [offered('desk-1', '66', new Date(), { topic: 'Документы' }), event('desk-1', 'queued')] });
    const card = page.locator('section.call');
    await card.getByRole('heading', { name: 'Входящий звонок' }).waitFor({ timeout: 10_000 });
    const notes = () => page.evaluate(() => (window as unknown as { notes: unknown[] }).notes);
    await expect.poll(notes).toEqual([{ title: 'Входящий звонок', body: 'Тема (IVR): Документы', closed: false }]);
    // the title flashes: the call, then the page's own, again and again
    const titles = new Set<string>();
    for (let i = 0; i < 12; i++) {
      titles.add(await page.title());
      await page.waitForTimeout(250);
    }
    expect([...titles].sort()).toEqual([title, '☎ Входящий звонок'].sort());
    // the seconds left of the queue's ring timeout (20 s), counting down
    const left = async () => Number((await card.locator('.ring-countdown').textContent())!.match(/через (\d+) с/)![1]);
    await card.locator('.ring-countdown').waitFor();
    const first = await left();
    expect(first).toBeGreaterThan(12);
    expect(first).toBeLessThanOrEqual(20);
    await expect.poll(left, { timeout: 5000 }).toBeLessThanOrEqual(first - 2);
    expect(await card.getByRole('progressbar', { name: 'Сколько ещё звонит' }).getAttribute('max')).toBe('20');

    // the topic is a section filter, its most used answer suggested first
    await page.locator('.answers .hit').first().waitFor();
    expect(await page.locator('.answers .hit').first().textContent()).toContain('Что делать, если потерян паспорт');
    expect(await page.locator('.answers .hit').first().textContent()).toContain('помог на 1 звонке');
    await page.evaluate(() => (window as unknown as { setHidden: (h: boolean) => void }).setHidden(false));
    await clean(page, 'operator-ringing-countdown');

    // answered: the title is the page's again, the notification closed
    await page.keyboard.press('F4');
    await card.getByRole('heading', { name: 'Разговор' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => page.title()).toBe(title);
    await page.waitForTimeout(1200);
    expect(await page.title()).toBe(title);
    await expect.poll(notes).toEqual([{ title: 'Входящий звонок', body: 'Тема (IVR): Документы', closed: true }]);

    // «/» from anywhere outside a text field: the search box, its text selected
    const box = page.locator('.answers input[type=search]');
    await box.fill('паспорт');
    await page.locator('section.call h2').click();
    await page.keyboard.press('/');
    await expect.poll(() => box.evaluate((b: HTMLInputElement) => document.activeElement === b && b.selectionStart === 0 && b.selectionEnd === b.value.length)).toBe(true);
    expect(await box.inputValue()).toBe('паспорт');
    // typing replaces it; within the topic's section, then everywhere once the filter is removed
    await page.keyboard.type('пенсия');
    await page.getByText('В разделе «Документы» ничего не найдено').waitFor();
    await page.getByRole('button', { name: 'Убрать фильтр раздела «Документы»' }).click();
    await page.locator('.answers .hit', { hasText: 'Индексация пенсии' }).waitFor();
    // typed on the English layout: found all the same, and it says what was searched
    await box.fill('bylrtrcfwbz gtycbb');
    await page.locator('.answers .read-as', { hasText: 'Показаны результаты по запросу «индексация пенсии»' }).waitFor();
    await page.locator('.answers .hit', { hasText: 'Индексация пенсии' }).waitFor();
    await box.fill('индексация пенсии');
    await expect.poll(() => page.locator('.answers .read-as').count()).toBe(0);

    // a search in flight says so, not «nothing found»
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/v1/kb/search?**', async (route) => (await held, route.continue()));
    await box.fill('несуществующийзапрос');
    await page.getByRole('status').getByText('Поиск…').waitFor();
    await page.waitForTimeout(600);
    expect(await page.getByText('Ничего не найдено').count()).toBe(0);
    expect(await page.locator('.answers .hits').getAttribute('aria-busy')).toBe('true');
    await clean(page, 'operator-search-pending');
    release();
    await page.getByText('Ничего не найдено. Переформулируйте вопрос.').waitFor();
    expect(await page.getByText('Поиск…').count()).toBe(0);
    await page.unroute('**/api/v1/kb/search?**');

    await edge.post('/api/v1/telephony/events', { events: [event('desk-1', 'ended')] });
    const wrap = page.getByRole('form', { name: 'Оформление звонка' });
    await wrap.waitFor();
    await wrap.getByRole('radio', { name: 'Дан ответ' }).check();
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { name: 'Ожидание звонка' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('says within 3 s that the server is out of reach, greys out the actions, and is back by itself', async () => {
    const { context, page, problems } = await openDesk('smirnova-66');
    await page.keyboard.press('F2');
    await page.getByRole('heading', { name: 'Ожидание звонка' }).waitFor();
    const banner = page.getByRole('alert').filter({ hasText: 'Нет связи с сервером…' });
    expect(await banner.count()).toBe(0);

    const lostAt = Date.now();
    await context.setOffline(true);
    await banner.waitFor({ timeout: 3000 });
    expect(Date.now() - lostAt).toBeLessThan(3000);
    expect(await page.getByRole('button', { name: /Перерыв/ }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Выйти из линии' }).isDisabled()).toBe(true);
    await page.keyboard.press('F3');
    expect(await page.getByRole('group', { name: 'Причина перерыва' }).count()).toBe(0);
    await clean(page, 'operator-connection-lost');

    await context.setOffline(false);
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByText('На связи').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: /Перерыв/ }).isDisabled()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('says within 3 s that a line went silent (nothing refused, nothing closed), and is back by itself', async () => {
    const relay = await tcpRelay(new URL(app.url));
    const { context, page, problems } = await openDesk('smirnova-66', relay.url);
    await page.keyboard.press('F2');
    await page.getByRole('heading', { name: 'Ожидание звонка' }).waitFor();
    const banner = page.getByRole('alert').filter({ hasText: 'Нет связи с сервером…' });
    await page.waitForTimeout(1000);
    expect(await banner.count()).toBe(0); // the feed's pings keep it «На связи» while the line is quiet

    const lostAt = Date.now();
    relay.stall();
    await banner.waitFor({ timeout: 3000 });
    expect(Date.now() - lostAt).toBeLessThan(3000);
    expect(await page.getByRole('button', { name: 'Выйти из линии' }).isDisabled()).toBe(true);

    relay.resume();
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByText('На связи').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Выйти из линии' }).isDisabled()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
    await relay.cut();
  }, 60_000);
});
