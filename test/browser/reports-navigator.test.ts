/// <reference lib="dom" />
// The navigator's report in the reports app, in Chromium: after a visitor of 78 walked the portal's
// wizard, two left it, an operator of 77 walked the panel and wrapped a call up with measures, the
// coordinator reads «Навигатор»: the measures found by channel with their regions, the questions
// people leave; one region chosen; a region's supervisor sees theirs only; an editor has that one
// section and no other (the calls' reports are not theirs). At 1280 and 360 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshotsAt } from '../support/browser.ts';
import { callWithMeasures, MOBILIZED, VOLUNTEER, walkPanel, walkPortal } from '../support/navigator-walks.ts';
import { readDemoNavigator } from '../../src/navigator/index.ts';

const INJURY = readDemoNavigator().measures.find((m) => m.id === 'sm-injury-payments')!.title;

describe.skipIf(!hasChromium)('reports: the navigator (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let firstVar = '';
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await app.user('coordinator', 'federal', 'nav-reader');
    await app.user('supervisor', '78', 'nav-78');
    await app.user('editor', 'federal', 'nav-editor');
    firstVar = (await walkPortal(app, VOLUNTEER, { region: '78' }))[0]!;
    await walkPortal(app, VOLUNTEER, { leaveAt: 0 });
    await walkPortal(app, VOLUNTEER, { leaveAt: 0 });
    const op = await app.as('operator', '77');
    await walkPanel(op, MOBILIZED);
    await callWithMeasures(app, op, '77', ['sm-injury-payments']);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(username: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('request', (r) => !r.url().startsWith(app.url) && problems.push(`foreign request ${r.url()}`));
    await page.goto(`${app.url}/reports#navigator`);
    await fillSignIn(page, username, PASSWORD);
    await page.locator('table.nav-measures').waitFor();
    return { page, problems };
  }

  const cells = (page: Page, selector: string) => page.locator(`${selector} td`).allTextContents();

  it('shows the measures found by channel with their regions, and the questions people leave', async () => {
    const { page, problems } = await open('nav-reader');
    expect(await page.getByRole('button', { name: 'Навигатор' }).getAttribute('aria-pressed')).toBe('true');
    // three started on the portal and one with the operator; two results
    expect(await page.locator('.navigator .figure').allTextContents()).toEqual(['Начали подбор4', 'Дошли до результата2', 'Из них на портале1', 'С оператором1']);
    const injury = await cells(page, 'table.nav-measures tr[data-measure="sm-injury-payments"]');
    expect(injury).toEqual([INJURY, '1', '0', '1', '2', '77 1, 78 1']);
    // the first question: shown four times, answered twice (the volunteer and the operator)
    const first = page.locator('table.nav-questions tbody tr').first();
    expect(await first.getAttribute('data-question')).toBe(firstVar);
    expect((await first.locator('td').allTextContents()).slice(1)).toEqual(['4', '2', '2', '50 %']);
    expect(await page.getByRole('columnheader', { name: 'Найдена подходящей' }).count()).toBe(1);
    await screenshotsAt(page, 'reports-navigator', { checkOverflow: true });

    // region 78 only: the portal's volunteer
    await page.getByLabel('Регион').selectOption('78');
    await page.getByRole('button', { name: 'Показать' }).click();
    await expect.poll(async () => (await page.locator('.navigator .figure').first().textContent()) ?? '').toBe('Начали подбор1');
    expect(await cells(page, 'table.nav-measures tr[data-measure="sm-injury-payments"]')).toEqual([INJURY, '1', '0', '0', '1']);
    expect(problems).toEqual([]);
  }, 60_000);

  it("a region's supervisor reads their region's counts, without a region to choose", async () => {
    const { page, problems } = await open('nav-78');
    expect(await page.getByLabel('Регион').count()).toBe(0);
    expect(await page.locator('.navigator .figure').first().textContent()).toBe('Начали подбор1');
    expect(await cells(page, 'table.nav-measures tr[data-measure="sm-injury-payments"]')).toEqual([INJURY, '1', '0', '0', '1']);
    await screenshotsAt(page, 'reports-navigator-78', { checkOverflow: true });
    expect(problems).toEqual([]);
  }, 60_000);

  it('an editor has the navigator only, not the reports of calls', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    // (asking for the period's report: the app opens their one section instead)
    await page.goto(`${app.url}/reports#period`);
    await fillSignIn(page, 'nav-editor', PASSWORD);
    await page.locator('table.nav-measures').waitFor();
    expect(await page.locator('nav.tabs button').allTextContents()).toEqual(['Навигатор']);
    expect(await page.locator('.navigator .figure').first().textContent()).toBe('Начали подбор4');
    expect(problems).toEqual([]);
  }, 60_000);
});
