/// <reference lib="dom" />
// The admin app's «Регионы», «Очереди» and «Меню IVR» in Chromium. A federal admin finds a region
// by name and by district, gives Moscow its own Monday hours and a service-level target (a close
// before the open and a target of 150 % refused at their fields first), with the federal values
// beside; changes a federal norm, which a region without its own then shows beside its field;
// changes the general queue's ring timeout (200 s refused at its field) and an overflow step's
// targets; and changes Moscow's voice menu (a digit used twice refused at the second item), the
// screen saying what a caller will hear. A region's admin sees and edits their region only.
// axe-core finds nothing serious; nothing scrolls sideways at 360 px; screenshots at 1280 and 360 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshotsAt } from '../support/browser.ts';
import { publish } from '../support/portal.ts';

interface Queue {
  id: number;
  name: string;
  ringTimeoutSeconds: number;
  escalation: { action: string; to?: string[] }[];
}

describe.skipIf(!hasChromium)('admin app: regions, queues, IVR menus (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let sections: string[];
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await app.user('admin', 'federal', 'admin-fed');
    await app.user('admin', '78', 'admin-78');
    // (a menu may name only the knowledge base's sections: one answer in each of the default menu's)
    const menu = await (await app.as('admin', 'federal')).get('/api/v1/regions/77/ivr-menu');
    sections = menu.body.items.map((i: { section: string }) => i.section);
    await publish(
      app,
      sections.map((section, i) => ({ slug: `settings-${i}`, section, title: `Ответ ${i}`, body: 'Текст ответа.' })),
    );
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.close();
  });

  async function signIn(username: string, width = 1280): Promise<Page & { problems: string[] }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'ru-RU', bypassCSP: true });
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

  async function check(page: Page, name: string) {
    expect(await seriousViolations(page), name).toEqual([]);
    await screenshotsAt(page, name, { checkOverflow: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  const section = (page: Page, name: string) => page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name }).click();
  const regionRows = (page: Page) => page.locator('table.regions tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-region')));
  const queues = async (region: string): Promise<Queue[]> => (await (await app.as('admin', 'federal')).get(`/api/v1/queues?region=${region}`)).body.items;

  it('a federal admin finds Moscow and gives it its own Monday hours and service-level target, refusals at their fields', async () => {
    const page = await signIn('admin-fed');
    await section(page, 'Регионы');
    await page.getByText('Показано: 85 регионов').waitFor();
    await check(page, 'admin-regions-list');
    await page.getByLabel('Название или код').fill('моск');
    await expect.poll(async () => new Set(await regionRows(page))).toEqual(new Set(['77', '50']));
    await page.getByLabel('Название или код').fill('');
    await page.getByLabel('Федеральный округ').selectOption({ label: 'Дальневосточный федеральный округ' });
    const far = await regionRows(page);
    expect(far).toContain('25');
    expect(far).not.toContain('77');
    await page.getByLabel('Федеральный округ').selectOption({ label: 'Все округа' });

    await page.getByRole('link', { name: 'Настройки: Москва' }).click();
    const form = page.locator('#region-editor');
    await form.getByRole('heading', { name: 'Регион 77 Москва' }).waitFor();
    expect(page.url()).toMatch(/#regions\/77$/);
    const monday = form.locator('fieldset[data-day="mon"]');
    const federal = (await (await app.as('admin', 'federal')).get('/api/v1/call-centre-defaults')).body;
    const mon = federal.hours.mon as { open: string; close: string } | null;
    expect(await monday.textContent()).toContain(`Федеральные: ${mon ? `${mon.open}–${mon.close}` : 'выходной'}`);
    await monday.getByLabel('Режим').selectOption({ label: 'Свои часы' });
    await monday.getByLabel('Открытие').fill('20:00');
    await monday.getByLabel('Закрытие').fill('08:00');
    const target = form.getByRole('textbox', { name: 'Уровень обслуживания, цель, %' });
    const targetControl = form.locator('.control').filter({ has: page.getByRole('textbox', { name: 'Уровень обслуживания, цель, %' }) });
    expect(await targetControl.textContent()).toContain(`Федеральное: ${Math.round(federal.norms.serviceLevelTarget * 100)} %`);
    await target.fill('150');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.locator('.summary').waitFor();
    expect(await form.locator('.summary').textContent()).toContain('ошибок — 2');
    expect(await monday.getByRole('textbox', { name: 'Закрытие' }).getAttribute('aria-invalid')).toBe('true');
    expect(await monday.textContent()).toContain('Закрытие должно быть позже открытия.');
    expect(await target.getAttribute('aria-invalid')).toBe('true');
    expect(await targetControl.textContent()).toContain('Число процентов от 0 до 100.');
    await check(page, 'admin-region-refused');

    await monday.getByRole('textbox', { name: 'Открытие' }).fill('08:00');
    await monday.getByRole('textbox', { name: 'Закрытие' }).fill('20:00');
    await target.fill('85');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('status').filter({ hasText: 'Настройки региона 77 Москва сохранены.' }).waitFor();
    expect(await target.getAttribute('aria-invalid')).toBeNull();
    expect(await targetControl.textContent()).toContain('своё значение');
    const saved = (await (await app.as('admin', 'federal')).get('/api/v1/regions/77/settings')).body;
    expect(saved.overrides).toEqual({ hours: { mon: { open: '08:00', close: '20:00' } }, norms: { serviceLevelTarget: 0.85 } });
    expect(saved.updatedBy).toBe('admin-fed');
    await page.reload();
    await form.getByText(/Изменено .*admin-fed/).waitFor();
    expect(await form.locator('fieldset[data-day="mon"]').getByLabel('Открытие').inputValue()).toBe('08:00');
    expect(await target.inputValue()).toBe('85');
    await check(page, 'admin-region-saved');
    // the region's own log: who changed its settings
    await form.getByRole('link', { name: 'Журнал изменений региона' }).click();
    await expect.poll(() => page.locator('table.audit tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))).toEqual(['settings.region_update']);
    expect(page.problems).toEqual([]);
  }, 120_000);

  it('a federal admin changes a federal norm (an empty one refused at its field); a region without its own shows the new one beside', async () => {
    const page = await signIn('admin-fed');
    await section(page, 'Регионы');
    await page.getByRole('link', { name: 'Федеральные значения' }).click();
    const form = page.locator('#defaults-editor');
    const asa = form.getByRole('textbox', { name: 'Среднее ожидание ответа, не более, секунд' });
    await asa.waitFor();
    const before = (await (await app.as('admin', 'federal')).get('/api/v1/call-centre-defaults')).body;
    expect(await asa.inputValue()).toBe(String(before.norms.maxAsaSeconds));
    // (the federal week has no «as the federal» day)
    expect(await form.locator('fieldset[data-day="mon"]').getByLabel('Режим').locator('option').allTextContents()).toEqual(['Свои часы', 'Выходной']);
    await asa.fill('');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.locator('.field-error').waitFor();
    expect(await asa.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.field-error').textContent()).toContain('Целое число секунд от 1 до 3600.');
    await check(page, 'admin-defaults-refused');
    await asa.fill(String(before.norms.maxAsaSeconds - 5));
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('status').filter({ hasText: 'Федеральные значения сохранены.' }).waitFor();
    const after = (await (await app.as('admin', 'federal')).get('/api/v1/call-centre-defaults')).body;
    expect(after).toEqual({ ...before, norms: { ...before.norms, maxAsaSeconds: before.norms.maxAsaSeconds - 5 } });

    await page.goto(`${app.url}/admin#regions/78`);
    const region = page.locator('#region-editor');
    const own = region.locator('.control').filter({ has: page.getByRole('textbox', { name: 'Среднее ожидание ответа, не более, секунд' }) });
    await own.waitFor();
    expect(await own.textContent()).toContain(`Федеральное: ${before.norms.maxAsaSeconds - 5} с`);
    expect(page.problems).toEqual([]);
  }, 120_000);

  it('a federal admin changes the general queue’s ring timeout (a bad one refused at its field) and where it overflows', async () => {
    const page = await signIn('admin-fed');
    await section(page, 'Очереди');
    await page.getByLabel('Регион').selectOption('77');
    expect(page.url()).toMatch(/#queues\/77$/);
    const general = (await queues('77')).find((q) => q.name === 'general')!;
    const row = page.locator(`table.queues tr[data-queue="${general.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(`${general.ringTimeoutSeconds} секунд`);
    await row.getByRole('button', { name: 'Изменить очередь «Общая очередь»' }).click();
    const form = page.locator('#queue-editor');
    const ring = form.getByRole('textbox', { name: 'Сколько звонит оператору, секунд' });
    await ring.fill('200');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.locator('.field-error').first().waitFor();
    expect(await ring.getAttribute('aria-invalid')).toBe('true');
    expect(
      await form
        .locator('.control')
        .filter({ has: page.getByRole('textbox', { name: 'Сколько звонит оператору, секунд' }) })
        .textContent(),
    ).toContain('Не больше 120.');
    await check(page, 'admin-queue-refused');

    await ring.fill('25');
    // the step that overflows when nobody is on the line: a neighbour first, then the reserve
    const step = form.locator('fieldset.step', { has: page.getByLabel('Сразу, если в регионе нет операторов на линии', { exact: true }) }).first();
    expect(await step.getByLabel('Сразу, если в регионе нет операторов на линии').isChecked()).toBe(true);
    await step.getByLabel('Куда, по порядку').fill('50, резерв');
    await step.getByText('По порядку: 50 Московская область, федеральный резерв.').waitFor();
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('status').filter({ hasText: 'Очередь «Общая очередь» сохранена.' }).waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('25 секунд');
    expect(await row.textContent()).toContain('нет операторов: → 50, резерв');
    const after = (await queues('77')).find((q) => q.id === general.id)!;
    expect(after.ringTimeoutSeconds).toBe(25);
    expect(after.escalation.find((s) => s.action === 'overflow')?.to).toEqual(['50', 'federal']);
    await check(page, 'admin-queues-77');
    expect(page.problems).toEqual([]);
  }, 120_000);

  it('a federal admin changes Moscow’s voice menu (a digit used twice refused at its item), seeing what callers will hear', async () => {
    const page = await signIn('admin-fed');
    await section(page, 'Меню IVR');
    await page.getByLabel('Регион').selectOption('77');
    const form = page.locator('#ivr-editor');
    await form.getByText('Регион не задал своё меню').waitFor();
    const heard = form.locator('aside.heard');
    expect(await heard.textContent()).toContain('Выберите тему вашего вопроса.');
    expect(await heard.textContent()).toContain(`${sections[0]} — нажмите один.`);
    // (no greeting in the default menu: the edge plays none)
    expect(await heard.textContent()).not.toContain('Здравствуйте');
    await check(page, 'admin-ivr-default');

    const item = (n: number) => form.locator(`li.item[data-item="${n}"]`);
    await item(2).getByLabel('Цифра').selectOption('1');
    await form.getByLabel('Приветствие').fill('Здравствуйте, это линия 122.');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await item(2).locator('.field-error').waitFor();
    expect(await item(2).locator('.field-error').textContent()).toContain('Цифра 1 уже занята пунктом выше.');
    expect(await item(2).getByLabel('Цифра').getAttribute('aria-invalid')).toBe('true');
    expect(await item(1).locator('.field-error').count()).toBe(0);
    await check(page, 'admin-ivr-refused');

    // the second item becomes key 9's topic, the ninth item goes
    await item(9).getByRole('button', { name: 'Удалить: пункт 9' }).click();
    await item(2).getByLabel('Цифра').selectOption('9');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('status').filter({ hasText: 'Меню региона 77 Москва сохранено.' }).waitFor();
    expect(await heard.textContent()).toContain('Здравствуйте! Вы позвонили на единую горячую линию');
    expect(await heard.textContent()).toContain(`${sections[1]} — нажмите девять.`);
    const menu = (await (await app.as('admin', 'federal')).get('/api/v1/regions/77/ivr-menu')).body;
    expect(menu.stored).toBe(true);
    expect(menu.greeting).toBe('Здравствуйте, это линия 122.');
    expect(menu.items).toHaveLength(8);
    expect(menu.items[1]).toEqual({ digit: '9', section: sections[1] });
    await check(page, 'admin-ivr-saved');
    expect(page.problems).toEqual([]);
  }, 120_000);

  it('a region’s admin sees and edits their own region only', async () => {
    const page = await signIn('admin-78', 360);
    await section(page, 'Регионы');
    await expect.poll(() => regionRows(page)).toEqual(['78']);
    expect(await page.getByLabel('Федеральный округ').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Федеральные значения' }).count()).toBe(0);
    await check(page, 'admin-regions-78');
    await page.getByRole('link', { name: 'Настройки: Санкт-Петербург' }).click();
    await page.locator('#region-editor').getByRole('heading', { name: 'Регион 78 Санкт-Петербург' }).waitFor();
    // another region's settings are not theirs
    await page.goto(`${app.url}/admin#regions/77`);
    await page.getByRole('alert').waitFor();
    expect(await page.locator('#region-editor').count()).toBe(0);

    await section(page, 'Очереди');
    await page.locator('table.queues tbody tr').first().waitFor();
    expect(await page.getByLabel('Регион').count()).toBe(0);
    // the region's name follows the queues once the regions list has come
    await expect.poll(async () => new Set(await page.locator('table.queues tbody tr td:nth-child(2)').allTextContents())).toEqual(new Set(['78 Санкт-Петербург']));
    await check(page, 'admin-queues-78');

    await section(page, 'Меню IVR');
    await page.locator('#ivr-editor').getByRole('heading', { name: 'Меню IVR: 78 Санкт-Петербург' }).waitFor();
    await check(page, 'admin-ivr-78');
    expect(page.problems).toEqual([]);
  }, 120_000);
});
