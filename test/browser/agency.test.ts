/// <reference lib="dom" />
// The agency officer's app (/agency) in Chromium: an officer of Moscow's volunteer centre sees only
// their organisation's appeals (not another Moscow organisation's, not Saint Petersburg's), soonest
// due first, the overdue one highlighted; opens one (read once: each reading is audited), takes it,
// answers it with a photo; the citizen's status then shows the answer and its file. Rejecting on a
// ground of 59-FZ art. 11, redirecting, and a step refused because a colleague moved the appeal on
// (told in Russian); paging. axe-core finds nothing serious; screenshots of the list and an appeal
// at 1280 and 360 px, where nothing scrolls sideways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/access/principal.ts';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { EXE, PNG } from '../support/appeal-files.ts';
import { seriousViolations } from '../support/axe.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshotsAt } from '../support/browser.ts';
import type { Client } from '../support/http-client.ts';

const DAY = 86_400_000;
const ANSWER = 'Спасибо за готовность помогать! Ждём вас в субботу в 10:00 в центре на Тверской, 13.\nВозьмите паспорт.';

interface Filed {
  number: string;
  code: string;
}

describe.skipIf(!hasChromium)('the agency officer’s app (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let admin: Client;
  /** The app's clock runs this far from the real one (an appeal filed "40 days ago"). */
  let shift = 0;
  const contexts: BrowserContext[] = [];
  const filed: Record<'overdue' | 'fresh' | 'later' | 'toReject' | 'toRedirect' | 'otherOrg' | 'otherRegion', Filed> = {} as never;
  let officer: { id: number; username: string };

  let n = 0;
  async function file(region: string, type: string, name: string, extra: Record<string, unknown> = {}): Promise<Filed> {
    const values = type === 'volunteer' ? { birth_date: '1990-05-17', directions: ['Помощь пожилым', 'Донорство крови'], availability: 'В выходные' } : { subject: 'Благоустройство двора' };
    const r = await app
      .client()
      .post('/api/v1/appeals', { type, region, name, email: `citizen${++n}@example.ru`, text: `${name}: хочу помочь, прошу связаться со мной.`, consent: true, values, ...extra });
    expect(r.status, r.text).toBe(201);
    return r.body as Filed;
  }

  beforeAll(async () => {
    app = await startApp({}, { acd: false, clock: () => new Date(Date.now() + shift) });
    await app.services.appealsCatalog.loadDemo(systemActor());
    admin = await app.as('admin', 'federal');
    shift = -40 * DAY;
    filed.overdue = await file('77', 'volunteer', 'Соколова Ирина Павловна');
    shift = 0;
    filed.fresh = await file('77', 'volunteer', 'Кузнецов Андрей Викторович', {
      phone: '+7 916 555-12-34',
      email: 'kuznetsov@example.ru',
      files: [{ name: 'справка.png', content: PNG.toString('base64') }],
    });
    filed.later = await file('77', 'volunteer', 'Морозова Ольга Сергеевна');
    filed.toReject = await file('77', 'volunteer', 'Волков Пётр Ильич');
    filed.toRedirect = await file('77', 'volunteer', 'Зайцева Нина Юрьевна');
    // another Moscow organisation's, and the same type in another region: never shown
    filed.otherOrg = await file('77', 'state-question', 'Лебедев Максим Олегович');
    filed.otherRegion = await file('78', 'volunteer', 'Новикова Дарья Андреевна');
    officer = await app.user('agency_officer', '77', 'volunteers-officer');
    expect((await admin.put(`/api/v1/appeal-officers/${officer.id}`, { organisation: 'volunteers-77' })).status).toBe(204);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.close();
  });

  /** A signed-in officer's page, with what went wrong in it and the appeals it read, counted. */
  async function signedIn(width = 1280, username = officer.username): Promise<{ page: Page; problems: string[]; reads: string[] }> {
    // bypassCSP: axe-core is injected by the test as an inline script
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow', bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    const reads: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    // (the refusals the tests provoke are logged by the browser as failed loads)
    page.on('console', (m) => m.type() === 'error' && !/status of 40[049]/.test(m.text()) && problems.push(m.text()));
    page.on('request', (r) => {
      if (!r.url().startsWith(app.url) && !r.url().startsWith('data:')) problems.push(`foreign request ${r.url()}`);
      const m = /\/api\/v1\/appeals\/(122-\d{4}-\d{6})$/.exec(r.url());
      if (m && r.method() === 'GET') reads.push(m[1]!);
    });
    await page.goto(`${app.url}/agency`);
    await fillSignIn(page, username, PASSWORD);
    await page.getByRole('heading', { name: 'Обращения организации' }).waitFor();
    return { page, problems, reads };
  }

  const rows = (page: Page) => page.locator('table.ag-table tbody tr');
  const numbers = async (page: Page) => (await rows(page).locator('a.ag-number').allTextContents()).map((s) => s.trim());

  /** The page at both widths, nothing sideways at 360 px. */
  async function screenshots(page: Page, name: string) {
    await screenshotsAt(page, name, { checkOverflow: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  /** The step's button, the form's fields as `fill` says, the confirmation if asked, and the notice. */
  async function confirmAndWait(page: Page, notice: string) {
    const dialog = page.getByRole('dialog', { name: 'Подтверждение' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Да, выполнить' }).click();
    await page.getByRole('status').filter({ hasText: notice }).waitFor();
  }

  it('the list: only the organisation’s appeals in the region, soonest due first, the overdue one highlighted; filters', async () => {
    const { page, problems } = await signedIn();
    await rows(page).first().waitFor();
    await expect.poll(() => numbers(page)).toEqual([filed.overdue.number, filed.fresh.number, filed.later.number, filed.toReject.number, filed.toRedirect.number]);
    // (the names come with the catalogue, read beside the list)
    await page.getByText('Организация: Региональный центр добровольчества — Москва').waitFor();
    // the overdue one: marked in words and colour, with the days it is late
    const late = rows(page).filter({ hasText: filed.overdue.number });
    expect(await late.getAttribute('class')).toContain('row--overdue');
    expect(await late.textContent()).toMatch(/Просрочено\s*на 10 дней/);
    expect(await late.textContent()).toContain('Запись в добровольцы');
    expect(await late.textContent()).toContain('Зарегистрировано');
    // masked appellant; the others due in 30 days
    expect(await late.textContent()).toContain('С*** И. П.');
    expect(await late.textContent()).not.toContain('Соколова');
    const fresh = rows(page).filter({ hasText: filed.fresh.number });
    expect(await fresh.getAttribute('class')).toBeNull();
    expect(await fresh.textContent()).toContain('осталось 30 дней');
    await screenshots(page, 'agency-list');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Срок').selectOption({ label: 'Просроченные' });
    await expect.poll(() => numbers(page)).toEqual([filed.overdue.number]);
    await page.getByLabel('Срок').selectOption({ label: 'Истекает в ближайшие 3 дня' });
    await expect.poll(() => numbers(page)).toEqual([filed.overdue.number]);
    await page.getByLabel('Срок').selectOption({ label: 'Любой' });
    await page.getByLabel('Статус').selectOption({ label: 'Дан ответ' });
    await page.getByText('Нет обращений, подходящих под отбор.').waitFor();
    expect(problems).toEqual([]);
  }, 90_000);

  it('an appeal: read once; taken, answered with a photo; the citizen’s status then shows the answer', async () => {
    const { page, problems, reads } = await signedIn();
    await page.getByRole('link', { name: filed.fresh.number }).click();
    const heading = page.getByRole('heading', { name: `Обращение № ${filed.fresh.number}` });
    await heading.waitFor();
    await page.getByText('Кузнецов Андрей Викторович', { exact: true }).waitFor();
    // the keyboard starts at the heading
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ag-appeal-h');
    const main = page.locator('main');
    expect(await main.textContent()).toContain('Телефон+7 916 555-12-34');
    expect(await main.textContent()).toContain('kuznetsov@example.ru');
    // the type's fields by their labels, with the values
    const content = page.getByRole('region', { name: 'Обращение' });
    await content.getByText('Дата рождения').waitFor();
    expect(await content.textContent()).toContain('Дата рождения17.05.1990');
    expect(await content.textContent()).toContain('Чем готовы помогатьПомощь пожилым, Донорство крови');
    expect(await content.textContent()).toContain('Кузнецов Андрей Викторович: хочу помочь');
    const file = page.getByRole('link', { name: 'Скачать «справка.png»' });
    expect(await file.getAttribute('href')).toMatch(new RegExp(`^/api/v1/appeals/${filed.fresh.number}/files/\\d+$`));
    expect(await file.getAttribute('download')).toBe('справка.png');
    expect(await page.getByRole('region', { name: 'История' }).textContent()).toContain('Зарегистрировано (API)');
    // only what its status allows: no closing an appeal not yet answered
    const actions = page.getByRole('region', { name: 'Действия' });
    expect(await actions.getByRole('button').allTextContents()).toEqual(['Взять в работу', 'Ответить', 'Продлить срок', 'Перенаправить', 'Оставить без ответа по существу', 'Комментарий']);
    await screenshots(page, 'agency-appeal');
    expect(await seriousViolations(page)).toEqual([]);
    expect(reads).toEqual([filed.fresh.number]);

    await actions.getByRole('button', { name: 'Взять в работу' }).click();
    await page.getByRole('status').filter({ hasText: 'Обращение взято в работу.' }).waitFor();
    await expect.poll(async () => page.locator('.ag-appeal__facts').textContent()).toContain('В работе');
    expect(await actions.getByRole('button', { name: 'Взять в работу' }).count()).toBe(0);

    await actions.getByRole('button', { name: 'Ответить' }).click();
    await page.getByLabel('Текст ответа').fill(ANSWER);
    await page.getByLabel('Файлы к ответу').setInputFiles({ name: 'схема проезда.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('схема проезда.png (1 КБ)').waitFor();
    await screenshots(page, 'agency-answer-form');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Отправить ответ' }).click();
    await confirmAndWait(page, 'Ответ отправлен гражданину.');
    await expect.poll(async () => page.locator('.ag-appeal__facts').textContent()).toContain('Дан ответ');
    const comments = page.getByRole('region', { name: 'Переписка и комментарии' });
    await comments.getByText('ответ гражданину').waitFor();
    expect(await comments.locator('.ag-text').first().innerText()).toBe(ANSWER);
    await page.getByRole('link', { name: 'Скачать «схема проезда.png»' }).waitFor();
    expect(await page.getByRole('region', { name: 'История' }).textContent()).toContain('Дан ответ, файлов: 1');
    // answered: now it may be closed, and no longer answered again
    expect(await actions.getByRole('button').allTextContents()).toEqual(['Завершить рассмотрение', 'Комментарий']);
    await screenshots(page, 'agency-appeal-answered');
    // read on opening and after each of the two steps: never otherwise
    expect(reads).toEqual([filed.fresh.number, filed.fresh.number, filed.fresh.number]);
    const audited = await admin.get('/api/v1/audit?action=appeal.read_personal&limit=1000');
    expect(audited.body.items.filter((x: { target: { id: string } }) => x.target.id === filed.fresh.number)).toHaveLength(3);

    // the citizen reads the answer and its file with the number and the code
    const status = await app.client().post('/api/v1/appeals/status', filed.fresh);
    expect(status.status, status.text).toBe(200);
    expect(status.body).toMatchObject({ status: 'answered', statusText: 'Дан ответ' });
    expect(status.body.messages).toMatchObject([{ answer: true, text: ANSWER, files: [{ name: 'схема проезда.png', contentType: 'image/png' }] }]);

    // back to the list: the answered appeal is no longer among the open ones, the keyboard where it was
    await page.getByRole('link', { name: '← К списку обращений' }).click();
    await rows(page).first().waitFor();
    await expect.poll(() => numbers(page)).not.toContain(filed.fresh.number);
    expect(problems).toEqual([]);
  }, 120_000);

  it('rejecting on a ground of art. 11 (the citizen told it), redirecting; an answer’s file and a step a colleague made stale, refused in Russian', async () => {
    const { page, problems } = await signedIn();
    await page.goto(`${app.url}/agency#/${filed.toReject.number}`);
    const actions = page.getByRole('region', { name: 'Действия' });
    await actions.getByRole('button', { name: 'Оставить без ответа по существу' }).click();
    await page.getByLabel('Основание (ст. 11 59-ФЗ)').selectOption({ label: 'Суть обращения не ясна (ч. 4.1)' });
    expect(await page.locator('.ag-told').textContent()).toContain('Текст обращения не позволяет определить его суть (ст. 11 ч. 4.1 59-ФЗ).');
    await page.getByLabel('Пояснение (необязательно)').fill('Уточните, пожалуйста, какая помощь вам нужна.');
    await page.getByRole('button', { name: 'Оставить без ответа', exact: true }).click();
    // asked first; cancelled, nothing happens
    await page.getByRole('dialog').getByRole('button', { name: 'Отмена' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.getByRole('button', { name: 'Оставить без ответа', exact: true }).click();
    await confirmAndWait(page, 'гражданину сообщено основание');
    await expect.poll(async () => page.locator('.ag-appeal__facts').textContent()).toContain('Без ответа по существу');
    expect(await page.getByRole('region', { name: 'История' }).textContent()).toContain('Оставлено без ответа по существу: Суть обращения не ясна (ч. 4.1)');
    const told = await app.client().post('/api/v1/appeals/status', filed.toReject);
    expect(told.body.messages[0].text).toBe('Текст обращения не позволяет определить его суть (ст. 11 ч. 4.1 59-ФЗ).\nУточните, пожалуйста, какая помощь вам нужна.');

    // redirected to the federal agency: gone from this organisation's work
    await page.goto(`${app.url}/agency#/${filed.toRedirect.number}`);
    await actions.getByRole('button', { name: 'Перенаправить' }).click();
    await page.getByLabel('Организация').selectOption({ label: 'Федеральное агентство по делам молодёжи (Росмолодёжь)' });
    await page.getByRole('button', { name: 'Перенаправить', exact: true }).last().click();
    expect(await page.getByRole('dialog').textContent()).toContain('Перенаправить обращение в «Федеральное агентство по делам молодёжи (Росмолодёжь)»?');
    await confirmAndWait(page, 'Обращение перенаправлено.');
    expect(await page.getByRole('status').textContent()).toContain('больше не в вашем списке');
    expect(await actions.count()).toBe(0);

    // a program named as a photo: the API refuses the answer, saying why in Russian, and keeps nothing
    await page.goto(`${app.url}/agency#/${filed.later.number}`);
    await actions.getByRole('button', { name: 'Ответить' }).click();
    await page.getByLabel('Текст ответа').fill('Ответ с приложением.');
    await page.getByLabel('Файлы к ответу').setInputFiles({ name: 'приказ.png', mimeType: 'image/png', buffer: EXE });
    await page.getByRole('button', { name: 'Отправить ответ' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Да, выполнить' }).click();
    const notTaken = page.getByRole('alert').filter({ hasText: 'Не выполнено' });
    await notTaken.waitFor();
    expect(await notTaken.textContent()).toContain('Файлы не приняты.');
    expect(await notTaken.textContent()).toContain('«приказ.png»: можно приложить только фотографию (JPEG, PNG, GIF, WebP) или PDF.');
    expect(await page.locator('.ag-appeal__facts').textContent()).toContain('Зарегистрировано');
    expect((await app.client().post('/api/v1/appeals/status', filed.later)).body.messages).toEqual([]);

    // a colleague answers the overdue one through the API while this page still offers an extension
    await page.goto(`${app.url}/agency#/${filed.overdue.number}`);
    await actions.getByRole('button', { name: 'Продлить срок' }).click();
    const colleague = await app.as('agency_officer', '77');
    expect((await admin.put(`/api/v1/appeal-officers/${colleague.userId}`, { organisation: 'volunteers-77' })).status).toBe(204);
    expect((await colleague.post(`/api/v1/appeals/${filed.overdue.number}/actions`, { action: 'answer', text: 'Ответ дан по телефону и письмом.' })).status).toBe(204);
    await page.getByLabel('На сколько дней (от 1 до 30)').fill('10');
    await page.getByLabel('Причина продления (её сообщат гражданину)').fill('Нужно согласовать расписание');
    await page.getByRole('button', { name: 'Продлить', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Да, выполнить' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Не выполнено' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Этот шаг сейчас невозможен: статус обращения изменился.');
    expect(await refused.textContent()).toContain('appeal.invalid_step');
    // read again: shown as it is now, with what it allows now
    await expect.poll(async () => page.locator('.ag-appeal__facts').textContent()).toContain('Дан ответ');
    expect(await actions.getByRole('button').allTextContents()).toEqual(['Завершить рассмотрение', 'Комментарий']);
    await screenshots(page, 'agency-appeal-refused');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
  it('pages: 50 appeals at a time, «Показать ещё» reads the next (another organisation: the others’ lists stay as they were)', async () => {
    // Moscow's administration has the one state question filed above and 51 more
    for (let i = 1; i <= 51; i++) await file('77', 'state-question', `Горожанин Номер${i}`);
    const gov = await app.user('agency_officer', '77', 'gov-officer');
    expect((await admin.put(`/api/v1/appeal-officers/${gov.id}`, { organisation: 'gov-77' })).status).toBe(204);
    const { page, problems } = await signedIn(1280, gov.username);
    await page.getByText('Показано: 50').waitFor();
    expect(await rows(page).count()).toBe(50);
    expect((await numbers(page))[0]).toBe(filed.otherOrg.number);
    await page.getByRole('button', { name: 'Показать ещё' }).click();
    await page.getByText('Показано: 52').waitFor();
    expect(new Set(await numbers(page)).size).toBe(52);
    expect(await page.getByRole('button', { name: 'Показать ещё' }).count()).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
