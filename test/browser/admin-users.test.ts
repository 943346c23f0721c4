/// <reference lib="dom" />
// The admin app's «Пользователи», «Токены API» and «Журнал» in Chromium. A federal admin adds an
// operator: a login that is not one and a taken login are refused at the login's field, then the
// account is made and its password, shown once, signs in. They change the operator's role, make
// an API token for the account limited to telephony (the secret shown once beside a copy button
// works; revoked after a confirmation, it no longer does), disable another account and reset a
// password. The log, filtered by who, by action and by object, shows those acts in words. A
// region's admin sees their region's accounts only. axe-core finds nothing serious; nothing scrolls
// sideways at 360 px; screenshots at 1280 and 360 px. An operator gets the shared wrong-app message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshotsAt } from '../support/browser.ts';

describe.skipIf(!hasChromium)('admin app: users, API tokens, audit log (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let leaver: { id: number; username: string };
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await app.user('admin', 'federal', 'admin-fed');
    await app.user('admin', '78', 'admin-78');
    await app.user('operator', '77', 'operator-77');
    await app.user('operator', '78', 'operator-78');
    leaver = await app.user('supervisor', '77', 'leaver-77');
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.close();
  });

  /** A page signed in at /admin; bypassCSP: axe-core is a script the test puts into the page. */
  async function signIn(username: string, width = 1280): Promise<Page & { problems: string[] }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'ru-RU', bypassCSP: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    contexts.push(context);
    const page = (await context.newPage()) as Page & { problems: string[] };
    page.problems = [];
    page.on('pageerror', (e) => page.problems.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith(app.url) && !r.url().startsWith('data:')) page.problems.push(`foreign request ${r.url()}`);
    });
    await page.goto(`${app.url}/admin`);
    await fillSignIn(page, username, PASSWORD);
    return page;
  }

  /** Both widths, nothing sideways at 360 px, and no serious finding of axe-core. */
  async function check(page: Page, name: string) {
    expect(await seriousViolations(page), name).toEqual([]);
    await screenshotsAt(page, name, { checkOverflow: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  const section = (page: Page, name: string) => page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name }).click();
  const row = (page: Page, login: string) => page.locator(`table.users tr[data-user="${login}"]`);

  it('a federal admin adds an operator (refusals at the login’s field), changes the role, disables an account and resets a password', async () => {
    const page = await signIn('admin-fed');
    await section(page, 'Пользователи');
    await row(page, 'admin-fed').waitFor();
    expect(await row(page, 'operator-77').textContent()).toContain('Оператор');
    // (the region's name follows once the regions list has come)
    await expect.poll(async () => (await row(page, 'operator-77').textContent()) ?? '').toContain('77 Москва');
    await check(page, 'admin-users-list');
    await page.getByLabel('Поиск').fill('OPERATOR');
    await expect.poll(() => page.locator('table.users tbody tr').count()).toBe(2);
    await page.getByLabel('Поиск').fill('');

    await page.getByRole('button', { name: 'Новый пользователь' }).click();
    const form = page.locator('#user-editor');
    // (the new form's heading has the keyboard)
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('user-editor-title');
    await form.getByLabel('Логин').fill('a');
    await form.getByLabel('Имя').fill('Петрова Вера');
    await form.getByLabel('Роль').selectOption({ label: 'Оператор' });
    await form.getByLabel('Регион').selectOption('77');
    await form.getByRole('button', { name: 'Создать' }).click();
    const login = form.getByRole('textbox', { name: 'Логин' });
    await form.locator('.field-error').waitFor();
    expect(await form.locator('.field-error').textContent()).toContain('От 3 до 64 знаков');
    expect(await login.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.summary').textContent()).toContain('Не сохранено: одна ошибка');
    await check(page, 'admin-users-form-error');

    await login.fill('operator-77');
    await form.getByRole('button', { name: 'Создать' }).click();
    await expect.poll(async () => (await form.locator('.field-error').textContent()) ?? '').toContain('Этот логин уже занят.');

    await login.fill('petrova.v');
    await form.getByRole('button', { name: 'Создать' }).click();
    await page.getByRole('status').filter({ hasText: 'Учётная запись petrova.v создана.' }).waitFor();
    const once = page.locator('.once-secret');
    expect(await once.getByRole('heading').textContent()).toBe('Пароль для входа: petrova.v');
    expect(await once.textContent()).toContain('Он показан один раз');
    const password = (await once.locator('[data-secret]').textContent())!;
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect((await app.client().post('/api/v1/auth/login', { username: 'petrova.v', password })).status).toBe(200);
    await check(page, 'admin-users-password-once');
    await once.getByRole('button', { name: 'Закрыть' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Новый пользователь');
    expect(await page.locator('.once-secret').count()).toBe(0);
    expect(await row(page, 'petrova.v').textContent()).toContain('Оператор');

    await row(page, 'petrova.v').getByRole('button', { name: 'Изменить: Петрова Вера' }).click();
    await form.getByLabel('Роль').selectOption({ label: 'Старший смены' });
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('status').filter({ hasText: 'Учётная запись petrova.v сохранена.' }).waitFor();
    await expect.poll(async () => (await row(page, 'petrova.v').textContent()) ?? '').toContain('Старший смены');
    expect((await (await app.as('admin', 'federal')).get('/api/v1/users?role=supervisor')).body.items.map((u: { username: string }) => u.username)).toContain('petrova.v');

    await row(page, 'leaver-77')
      .getByRole('button', { name: /^Отключить/ })
      .click();
    await page.getByRole('status').filter({ hasText: 'Учётная запись leaver-77 отключена' }).waitFor();
    await expect.poll(() => row(page, 'leaver-77').count()).toBe(0);
    expect((await app.client().post('/api/v1/auth/login', { username: 'leaver-77', password: PASSWORD })).status).toBe(401);
    await page.getByLabel('Состояние').selectOption({ label: 'Отключённые' });
    await expect.poll(async () => (await row(page, 'leaver-77').textContent()) ?? '').toContain('отключена');
    expect(await page.locator('table.users tbody tr').count()).toBe(1);
    await check(page, 'admin-users-disabled');

    // a new password, asked first (Esc keeps the old one), then shown once
    await page.getByLabel('Состояние').selectOption({ label: 'Действующие' });
    await row(page, 'operator-77')
      .getByRole('button', { name: /^Сбросить пароль/ })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('прежний перестанет действовать');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect((await app.client().post('/api/v1/auth/login', { username: 'operator-77', password: PASSWORD })).status).toBe(200);
    await row(page, 'operator-77')
      .getByRole('button', { name: /^Сбросить пароль/ })
      .click();
    await check(page, 'admin-users-reset-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Сбросить пароль' }).click();
    await page.locator('.once-secret').getByRole('heading', { name: 'Пароль для входа: operator-77' }).waitFor();
    const fresh = (await page.locator('.once-secret [data-secret]').textContent())!;
    expect((await app.client().post('/api/v1/auth/login', { username: 'operator-77', password: PASSWORD })).status).toBe(401);
    expect((await app.client().post('/api/v1/auth/login', { username: 'operator-77', password: fresh })).status).toBe(200);
    expect(page.problems).toEqual([]);
  }, 180_000);

  it('a federal admin makes an API token for the operator, limited to telephony: the secret shown once works until revoked', async () => {
    const page = await signIn('admin-fed');
    await section(page, 'Токены API');
    await page.getByText('Токенов нет.').waitFor();
    await page.getByRole('button', { name: 'Новый токен' }).click();
    const form = page.locator('#token-editor');
    await form.getByRole('button', { name: 'Выпустить токен' }).click();
    await form.locator('.field-error').first().waitFor();
    expect(await form.getByRole('combobox', { name: 'Учётная запись' }).getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Название').fill('Адаптер АТС, Москва');
    await form.getByRole('combobox', { name: 'Учётная запись' }).selectOption({ label: 'operator-77 — operator-77, оператор, 77' });
    await form.getByLabel('Ограничение').selectOption({ label: 'Телефония (адаптер АТС, SIP-шлюз)' });
    // (who routes the calls is asked of a telephony token only)
    await form.getByLabel('Кто распределяет звонки').selectOption({ label: 'АТС: Ответ только записывает звонки' });
    await form.getByRole('button', { name: 'Выпустить токен' }).click();

    const once = page.locator('.once-secret');
    await once.getByRole('heading', { name: 'Секрет токена «Адаптер АТС, Москва»' }).waitFor();
    expect(await once.textContent()).toContain('больше он показан не будет');
    const secret = (await once.locator('[data-secret]').textContent())!;
    expect(secret).toMatch(/^otvet_/);
    await once.getByRole('button', { name: 'Копировать' }).click();
    await once.getByText('Скопировано.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await check(page, 'admin-tokens-secret');

    const machine = app.client();
    machine.token = secret;
    expect((await machine.get('/api/v1/auth/session')).status).toBe(200);
    // limited to telephony: the account's other rights are not the token's
    expect((await machine.get('/api/v1/regions/77/settings')).body.code).toBe('auth.token_scope');
    await once.getByRole('button', { name: 'Я сохранил секрет' }).click();
    expect(await page.locator('[data-secret]').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Новый токен');
    await page.reload();
    const token = page.locator('table.tokens tr[data-token="Адаптер АТС, Москва"]');
    await token.waitFor();
    const text = (await token.textContent())!;
    expect(text).toContain('Телефония (адаптер АТС, SIP-шлюз); звонки ведёт АТС');
    expect(text).toContain('выпустил admin-fed');
    expect(text).not.toContain('не использовался');
    expect(text).not.toContain(secret.slice(12));
    await check(page, 'admin-tokens-list');

    await token.getByRole('button', { name: 'Отозвать токен «Адаптер АТС, Москва»' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Отмена' }).click();
    expect((await machine.get('/api/v1/auth/session')).status).toBe(200);
    await token.getByRole('button', { name: 'Отозвать токен «Адаптер АТС, Москва»' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Отозвать' }).click();
    await page.getByRole('status').filter({ hasText: 'Токен «Адаптер АТС, Москва» отозван.' }).waitFor();
    expect((await machine.get('/api/v1/auth/session')).status).toBe(401);
    await page.getByLabel('Показывать отозванные').check();
    await expect.poll(async () => (await token.textContent()) ?? '').toContain('отозван');
    expect(page.problems).toEqual([]);
  }, 120_000);

  it('the log, filtered by who, by action and by object, shows those acts in words, newest first, a page at a time', async () => {
    const page = await signIn('admin-fed');
    await section(page, 'Журнал');
    await page.locator('table.audit tbody tr').first().waitFor();
    await page.getByLabel('Кто (логин)').fill('admin-fed');
    await page.getByLabel('Действие').selectOption({ label: 'Пользователи: все' });
    await page.getByRole('button', { name: 'Показать' }).click();
    const actions = () => page.locator('table.audit tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    await expect
      .poll(async () => {
        const shown = await actions();
        return shown.length > 0 && shown.every((a) => a?.startsWith('user.'));
      })
      .toBe(true);
    // (the reads — lists of accounts, this log's own reading — are left out unless asked for)
    expect(await actions()).not.toContain('user.list');
    const shown = await page.locator('table.audit tbody').textContent();
    for (const words of ['учётная запись создана', 'учётная запись изменена', 'учётная запись отключена', 'пароль сброшен', '«petrova.v»', '«leaver-77»']) expect(shown).toContain(words);
    // newest first: the password's reset came after the account was made
    const list = await actions();
    expect(list.indexOf('user.password_reset')).toBeLessThan(list.indexOf('user.create'));
    await check(page, 'admin-audit-users');

    await page.getByLabel('Действие').selectOption({ label: 'Все действия' });
    await page.getByLabel('Объект', { exact: true }).selectOption({ label: 'учётная запись' });
    await page.getByLabel('Номер объекта').fill(String(leaver.id));
    await page.getByRole('button', { name: 'Показать' }).click();
    await expect.poll(actions).toEqual(['user.disable']);
    expect(await page.locator('table.audit tbody').textContent()).toContain(`учётная запись №${leaver.id} «leaver-77»`);

    // the same from the account's row: its own log, by its link
    await section(page, 'Пользователи');
    await page.getByLabel('Состояние').selectOption({ label: 'Все' });
    await row(page, 'petrova.v').getByRole('link', { name: 'Журнал: Петрова Вера' }).click();
    // (her sign-in with the password shown once is hers too)
    await expect.poll(actions).toEqual(['user.update', 'auth.login', 'user.create']);
    expect(page.url()).toMatch(/#audit\/user\/\d+$/);
    expect(await page.getByLabel('Номер объекта').inputValue()).toBe(page.url().split('/').pop());
    expect(await page.getByLabel('Объект', { exact: true }).inputValue()).toBe('user');
    await section(page, 'Журнал');

    await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
    await page.getByLabel('Действие').selectOption({ label: 'токен API выпущен' });
    await page.getByRole('button', { name: 'Показать' }).click();
    await expect.poll(actions).toEqual(['token.create']);
    expect(await page.locator('table.audit tbody').textContent()).toContain('«Адаптер АТС, Москва»');

    // a period in the future has nothing; one ending before it starts is refused in words
    const day = (plus: number) => new Date(Date.now() + plus * 86400_000).toISOString().slice(0, 10);
    await page.getByLabel('С', { exact: true }).fill(day(2));
    await page.getByRole('button', { name: 'Показать' }).click();
    await page.getByText('Записей не найдено.').waitFor();
    await page.getByLabel('По', { exact: true }).fill(day(1));
    await page.getByRole('alert').filter({ hasText: 'Дата «по» раньше даты «с».' }).waitFor();

    // pages of 50, the second older than the first
    await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
    for (let i = 0; i < 30; i++) await (await app.as('admin', 'federal')).get('/api/v1/users');
    await page.getByLabel('Только изменения (без просмотров)').uncheck();
    await page.getByRole('button', { name: 'Показать' }).click();
    await expect.poll(actions).toContain('user.list');
    await page.getByText('Страница 1.').waitFor();
    const first = await page.locator('table.audit tbody tr').first().textContent();
    await page.getByRole('button', { name: 'Старее →' }).click();
    await page.getByText('Страница 2.').waitFor();
    expect(await page.locator('table.audit tbody tr').first().textContent()).not.toBe(first);
    await page.getByRole('button', { name: '← Новее' }).click();
    await page.getByText('Страница 1.').waitFor();
    expect(page.problems).toEqual([]);
  }, 120_000);

  it('a region’s admin sees and makes their region’s accounts only', async () => {
    const page = await signIn('admin-78', 360);
    await section(page, 'Пользователи');
    await row(page, 'operator-78').waitFor();
    const regions = () => page.locator('table.users tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('td:nth-child(4)')?.textContent));
    await expect.poll(async () => new Set(await regions())).toEqual(new Set(['78 Санкт-Петербург']));
    expect(await page.getByLabel('Регион').count()).toBe(0);
    await page.getByRole('button', { name: 'Новый пользователь' }).click();
    expect(await page.locator('#user-editor').getByLabel('Регион').inputValue()).toBe('78');
    await check(page, 'admin-users-78');
    expect(page.problems).toEqual([]);
  }, 60_000);

  it('an operator is given the shared wrong-app message', async () => {
    const page = await signIn('operator-78', 360);
    await page.getByRole('alert').filter({ hasText: 'не для вашей роли' }).waitFor();
    expect(await page.getByRole('link', { name: 'Рабочее место оператора' }).getAttribute('href')).toBe('/operator');
  }, 60_000);
});
