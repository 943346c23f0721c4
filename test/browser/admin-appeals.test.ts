/// <reference lib="dom" />
// The admin app's «Обращения» in Chromium. A federal admin adds a field to the volunteer type: first
// a choice without options, refused by the API with its message next to the options and nothing
// kept; then with options, and the portal's form shows it. They make an organisation and route
// Moscow's volunteer enrolments to it: the next appeal filed through the API goes there. A region's
// admin sees their region's organisations only, reads the types without editing them, changes their
// organisation and attaches their officer. An operator is sent to their own app. axe-core finds
// nothing serious; nothing scrolls sideways at 360 px; screenshots at 1280 and 360 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/access/principal.ts';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshotsAt } from '../support/browser.ts';

describe.skipIf(!hasChromium)('admin app: appeal types, organisations, routes, officers (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await app.services.appealsCatalog.loadDemo(systemActor());
    await app.user('admin', 'federal', 'admin-fed');
    await app.user('admin', '78', 'admin-78');
    await app.user('operator', '77', 'operator-77');
    await app.services.users.create(systemActor(), { username: 'officer-78', displayName: 'Смирнова Анна', role: 'agency_officer', region: '78', password: PASSWORD });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.close();
  });

  /** A page signed in at /admin; bypassCSP: axe-core is a script the test puts into the page. */
  async function signIn(username: string, width = 1280): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'ru-RU', bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith(app.url) && !r.url().startsWith('data:')) problems.push(`foreign request ${r.url()}`);
    });
    await page.goto(`${app.url}/admin`);
    expect(await page.title()).toBe('Администрирование — Ответ');
    await fillSignIn(page, username, PASSWORD);
    (page as Page & { problems: string[] }).problems = problems;
    return page;
  }

  /** Both widths, nothing sideways at 360 px, and no serious finding of axe-core. */
  async function check(page: Page, name: string) {
    expect(await seriousViolations(page), name).toEqual([]);
    await screenshotsAt(page, name, { checkOverflow: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  const volunteerFields = async () => ((await app.client().get('/api/v1/appeal-types/volunteer')).body.fields as { code: string; options?: string[] }[]).map((f) => f.code);

  it('a federal admin adds a field to the volunteer type: refused without options (nothing kept), then saved, and the portal’s form shows it', async () => {
    const page = await signIn('admin-fed');
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Обращения' }).waitFor();
    const types = page.locator('table.types');
    await types.locator('tr[data-type="volunteer"]').waitFor();
    expect(await types.locator('tbody tr').count()).toBe(4);
    await check(page, 'admin-appeals-types');

    await page.getByRole('link', { name: 'Запись в добровольцы' }).click();
    await page.getByRole('heading', { name: 'Вид обращения «Запись в добровольцы»' }).waitFor();
    const before = await volunteerFields();
    expect(await page.locator('fieldset.field-card').count()).toBe(before.length);
    await page.getByRole('button', { name: 'Добавить поле' }).click();
    const card = page.locator('fieldset.field-card').last();
    // (the keyboard is on the new field's code)
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^type-fields-k\d+-code$/);
    await page.keyboard.type('shirt_size');
    await card.getByLabel('Подпись').fill('Размер футболки');
    await card.getByLabel('Вид поля').selectOption({ label: 'Выбор одного' });
    await page.getByRole('button', { name: 'Сохранить' }).click();

    // the API's message next to the options, and in the summary; nothing saved
    const options = card.getByLabel('Варианты, по одному в строке');
    await card.locator('.field-error').waitFor();
    expect(await card.locator('.field-error').textContent()).toContain('У поля выбора должен быть хотя бы один вариант.');
    expect(await options.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.summary').textContent()).toContain('Не сохранено: одна ошибка');
    expect(await volunteerFields()).toEqual(before);
    await check(page, 'admin-appeals-type-error');
    await page.locator('.summary').getByRole('button').click();
    expect(await options.evaluate((el) => el === document.activeElement)).toBe(true);

    await options.fill('S\nM\nL\nXL');
    await card.getByLabel('Подсказка').fill('Для формы добровольца');
    // moved up one place with the keyboard's button, which keeps the focus
    await card.getByRole('button', { name: 'Выше: поле «Размер футболки»' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Выше: поле «Размер футболки»');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('status').filter({ hasText: 'Вид обращения «Запись в добровольцы» сохранён.' }).waitFor();
    await expect.poll(volunteerFields).toEqual([...before.slice(0, -1), 'shirt_size', before[before.length - 1]]);
    const saved = (await app.client().get('/api/v1/appeal-types/volunteer')).body.fields.find((f: { code: string }) => f.code === 'shirt_size');
    expect(saved).toEqual({ code: 'shirt_size', label: 'Размер футболки', hint: 'Для формы добровольца', kind: 'choice', required: false, options: ['S', 'M', 'L', 'XL'] });

    const portal = await page.context().newPage();
    await portal.goto(`${app.url}/appeals/new/volunteer`);
    await portal.getByText('Размер футболки').first().waitFor();
    expect(await portal.getByLabel('XL').count()).toBe(1);
    await portal.close();
    expect((page as Page & { problems: string[] }).problems).toEqual([]);
  }, 120_000);

  it('a federal admin makes an organisation and routes Moscow’s volunteer enrolments to it: the next appeal goes there', async () => {
    const page = await signIn('admin-fed');
    await page.getByRole('link', { name: 'Организации' }).click();
    await page.locator('table.orgs tr[data-org="volunteers-77"]').waitFor();
    await page.getByRole('button', { name: 'Новая организация' }).click();
    const form = page.locator('#org-editor');
    await form.getByLabel('Код').fill('volunteers-77-south');
    await form.getByLabel('Название').fill('Центр добровольчества Южного округа');
    await form.getByLabel('Регион', { exact: true }).selectOption('77');
    await form.getByLabel('Электронная почта').fill('not an address');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.locator('.field-error').waitFor();
    expect(await form.locator('.field-error').textContent()).toContain('Нужен адрес электронной почты');
    expect((await app.db.query("SELECT 1 FROM ap_organisations WHERE code = 'volunteers-77-south'")).rows).toEqual([]);
    await form.getByRole('textbox', { name: 'Электронная почта' }).fill('south@agency.example');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('status').filter({ hasText: 'Организация «Центр добровольчества Южного округа» сохранена.' }).waitFor();
    await page.locator('tr[data-org="volunteers-77-south"]').waitFor();

    await page.getByRole('link', { name: 'Маршруты' }).click();
    await page.getByLabel('Вид обращения').first().selectOption({ label: 'Запись в добровольцы' });
    await page.getByLabel('Регион', { exact: true }).first().selectOption('77');
    const row = page.locator('table.routes tr[data-route="volunteer/77"]');
    await expect.poll(() => page.locator('table.routes tbody tr').count()).toBe(1);
    expect(await row.textContent()).toContain('Региональный центр добровольчества — Москва');
    await row.getByRole('button', { name: 'Изменить маршрут: Запись в добровольцы, 77 Москва' }).click();
    await row.getByLabel('Организация').selectOption({ label: 'Центр добровольчества Южного округа' });
    await check(page, 'admin-appeals-routes');
    await row.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('status').filter({ hasText: 'Маршрут сохранён' }).waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('Центр добровольчества Южного округа');

    const filed = await app.client().post('/api/v1/appeals', {
      type: 'volunteer',
      region: '77',
      name: 'Кузнецова Ольга',
      email: 'olga@example.ru',
      text: 'Хочу помогать в своём районе.',
      consent: true,
      values: { birth_date: '1992-04-01', directions: ['Помощь пожилым'] },
    });
    expect(filed.status, filed.text).toBe(201);
    expect(filed.body.organisation.code).toBe('volunteers-77-south');
    expect((page as Page & { problems: string[] }).problems).toEqual([]);
  }, 120_000);

  it('a region’s admin sees their region’s organisations only, reads the types, and attaches their officer', async () => {
    const page = await signIn('admin-78');
    await page.locator('table.types tr[data-type="volunteer"]').waitFor();
    expect(await page.getByText('Виды обращений общие для всей страны').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Новый вид обращения' }).count()).toBe(0);
    expect(await page.locator('table.types a').count()).toBe(0);

    await page.getByRole('link', { name: 'Организации' }).click();
    await page.getByRole('heading', { name: 'Организации региона 78 Санкт-Петербург' }).waitFor();
    const codes = await page.locator('table.orgs tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-org')));
    expect(codes.sort()).toEqual(['gov-78', 'mil-78', 'sfr-78', 'volunteers-78']);
    expect(await page.getByLabel('Регион', { exact: true }).count()).toBe(0);
    await page.getByLabel('Поиск').fill('добровол');
    await expect.poll(() => page.locator('table.orgs tbody tr').count()).toBe(1);
    await check(page, 'admin-appeals-organisations-78');
    await page.getByRole('button', { name: 'Изменить: Региональный центр добровольчества — Санкт-Петербург' }).click();
    await page.locator('#org-editor').getByLabel('Электронная почта').fill('dobro@spb.example');
    await page.locator('#org-editor').getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('status').filter({ hasText: 'сохранена' }).waitFor();
    expect((await app.db.query("SELECT email FROM ap_organisations WHERE code = 'volunteers-78'")).rows[0]).toEqual({ email: 'dobro@spb.example' });

    await page.getByRole('link', { name: 'Сотрудники ведомств' }).click();
    await page.getByLabel('Сотрудник ведомства').selectOption({ label: 'Смирнова Анна (officer-78, 78)' });
    await page.getByLabel('Организация').selectOption({ label: 'Отделение Социального фонда — Санкт-Петербург' });
    await page.getByRole('button', { name: 'Прикрепить' }).click();
    await page.getByRole('status').filter({ hasText: 'Смирнова Анна прикреплён(а) к организации «Отделение Социального фонда — Санкт-Петербург».' }).waitFor();
    await page.locator('table.officers tr[data-officer="officer-78"]').waitFor();
    expect(await page.locator('table.officers tr[data-officer="officer-78"]').textContent()).toContain('Отделение Социального фонда — Санкт-Петербург');
    const officers = (await (await app.as('admin', 'federal')).get('/api/v1/appeal-officers?region=78')).body.items;
    expect(officers.map((o: { username: string; organisation: { code: string } }) => [o.username, o.organisation.code])).toEqual([['officer-78', 'sfr-78']]);
    await check(page, 'admin-appeals-officers-78');
    expect((page as Page & { problems: string[] }).problems).toEqual([]);
  }, 120_000);

  it('an operator is given the shared wrong-app message, with links to their apps and /staff', async () => {
    const page = await signIn('operator-77', 360);
    await page.getByRole('alert').filter({ hasText: 'не для вашей роли' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('вы вошли как оператор');
    expect(await page.getByRole('link', { name: 'Рабочее место оператора' }).getAttribute('href')).toBe('/operator');
    expect(await page.getByRole('link', { name: 'Все приложения для сотрудников' }).getAttribute('href')).toBe('/staff');
    await check(page, 'admin-no-access');
  }, 60_000);
});
