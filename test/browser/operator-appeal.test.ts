// The operator registers a citizen's appeal during a call, in Chromium: F10 on the call card opens
// the form (the call's region already chosen), the operator takes a volunteer enrolment down with
// the keyboard, sees the API's message next to a wrong date, fixes it and files with Ctrl+Enter; the
// number and the code stay on screen, to be read out, through the hang-up; the appeal is the
// operator channel's, linked to the call, and the code on screen is the one that opens its status;
// the wrap-up defaults to «Нужно обращение» with the number in the note. Esc asks before throwing
// away what was typed; the same appeal again is a duplicate with the first number.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/access/principal.ts';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshot } from '../support/browser.ts';
import type { Client } from '../support/http-client.ts';
import { edgeClient, event, offered } from '../support/telephony.ts';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

describe.skipIf(!hasChromium)('operator workstation: an appeal during a call (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let edge: Client;
  let officer: Awaited<ReturnType<TestApp['as']>>;
  let filedNumber = '';
  let filedCode = '';

  beforeAll(async () => {
    app = await startApp();
    edge = await edgeClient(app);
    await app.services.appealsCatalog.loadDemo(systemActor());
    // Moscow's volunteer enrolments are answered by volunteers-77; its officer reads them
    const admin = await app.as('admin', 'federal');
    officer = await app.as('agency_officer', '77');
    expect((await admin.put(`/api/v1/appeal-officers/${officer.userId}`, { organisation: 'volunteers-77' })).status).toBe(204);
    await app.user('operator', '77', 'smirnova-77');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function onCall(callId: string): Promise<Page> {
    // (bypassCSP: axe-core is a script the test puts into the page)
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
    await page.goto(`${app.url}/operator`);
    await fillSignIn(page, 'smirnova-77', PASSWORD);
    await page.getByRole('heading', { name: /Не в сети|Ожидание звонка/ }).waitFor();
    await page.keyboard.press('F2');
    await page.getByRole('heading', { name: 'Ожидание звонка' }).waitFor();
    const at = new Date(Date.now() - 8_000);
    await edge.post('/api/v1/telephony/events', { events: [offered(callId, '77', at, { topic: 'Добровольцы' }), event(callId, 'queued', at)] });
    const card = page.locator('section.call');
    await card.getByRole('heading', { name: 'Входящий звонок' }).waitFor({ timeout: 10_000 });
    await edge.post('/api/v1/telephony/events', { events: [event(callId, 'answered', new Date(), { operator: 'smirnova-77' })] });
    await card.getByRole('heading', { name: 'Разговор' }).waitFor();
    return page;
  }

  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

  /** axe-core's serious and critical findings inside one part of the page. */
  async function axeFindings(page: Page, part: Locator): Promise<string[]> {
    await page.addScriptTag({ content: axeSource });
    const handle = await part.elementHandle();
    return page.evaluate(async (el) => {
      const axe = (window as unknown as { axe: { run(ctx: Element, o: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const r = await axe.run(el!, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }, handle);
  }

  it('takes a volunteer enrolment down during the call: a message next to the wrong field, then the number and code; linked to the call; the wrap-up says an appeal', async () => {
    const page = await onCall('ap-call-1');
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && !m.text().includes('400') && problems.push(m.text()));

    await page.keyboard.press('F10');
    const form = page.getByRole('form', { name: 'Обращение гражданина' });
    await form.waitFor();
    // the type first, then the region: the call's
    await expect.poll(() => focusedId(page)).toBe('appeal-type');
    expect(await form.getByLabel('Регион').inputValue()).toBe('77');
    expect(await page.locator('.answers').isVisible()).toBe(false);
    await form.getByLabel('Вид обращения').selectOption('volunteer');
    // the type's fields and its consent text follow it; its file fields are not taken by phone
    await form.getByRole('group', { name: 'Чем готовы помогать' }).waitFor();
    expect(await form.locator('.consent-text').textContent()).toMatch(/152-ФЗ/);

    // Tab goes on in reading order: the region, the name, the phone, the e-mail
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('appeal-region');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('appeal-name');
    await page.keyboard.type('Кузнецова Анна Сергеевна');
    // Enter in a one-line box does not send a half-dictated appeal
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('appeal-phone');
    await page.keyboard.type('8 (916) 555-12-34');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('appeal-email');
    await page.keyboard.type('anna.kuznetsova@example.ru');
    expect(await form.locator('.field-error').count()).toBe(0);
    await screenshot(page, 'operator-appeal-form');

    // a birth date that makes her fourteen: the API refuses it
    await form.getByLabel('Дата рождения').fill('2012-04-01');
    await form.getByRole('checkbox', { name: 'Помощь пожилым' }).check();
    await form.getByRole('radio', { name: 'В выходные' }).check();
    // Enter in the text is a new line
    await form.getByLabel('Текст обращения').focus();
    await page.keyboard.type('Хочу помогать пожилым людям в своём районе.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Могу по выходным.');
    expect(await form.getByLabel('Текст обращения').inputValue()).toBe('Хочу помогать пожилым людям в своём районе.\nМогу по выходным.');
    await form.getByRole('checkbox', { name: 'Гражданин согласен на обработку персональных данных (текст прочитан)' }).check();
    await page.keyboard.press('Control+Enter');

    // the message stands next to the date, which takes the focus
    const dateError = form.locator('#appeal-values-birth_date-error');
    await dateError.waitFor();
    expect(await dateError.textContent()).toMatch(/Дата не может быть позже/);
    expect(await form.getByLabel('Дата рождения').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedId(page)).toBe('appeal-values-birth_date');
    expect(await form.getByRole('alert').textContent()).toContain('Исправьте отмеченные поля (1)');
    expect(await form.locator('.field-error').count()).toBe(1);
    await screenshot(page, 'operator-appeal-error');
    expect(await axeFindings(page, form)).toEqual([]);

    await form.getByLabel('Дата рождения').fill('1990-05-17');
    expect(await dateError.count()).toBe(0);
    await page.keyboard.press('Control+Enter');

    const done = page.locator('section.appeal-done');
    await done.getByRole('heading', { name: 'Обращение зарегистрировано' }).waitFor();
    const number = (await done.locator('.appeal-ids dd').first().textContent())!.trim();
    const code = (await done.locator('.appeal-ids dd.code').textContent())!.replace(/\s/g, '');
    expect(number).toMatch(/^122-\d{4}-\d{6}$/);
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    expect(await done.textContent()).toMatch(/Прочитать ещё раз/);
    expect(await done.textContent()).toContain('Ответ до');
    await screenshot(page, 'operator-appeal-filed');
    expect(await axeFindings(page, done)).toEqual([]);
    filedNumber = number;
    filedCode = code;

    // the appeal: the operator's channel, the call's id, the dictated data; the code on screen opens its status
    const a = await officer.get(`/api/v1/appeals/${number}`);
    expect(a.status, a.text).toBe(200);
    expect(a.body).toMatchObject({ channel: 'operator', callId: 'ap-call-1', type: 'volunteer', region: '77' });
    expect(a.body.personal).toMatchObject({
      name: 'Кузнецова Анна Сергеевна',
      email: 'anna.kuznetsova@example.ru',
      values: { birth_date: '1990-05-17', directions: ['Помощь пожилым'], availability: 'В выходные' },
    });
    expect(a.body.personal.phone).toMatch(/9165551234$/);
    expect((await app.client().post('/api/v1/appeals/status', { number, code })).status).toBe(200);

    // the caller hangs up: the code stays on screen; the wrap-up says an appeal, with its number
    await page.keyboard.press('F8');
    const wrap = page.getByRole('form', { name: 'Оформление звонка' });
    await wrap.waitFor();
    expect(await done.isVisible()).toBe(true);
    expect(await wrap.getByRole('radio', { name: 'Нужно обращение' }).isChecked()).toBe(true);
    expect(await wrap.getByRole('textbox', { name: 'Заметка' }).inputValue()).toBe(`Обращение № ${number}`);
    await screenshot(page, 'operator-appeal-wrap-up');
    await page.keyboard.press('Control+Enter');
    await page.getByText('Звонок оформлен.').waitFor({ timeout: 5000 });
    // (the panel goes with the wrap-up taken, in the render after the message: seen a moment late in CI)
    await done.waitFor({ state: 'detached', timeout: 5000 });
    await page.locator('.answers').waitFor({ timeout: 5000 });
    const call = (await app.db.query<{ outcome: string; note: string }>("SELECT outcome, note FROM cc_calls WHERE call_id = 'ap-call-1'")).rows[0];
    expect(call).toEqual({ outcome: 'appeal_needed', note: `Обращение № ${number}` });
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('asks before Esc throws away what was typed; the same appeal again, in the wrap-up, is a duplicate with the first number', async () => {
    expect(filedNumber).not.toBe('');
    const page = await onCall('ap-call-2');
    await page
      .locator('section.call')
      .getByRole('button', { name: /Обращение/ })
      .click();
    const form = page.getByRole('form', { name: 'Обращение гражданина' });
    await form.waitFor();
    await form.getByLabel('Фамилия, имя, отчество').fill('Кузнецова Анна Сергеевна');
    await page.keyboard.press('Escape');
    const confirm = form.getByRole('group', { name: 'Закрыть форму? Введённое не сохранится.' });
    await confirm.waitFor();
    await screenshot(page, 'operator-appeal-confirm');
    // Esc again: back to the form, nothing lost
    await page.keyboard.press('Escape');
    await expect.poll(() => confirm.count()).toBe(0);
    expect(await form.getByLabel('Фамилия, имя, отчество').inputValue()).toBe('Кузнецова Анна Сергеевна');
    await page.keyboard.press('Escape');
    await confirm.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Закрыть без сохранения');
    await page.keyboard.press('Enter');
    await expect.poll(() => form.count()).toBe(0);
    expect(await page.locator('.answers').isVisible()).toBe(true);

    // the caller asks at the end: the form from the wrap-up, the same enrolment as before
    await page.keyboard.press('F8');
    const wrap = page.getByRole('form', { name: 'Оформление звонка' });
    await wrap.waitFor();
    expect(await wrap.getByRole('radio', { name: 'Нужно обращение' }).isChecked()).toBe(false);
    await page.keyboard.press('F10');
    await form.waitFor();
    await form.getByLabel('Вид обращения').selectOption('volunteer');
    await form.getByLabel('Фамилия, имя, отчество').fill('Кузнецова Анна Сергеевна');
    // the wrap-up waits while the form is open
    await wrap.getByRole('radio', { name: 'Дан ответ' }).check();
    await page.keyboard.press('Control+Enter');
    await wrap.getByRole('alert').getByText('Сначала зарегистрируйте обращение или закройте его форму (Esc).').waitFor();
    await form.getByLabel('Электронная почта').fill('anna.kuznetsova@example.ru');
    await form.getByLabel('Дата рождения').fill('1990-05-17');
    await form.getByRole('checkbox', { name: 'Помощь пожилым' }).check();
    await form.getByLabel('Текст обращения').fill('Хочу помогать пожилым людям в своём районе.\nМогу по выходным.');
    await form.getByRole('checkbox', { name: /Гражданин согласен/ }).check();
    // Ctrl+Enter in the form files the appeal, not the wrap-up
    await page.keyboard.press('Control+Enter');
    const done = page.locator('section.appeal-done');
    await done.getByRole('heading', { name: 'Это обращение уже зарегистрировано' }).waitFor();
    expect(await done.locator('.appeal-ids dd').first().textContent()).toBe(filedNumber);
    // (its code again only when the first filing was minutes ago, and then the same one)
    const again = await done.locator('.appeal-ids dd.code').allTextContents();
    for (const c of again) expect(c.replace(/\s/g, '')).toBe(filedCode);
    // the operator chose «Дан ответ» by hand: that stays; the number goes into the note
    expect(await wrap.getByRole('radio', { name: 'Дан ответ' }).isChecked()).toBe(true);
    expect(await wrap.getByRole('textbox', { name: 'Заметка' }).inputValue()).toBe(`Обращение № ${filedNumber}`);
    await screenshot(page, 'operator-appeal-duplicate');
    await done.getByRole('button', { name: 'Закрыть' }).click();
    expect(await page.locator('.answers').isVisible()).toBe(true);
    await page.close();
  }, 90_000);
});
