/// <reference lib="dom" />
// A citizen's appeal on the public portal in Chromium with JavaScript off: a mobilisation complaint
// in Moscow, sent once with mistakes (the messages next to the fields, nothing typed lost), checked
// for ready answers, sent; the number and the code; the status; then an officer of the Moscow
// military commissariat takes and answers it on the officers' page (/agency), and the citizen reads
// the answer on the status page and in the notice in the demo mailbox (/demo/mailbox). axe-core
// finds nothing on the form, its error state and the status page; nothing scrolls sideways at
// 360 px; screenshots at 1280 and 360 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/access/principal.ts';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshotsAt, sitePage } from '../support/browser.ts';
import { publishDemo } from '../support/portal.ts';
import { until } from '../support/until.ts';

const ANSWER = 'Ваша жалоба рассмотрена. Отсрочка как отцу троих детей вам положена: повестка отозвана.\nПринесите в военный комиссариат свидетельства о рождении детей.';

describe.skipIf(!hasChromium)('appeals on the public portal (browser, no JavaScript)', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    // (demo mode without SMTP: the notices go to the demo mailbox)
    app = await startApp({}, { acd: false, demo: true });
    await app.services.appealsCatalog.loadDemo(systemActor());
    await publishDemo(app);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** No sideways scrolling at 360 px, measured in a context with JavaScript (the page itself has none). */
  const open = (width: number, javaScript: boolean) => sitePage(browser, app.url, { width, javaScript });
  const screenshots = (page: Page, name: string) => screenshotsAt(page, name, { checkOverflow: true });

  async function fits360(path: string) {
    const page = await open(360, true);
    await page.goto(app.url + path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), path).toBeLessThanOrEqual(0);
  }

  async function fillComplaint(page: Page, o: { name: string; email: string }) {
    await page.getByLabel('Регион').selectOption({ label: 'Москва' });
    await page.getByLabel('Фамилия, имя, отчество').fill(o.name);
    await page.getByLabel('Телефон').fill('+7 916 555-12-34');
    await page.getByLabel('Электронная почта').fill(o.email);
    await page.getByLabel('Отсрочка').check();
    await page.getByLabel('Военный комиссариат').fill('Военный комиссариат Тверского района');
    await page.getByLabel('Текст обращения').fill('Я отец троих детей, мне принесли повестку. Положена ли мне отсрочка от мобилизации? Прошу отозвать повестку.');
  }

  it('a citizen files a complaint, reads the number, the code and the status; an officer answers on /agency; the citizen reads the answer and its notice', async () => {
    const page = await open(1280, false);
    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: 'Обращения', exact: true }).click();
    await page.waitForURL(/\/appeals$/);
    await screenshots(page, 'appeals-list');
    await page.getByRole('link', { name: 'Подать обращение «Жалоба, связанная с мобилизацией»' }).click();
    await page.waitForURL(/\/appeals\/new\/mobilisation-complaint$/);

    // sent with mistakes: a name too short, no e-mail or address, no consent
    await page.getByLabel('Регион').selectOption({ label: 'Москва' });
    await page.getByLabel('Фамилия, имя, отчество').fill('П');
    await page.getByLabel('Текст обращения').fill('Повестка');
    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await page.getByRole('heading', { name: 'Проверьте, пожалуйста, форму' }).waitFor();
    const summary = page.locator('.error-summary');
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Укажите фамилию, имя и отчество (если есть).',
      'Укажите электронную почту или почтовый адрес: туда придёт ответ.',
      'Выберите один из вариантов.',
      'Опишите суть обращения (хотя бы 10 знаков).',
      'Без согласия на обработку персональных данных обращение не может быть рассмотрено.',
    ]);
    expect(await page.getByLabel('Фамилия, имя, отчество').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Фамилия, имя, отчество').inputValue()).toBe('П');
    expect(await page.getByLabel('Текст обращения').inputValue()).toBe('Повестка');
    expect(await page.getByLabel('Регион').inputValue()).toBe('77');
    // the summary's link takes the reader to the field
    await summary.getByRole('link', { name: 'Опишите суть обращения (хотя бы 10 знаков).' }).click();
    await page.waitForURL(/#f-text$/);
    await screenshots(page, 'appeals-form-errors');

    // corrected, then ready answers are looked for: nothing typed is lost
    await fillComplaint(page, { name: 'Петров Сергей Иванович', email: 'petrov@example.ru' });
    await page.getByRole('button', { name: 'Проверить, нет ли готового ответа' }).click();
    await page.getByRole('heading', { name: 'Возможно, здесь уже есть ответ на ваш вопрос' }).waitFor();
    const suggested = page.getByRole('link', { name: /Положена ли отсрочка от мобилизации отцу троих детей\?/ });
    expect(await suggested.getAttribute('target')).toBe('_blank');
    expect(await page.getByLabel('Фамилия, имя, отчество').inputValue()).toBe('Петров Сергей Иванович');
    expect(await page.getByLabel('Отсрочка').isChecked()).toBe(true);
    await screenshots(page, 'appeals-form-suggestions');

    await page.getByLabel(/^Я согласен\(на\) на обработку моих персональных данных/).check();
    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await page.getByRole('heading', { name: 'Обращение отправлено' }).waitFor();
    const number = (await page.locator('.receipt dd').first().textContent())!;
    const code = (await page.locator('.receipt dd.code').textContent())!;
    expect(number).toMatch(/^122-\d{4}-\d{6}$/);
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    expect(await page.locator('main').textContent()).toMatch(/Ответ должен быть дан до \d{1,2} [а-я]+ \d{4} г\./);
    expect(page.url()).not.toContain(code);
    await screenshots(page, 'appeals-filed');

    // the status: the number is filled in, the code is typed
    await page.getByRole('link', { name: 'Узнать статус обращения' }).click();
    await page.waitForURL(/\/appeals\/status\?number=/);
    expect(await page.getByLabel('Номер обращения').inputValue()).toBe(number);
    await page.getByLabel('Код для проверки статуса').fill(code);
    await page.getByRole('button', { name: 'Узнать статус' }).click();
    await page.getByRole('heading', { name: `Обращение № ${number}` }).waitFor();
    expect(await page.locator('.facts').textContent()).toContain('Зарегистрировано');
    expect(await page.locator('.facts').textContent()).toContain('Военный комиссариат — Москва');
    expect(page.url()).toBe(`${app.url}/appeals/status`);

    // an officer of Moscow's military commissariat takes it and answers on the officers' page
    const admin = await app.as('admin', 'federal');
    const officer = await app.user('agency_officer', '77');
    expect((await admin.put(`/api/v1/appeal-officers/${officer.id}`, { organisation: 'mil-77' })).status).toBe(204);
    const agency = await open(1280, true);
    await agency.goto(`${app.url}/agency`);
    await fillSignIn(agency, officer.username, PASSWORD);
    await agency.getByRole('link', { name: number }).click();
    await agency.getByText('Петров Сергей Иванович', { exact: true }).waitFor();
    await agency.getByRole('button', { name: 'Взять в работу' }).click();
    await agency.getByRole('status').filter({ hasText: 'Обращение взято в работу.' }).waitFor();
    await agency.getByRole('button', { name: 'Ответить' }).click();
    await agency.getByLabel('Текст ответа').fill(ANSWER);
    await agency.getByRole('button', { name: 'Отправить ответ' }).click();
    await agency.getByRole('dialog').getByRole('button', { name: 'Да, выполнить' }).click();
    await agency.getByRole('status').filter({ hasText: 'Ответ отправлен гражданину.' }).waitFor();

    // the citizen asks again and reads the answer, highlighted
    await page.goto(`${app.url}/appeals/status?number=${number}`);
    await page.getByLabel('Код для проверки статуса').fill(code);
    await page.getByRole('button', { name: 'Узнать статус' }).click();
    await page.getByRole('heading', { name: 'Ответ', exact: true }).waitFor();
    expect(await page.locator('.facts').textContent()).toContain('Дан ответ');
    expect(await page.locator('.answer-box .message-text').innerText()).toBe(ANSWER);
    await screenshots(page, 'appeals-status-answer');

    // and the notice in the demo mailbox, once the notifier has written it and the sender sent it
    const mailbox = await open(1280, false);
    const notice = mailbox.locator('article').filter({ hasText: `Ответ на ваше обращение № ${number}` });
    await until('the answer notice in the demo mailbox', async () => {
      await app.services.events.drain();
      await app.services.appealMail.tick();
      await mailbox.goto(`${app.url}/demo/mailbox`);
      return (await notice.count()) > 0 || undefined;
    });
    expect(await notice.textContent()).toContain('petrov@example.ru (заявителю)');
    expect(await notice.locator('pre').innerText()).toContain(ANSWER);

    // a wrong code: one message, not saying which of the two was wrong
    await page.goto(`${app.url}/appeals/status?number=${number}`);
    await page.getByLabel('Код для проверки статуса').fill('AAAAAAAA');
    await page.getByRole('button', { name: 'Узнать статус' }).click();
    expect(await page.locator('.error-summary').textContent()).toContain('Обращение с таким номером и кодом не найдено');
  }, 120_000);

  it('axe-core finds nothing on the list, the form, its error state, the status form and the status with an answer; nothing scrolls sideways at 360 px', async () => {
    const page = await open(1280, true);
    for (const path of ['/appeals', '/appeals/new/mobilisation-complaint', '/appeals/new/volunteer', '/appeals/status']) {
      expect((await page.goto(app.url + path))!.status(), path).toBe(200);
      expect(await axeViolations(page, 'minor'), path).toEqual([]);
      await fits360(path);
    }
    await page.goto(`${app.url}/appeals/new/volunteer`);
    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await page.getByRole('heading', { name: 'Проверьте, пожалуйста, форму' }).waitFor();
    expect(await axeViolations(page, 'minor'), 'the form with errors').toEqual([]);

    await page.goto(`${app.url}/appeals/new/volunteer`);
    await page.getByLabel('Регион').selectOption('77');
    await page.getByLabel('Фамилия, имя, отчество').fill('Орлова Анна');
    await page.getByLabel('Электронная почта').fill('orlova@example.ru');
    await page.getByLabel('Дата рождения').fill('1990-05-17');
    await page.getByLabel('Помощь пожилым').check();
    await page.getByLabel('Текст обращения').fill('Хочу помогать пожилым людям по выходным.');
    await page.getByLabel(/^Я согласен\(на\)/).check();
    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await page.getByRole('heading', { name: 'Обращение отправлено' }).waitFor();
    expect(await axeViolations(page, 'minor'), 'the page after filing').toEqual([]);
    const number = (await page.locator('.receipt dd').first().textContent())!;
    const code = (await page.locator('.receipt dd.code').textContent())!;
    const officer = await app.as('agency_officer', '77');
    expect((await (await app.as('admin', 'federal')).put(`/api/v1/appeal-officers/${officer.userId}`, { organisation: 'volunteers-77' })).status).toBe(204);
    expect((await officer.post(`/api/v1/appeals/${number}/actions`, { action: 'extend', days: 10, reason: 'Нужно уточнить расписание центра' })).status).toBe(204);
    expect((await officer.post(`/api/v1/appeals/${number}/actions`, { action: 'answer', text: 'Ждём вас в субботу в 10:00.' })).status).toBe(204);
    await page.goto(`${app.url}/appeals/status?number=${number}`);
    await page.getByLabel('Код для проверки статуса').fill(code);
    await page.getByRole('button', { name: 'Узнать статус' }).click();
    await page.getByRole('heading', { name: 'Ответ', exact: true }).waitFor();
    expect(await page.locator('.facts').textContent()).toContain('срок продлён');
    expect(await axeViolations(page, 'minor'), 'the status with an answer').toEqual([]);
  }, 120_000);
});
