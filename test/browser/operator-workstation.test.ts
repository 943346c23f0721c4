// The operator workstation as an operator uses it, in Chromium: sign in, go ready, a call from the
// telephony edge rings (region, masked number, topic, time waited, the caller's previous calls),
// the edge connects it, the operator searches, opens and marks an answer, hangs up, wraps up with
// the keyboard and is ready again. A new answer published meanwhile shows up live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshot } from '../support/browser.ts';
import type { Client } from '../support/http-client.ts';
import { edgeClient, event, offered } from '../support/telephony.ts';

describe.skipIf(!hasChromium)('operator workstation (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let edge: Client;
  let editor: Client;
  let reviewer: Client;
  const publish = async (a: Record<string, unknown>) => {
    expect((await editor.post('/api/v1/kb/answers', a)).status).toBe(201);
    await editor.post(`/api/v1/kb/answers/${a.slug}/submit`);
    expect((await reviewer.post(`/api/v1/kb/answers/${a.slug}/approve`)).status).toBe(200);
  };

  beforeAll(async () => {
    app = await startApp();
    edge = await edgeClient(app);
    editor = await app.as('editor', 'federal');
    reviewer = await app.as('coordinator', 'federal');
    await publish({
      slug: 'pension-recalc',
      title: 'Как пересчитать пенсию после увольнения?',
      body: 'Пенсию пересчитывают автоматически с 1 августа.\n\nЗаявление подавать не нужно:\n- если стаж учтён;\n- если работодатель сдал отчёт.\n\nПодробнее — на [сайте СФР](https://sfr.gov.ru/).',
      section: 'Пенсии',
      tags: ['пенсия'],
      agency: 'Социальный фонд России',
      sources: [{ title: 'Федеральный закон № 400-ФЗ', url: 'https://www.consultant.ru/document/cons_doc_LAW_156525/' }],
    });
    await publish({ slug: 'pension-where', title: 'Пенсии: куда обращаться', body: 'По вопросам пенсий обращайтесь в Социальный фонд или на госуслуги.', section: 'Пенсии', tags: ['пенсии'] });
    await publish({ slug: 'passport-replace', title: 'Когда менять паспорт?', body: 'Паспорт гражданина меняют в 20 и 45 лет.', section: 'Документы', tags: ['паспорт'] });
    await app.user('operator', '77', 'ivanova-77');
    // the same caller rang last week about passports
    const before = new Date(Date.now() - 6 * 86_400_000);
    const r = await edge.post('/api/v1/telephony/events', {
      events: [offered('earlier-1', '77', before, { topic: 'Документы' }), event('earlier-1', 'abandoned', new Date(before.getTime() + 20_000))],
    });
    expect(r.status).toBe(200);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signIn(page: Page) {
    await page.goto(`${app.url}/operator`);
    await fillSignIn(page, 'ivanova-77', PASSWORD);
    await page.getByRole('heading', { name: 'Не в сети' }).waitFor();
  }

  it('takes a call from ringing to wrap-up with the keyboard, and is ready again', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('request', (r) => !r.url().startsWith(app.url) && problems.push(`foreign request ${r.url()}`));
    await signIn(page);

    await page.keyboard.press('F2');
    await page.getByRole('heading', { name: 'Ожидание звонка' }).waitFor();

    // a citizen rings the regional centre; the edge reports it, the ACD rings our operator
    const at = new Date(Date.now() - 12_000);
    await edge.post('/api/v1/telephony/events', { events: [offered('ws-call-1', '77', at, { topic: 'Пенсии' }), event('ws-call-1', 'queued', at)] });
    const card = page.locator('section.call');
    await card.getByRole('heading', { name: 'Входящий звонок' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => card.textContent()).toContain('+7 916 ***-**-12');
    // the caller's previous calls come in a request of their own, after the card
    await expect.poll(() => card.textContent()).toMatch(/Документы/);
    const text = (await card.textContent())!;
    expect(text).toContain('77');
    expect(text).toContain('Пенсии');
    expect(text).toMatch(/Ждал0:1\d/);
    expect(text).toMatch(/Документы/); // the previous call
    // the answer pane already suggests answers for the IVR topic
    await page.locator('.answers .hit', { hasText: 'Пенсии: куда обращаться' }).waitFor();
    // (the topic is a filter of the search by its section, not text put in the box)
    await page.getByRole('button', { name: 'Убрать фильтр раздела «Пенсии»' }).waitFor();
    expect(await page.locator('.answers input[type=search]').inputValue()).toBe('');
    await screenshot(page, 'operator-ringing');

    // the edge connects the call (as the phone is picked up)
    await edge.post('/api/v1/telephony/events', { events: [event('ws-call-1', 'answered', new Date(), { operator: 'ivanova-77' })] });
    await card.getByRole('heading', { name: 'Разговор' }).waitFor();

    // the answer pane suggests for the topic; the operator searches as they type
    await page.keyboard.press('/');
    await page.keyboard.type(' после увольнения');
    // the results follow the typing; the best one comes first and Enter opens it
    await expect.poll(() => page.locator('.hits li').first().textContent()).toContain('Как пересчитать пенсию после увольнения');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Как пересчитать пенсию после увольнения?' }).waitFor();
    expect(await page.locator('article.answer').textContent()).toContain('Заявление подавать не нужно:');
    // as the portal shows it: a list, a link that opens beside the workstation, the agency and sources
    expect(await page.locator('article.answer .body li').allTextContents()).toEqual(['если стаж учтён;', 'если работодатель сдал отчёт.']);
    expect(await page.locator('article.answer .body a').getAttribute('target')).toBe('_blank');
    expect(await page.locator('article.answer .answer-sources').textContent()).toMatch(/Отвечает за сведения: Социальный фонд России.*Федеральный закон № 400-ФЗ/);
    // the open answer has the focus (given once it is drawn: waited for, or a loaded machine loses
    // the key): M marks it, Esc goes back to the results and the search box
    await expect.poll(() => page.evaluate(() => document.activeElement?.matches('article.answer') ?? false)).toBe(true);
    await page.keyboard.press('m');
    await page.getByRole('button', { name: /Отмечен/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.hits').waitFor();
    await expect
      .poll(() =>
        page
          .locator('.hits li')
          .filter({ hasText: 'Как пересчитать пенсию' })
          .getByRole('button', { name: /Отмечен/ })
          .count(),
      )
      .toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');

    // an editor publishes a new answer meanwhile: the workstation says so
    await publish({ slug: 'pension-new', title: 'Новая выплата пенсионерам', body: 'С декабря пенсионерам выплачивают надбавку.', section: 'Пенсии' });
    await page.getByText('Обновлено ответов: 1').waitFor({ timeout: 10_000 });
    await screenshot(page, 'operator-talking');

    // a reload during the call brings back the call and the marks
    await page.reload();
    await card.getByRole('heading', { name: 'Разговор' }).waitFor();
    await page
      .locator('.hits li')
      .filter({ hasText: 'Как пересчитать пенсию' })
      .getByRole('button', { name: /Отмечен/ })
      .waitFor();

    await page.keyboard.press('F8');
    const form = page.getByRole('form', { name: 'Оформление звонка' });
    await form.waitFor();
    expect(await form.getByRole('checkbox', { name: 'Пенсии' }).isChecked()).toBe(true);
    // no outcome is chosen for the operator: Enter without one says what is missing
    for (const o of ['Дан ответ', 'Нужно обращение', 'Переведён', 'Перезвонить', 'Связь прервалась']) expect(await form.getByRole('radio', { name: o }).isChecked()).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('outcome');
    await page.keyboard.press('Enter');
    await form.getByRole('alert').getByText('Выберите результат звонка.').waitFor();
    expect(await reviewer.get('/api/v1/calls/ws-call-1').then((r) => r.body.state)).not.toBe('ended');
    await form.getByRole('radio', { name: 'Дан ответ' }).check();
    await form.getByRole('textbox', { name: 'Заметка' }).fill('Объяснено, что заявление не нужно');
    await expect.poll(() => form.textContent()).toMatch(/Оформление: 0:0\d/);
    await screenshot(page, 'operator-wrap-up');
    await page.keyboard.press('Control+Enter');
    await page
      .getByText('Звонок оформлен.')
      .waitFor({ timeout: 5000 })
      .catch(async (e) => {
        throw new Error(`${e}\n${await page.locator('main').textContent()}`);
      });
    await page.getByRole('heading', { name: 'Ожидание звонка' }).waitFor();
    // the idle screen: the operator's day so far and the region's queue
    const idle = page.locator('section.idle');
    await expect.poll(() => idle.textContent()).toContain('Принято: 1 звонок');
    expect(await idle.textContent()).toMatch(/Средний разговор: 0:\d\d/);
    expect(await idle.textContent()).toContain('Никто не ждёт');

    const record = await reviewer.get('/api/v1/calls/ws-call-1');
    expect(record.body).toMatchObject({ state: 'ended', outcome: 'answered', answersUsed: ['pension-recalc'], topics: ['Пенсии'] });
    expect((await app.db.query("SELECT state FROM cc_agents a JOIN users u ON u.id = a.user_id WHERE u.username = 'ivanova-77'")).rows[0]).toEqual({ state: 'ready' });
    expect(problems).toEqual([]);
  }, 60_000);

  it('says when its live feed is lost, greys out what needs the server, reconnects, and shows a call offered meanwhile', async () => {
    // (the same account through the API: the seat as it was when the line went)
    const api = await app.as('operator', '50', 'petrov-50');
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    // the operator's feed answers 502 (a proxy while the server restarts): EventSource gives up on it
    let refuse = true;
    await page.route('**/api/v1/agent/events', (route) => (refuse ? route.fulfill({ status: 502, body: 'Bad gateway' }) : route.continue()));
    await page.goto(`${app.url}/operator`);
    await fillSignIn(page, 'petrov-50', PASSWORD);
    await page.getByRole('alert').getByText('Нет связи с сервером…').waitFor();
    await page.getByText('Нет связи — переподключение').waitFor();
    // what needs the server waits: the buttons are greyed out, F2 does nothing
    expect(await page.getByRole('button', { name: /Готов/ }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: /Перерыв/ }).isDisabled()).toBe(true);
    await page.keyboard.press('F2');
    expect((await api.get('/api/v1/agent')).body.state).toBe('offline');

    expect((await api.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    await edge.post('/api/v1/telephony/events', { events: [offered('ws-call-2', '50', new Date(), { topic: 'Документы' }), event('ws-call-2', 'queued')] });
    await expect.poll(async () => (await reviewer.get('/api/v1/calls/ws-call-2')).body.state, { timeout: 10_000 }).toBe('ringing');
    expect(await page.locator('section.call').count()).toBe(0); // the offer went to a feed that is down

    refuse = false;
    await page.getByText('На связи').waitFor({ timeout: 15_000 });
    await page.getByRole('alert').getByText('Нет связи с сервером…').waitFor({ state: 'detached' });
    const card = page.locator('section.call');
    await card.getByRole('heading', { name: 'Входящий звонок' }).waitFor({ timeout: 10_000 });
    expect(await card.textContent()).toContain('Документы');

    // keys that make no sense now do nothing; a refusal is said in Russian
    await page.keyboard.press('F2');
    await page.keyboard.press('F3');
    await page.getByRole('group', { name: 'Причина перерыва' }).waitFor();
    await page.keyboard.press('1');
    await page.getByRole('alert').getByText('Вам звонят: сначала примите звонок (F4).').waitFor();
    await page.close();
  }, 60_000);

  it('says what is wrong when signing in fails, and keeps other roles out', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/operator`);
    await fillSignIn(page, 'ivanova-77', 'wrong-password');
    await page.getByRole('alert').getByText('Неверное имя или пароль.').waitFor();
    await app.user('editor', '77', 'editor-ws');
    await fillSignIn(page, 'editor-ws', PASSWORD);
    // (told so, with the way to the apps of their role)
    await page
      .getByRole('alert')
      .getByText(/не для вашей роли: вы вошли как редактор/)
      .waitFor();
    expect(await page.getByRole('link', { name: 'Редакция базы знаний' }).getAttribute('href')).toBe('/editor');
    expect(await page.getByRole('link', { name: 'Все приложения для сотрудников' }).getAttribute('href')).toBe('/staff');
  });
});
