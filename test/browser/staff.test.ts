/// <reference lib="dom" />
// The first ten minutes of a staff member, in Chromium: the portal's footer leads to /staff; a
// supervisor signs in there once and finds their apps as cards (and only theirs), follows one and is
// in it without signing in again; an agency officer sees only the appeals app, and in the
// workstation (not theirs) is told so with the way to their own; a coordinator gets the apps that
// watch the line and the editors'; an editor gets theirs and the reports (for the navigator's). In demo mode an operator rings themselves a test call from the
// idle screen, answers it, hangs up and wraps it up. axe-core finds nothing serious; screenshots at
// 1280 and 360 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshotsAt } from '../support/browser.ts';

describe.skipIf(!hasChromium)('the staff landing page and the test call (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startApp({}, { demo: true });
    await app.user('supervisor', '77', 'smirnova-77');
    await app.user('agency_officer', '77', 'volkov-agency');
    await app.user('coordinator', 'federal', 'orlova-coordinator');
    await app.user('operator', '78', 'petrov-78');
    await app.user('editor', 'federal', 'sokolova-editor');
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.close();
  });

  /** A fresh browser (no session) at 1280 px, with what went wrong in it collected. */
  async function freshPage(): Promise<{ page: Page; problems: string[] }> {
    // bypassCSP: axe-core is injected by the test as an inline script
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU', bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('request', (r) => !r.url().startsWith(app.url) && !r.url().startsWith('data:') && problems.push(`foreign request ${r.url()}`));
    return { page, problems };
  }

  async function signIn(page: Page, username: string, heading = 'Вход для сотрудников') {
    await page.getByRole('heading', { name: heading }).waitFor();
    await fillSignIn(page, username, PASSWORD);
  }

  const cards = (page: Page) => page.locator('.staff-apps a').allTextContents();

  it('leads from the portal to /staff, where a supervisor finds their apps and opens one', async () => {
    const { page, problems } = await freshPage();
    await page.goto(`${app.url}/`);
    const link = page.getByRole('contentinfo').getByRole('link', { name: 'Вход для сотрудников' });
    expect(await link.getAttribute('href')).toBe('/staff');
    await link.click();
    await signIn(page, 'smirnova-77');
    await page.getByRole('heading', { name: 'Ваши приложения' }).waitFor();
    expect(await cards(page)).toEqual(['Рабочее место оператора', 'Старший смены', 'Координационный центр', 'Отчёты']);
    // each card is one link, named by its app and described by what it is for
    const wallboard = page.getByRole('link', { name: 'Координационный центр', exact: true });
    expect(await wallboard.getAttribute('href')).toBe('/wallboard');
    expect(await wallboard.getAttribute('aria-describedby')).toBe('app-wallboard');
    // the first app has the focus: Tab walks to the next, Enter opens it
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/operator');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshotsAt(page, 'staff-supervisor', { checkOverflow: true });

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/supervisor');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${app.url}/supervisor`);
    // signed in already: the app itself, not its sign-in
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    expect(await page.getByLabel('Пароль').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows an agency officer their one app, and in the workstation the way to it', async () => {
    const { page, problems } = await freshPage();
    await page.goto(`${app.url}/staff`);
    await signIn(page, 'volkov-agency');
    await page.getByRole('heading', { name: 'Ваши приложения' }).waitFor();
    expect(await cards(page)).toEqual(['Обращения граждан']);

    await page.goto(`${app.url}/operator`);
    await page.getByRole('alert').filter({ hasText: 'не для вашей роли' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('сотрудник ведомства');
    expect(await page.getByRole('link', { name: 'Обращения граждан' }).getAttribute('href')).toBe('/agency');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshotsAt(page, 'staff-wrong-app', { checkOverflow: true });
    await page.getByRole('link', { name: 'Все приложения для сотрудников' }).click();
    await page.getByRole('heading', { name: 'Ваши приложения' }).waitFor();
    expect(problems).toEqual([]);
  }, 60_000);

  it('gives a coordinator the apps that watch the line and the editors’ app', async () => {
    const { page } = await freshPage();
    await page.goto(`${app.url}/staff`);
    await signIn(page, 'orlova-coordinator');
    await page.getByRole('heading', { name: 'Ваши приложения' }).waitFor();
    expect(await cards(page)).toEqual(['Старший смены', 'Координационный центр', 'Отчёты', 'Редакция базы знаний']);
  }, 60_000);

  it('gives an editor the reports (the navigator’s) and the editors’ app', async () => {
    const { page } = await freshPage();
    await page.goto(`${app.url}/staff`);
    await signIn(page, 'sokolova-editor');
    await page.getByRole('heading', { name: 'Ваши приложения' }).waitFor();
    expect(await cards(page)).toEqual(['Отчёты', 'Редакция базы знаний']);
  }, 60_000);

  it('in demo mode, rings the operator a test call from the idle screen, which they answer and wrap up', async () => {
    const { page, problems } = await freshPage();
    await page.goto(`${app.url}/operator`);
    await signIn(page, 'petrov-78', 'Рабочее место оператора');
    await page.getByRole('heading', { name: 'Не в сети' }).waitFor();
    // not ready: the button waits for «Готов»
    expect(await page.getByRole('button', { name: 'Тестовый звонок' }).isDisabled()).toBe(true);
    await page.keyboard.press('F2');
    await page.getByRole('heading', { name: 'Ожидание звонка' }).waitFor();
    // (the workstation is laid out for a desk's screen: at 360 px it scrolls sideways, as it did before)
    await screenshotsAt(page, 'operator-test-call-idle');
    await page.getByRole('button', { name: 'Тестовый звонок' }).click();

    const card = page.locator('section.call');
    await card.getByRole('heading', { name: 'Входящий звонок' }).waitFor({ timeout: 10_000 });
    expect(await card.textContent()).toContain('***');
    await page.keyboard.press('F4');
    await card.getByRole('heading', { name: 'Разговор' }).waitFor();
    await page.keyboard.press('F8');
    const form = page.getByRole('form', { name: 'Оформление звонка' });
    await form.waitFor();
    await form.getByRole('radio', { name: 'Дан ответ' }).check();
    await page.keyboard.press('Control+Enter');
    await page.getByText('Звонок оформлен.').waitFor();
    await page.getByRole('heading', { name: 'Ожидание звонка' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const calls = await app.db.query<{ call_id: string; state: string; outcome: string }>(
      "SELECT c.call_id, c.state, c.outcome FROM cc_calls c JOIN users u ON u.id = c.operator_id WHERE u.username = 'petrov-78'",
    );
    expect(calls.rows).toEqual([{ call_id: expect.stringMatching(/^test-/), state: 'ended', outcome: 'answered' }]);
    expect(problems).toEqual([]);
  }, 60_000);
});
