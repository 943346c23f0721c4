/// <reference lib="dom" />
// The navigator of support measures on the public portal in Chromium: a volunteer's family member
// completes the wizard from the portal's menu with JavaScript off (as old phones may have it) and
// with it on, at 1280 and 360 px; a question sent without an answer says so beside it; an answer is
// changed from the result. axe-core finds nothing on the start, a question, its error state, the
// number question and the result; nothing scrolls sideways at 360 px; printed, the result keeps the
// measures and the answers without the menu. Screenshots go to screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { hasChromium, launchBrowser, screenshot, screenshotsAt, sitePage } from '../support/browser.ts';
import { publishDemo } from '../support/portal.ts';

/** A mobilised man's wife: a loan, two small children, one of them at a kindergarten, she works. */
const WIFE: Record<string, string> = {
  status: 'mobilized',
  applicant: 'family_member',
  is_injured: 'false',
  serviceman_was_employed: 'true',
  serviceman_is_entrepreneur: 'false',
  has_loan: 'true',
  has_mortgage: 'false',
  income_drop_30: 'false',
  has_children_under_18: 'true',
  children_under_16_count: '2',
  has_preschool_child: 'true',
  has_schoolchild: 'false',
  is_pregnant: 'false',
  low_income: 'false',
  is_employed: 'true',
  is_job_seeker: 'false',
  is_employer: 'false',
  age: '31',
  is_student_fulltime: 'false',
  works_in_accredited_it: 'false',
};

describe.skipIf(!hasChromium)('the navigator on the public portal (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await publishDemo(app);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const open = (width: number, javaScript: boolean) => sitePage(browser, app.url, { width, javaScript });
  const screenshots = (page: Page, name: string) => screenshotsAt(page, name, { checkOverflow: true });

  /** The question the page asks (its form's hidden field). */
  const asked = (page: Page) => page.locator('input[name="answered"]').getAttribute('value');

  /** Answers from the profile until the result; the vars asked, in order. */
  async function complete(page: Page, profile: Record<string, string>, shoot?: (v: string, page: Page) => Promise<void>): Promise<string[]> {
    const vars: string[] = [];
    while (!/\/navigator\/result\?/.test(page.url())) {
      const v = (await asked(page))!;
      vars.push(v);
      expect(vars.length, 'questions asked').toBeLessThanOrEqual(20);
      await shoot?.(v, page);
      const box = page.locator(`input[type="text"][name="${v}"]`);
      if (await box.count()) await box.fill(profile[v]!);
      else await page.locator(`input[name="${v}"][value="${profile[v]}"]`).check();
      await page.getByRole('button', { name: 'Продолжить' }).click();
      await page.waitForLoadState();
    }
    return vars;
  }

  it('completes the wizard without JavaScript from the portal’s menu; a missing answer is said beside the question; an answer is changed from the result', async () => {
    const page = await open(1280, false);
    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: 'Меры поддержки', exact: true }).click();
    await page.waitForURL(/\/navigator$/);
    await screenshots(page, 'navigator-start');
    await page.getByRole('link', { name: 'Начать' }).click();
    await page.waitForURL(/\/navigator\/questions$/);

    // sent without an answer: the message beside the question, and in the summary
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByRole('heading', { name: 'Проверьте ответ' }).waitFor();
    expect(await page.locator('#f-status-error').textContent()).toBe('Ошибка: Выберите один из вариантов.');
    await screenshots(page, 'navigator-question-error');

    const vars = await complete(page, WIFE, async (v, p) => {
      if (v === 'applicant' || v === 'children_under_16_count' || v === 'age') await screenshots(p, `navigator-question-${v}`);
    });
    expect(vars[0]).toBe('status');
    await page.getByRole('heading', { name: 'Меры поддержки по вашим ответам' }).waitFor();
    const eligible = page.locator('section.nav-eligible');
    expect(await eligible.getByRole('heading', { level: 3, name: 'Кредитные каникулы для членов семьи участника СВО' }).count()).toBe(1);
    expect(await page.locator('section.nav-not').getByRole('heading', { level: 3, name: 'Кредитные каникулы для участника СВО' }).count()).toBe(1);
    expect(
      await eligible
        .getByRole('link', { name: /^Подать обращение о мере поддержки/ })
        .first()
        .getAttribute('href'),
    ).toBe('/appeals/new/support-request');
    await screenshots(page, 'navigator-result');
    // printed: the measures and the answers, without the menu, the links to change or the appeal links
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site').isVisible()).toBe(false);
    expect(
      await page
        .getByRole('link', { name: /^изменить/ })
        .first()
        .isVisible(),
    ).toBe(false);
    expect(await page.getByRole('heading', { name: 'Ваши ответы' }).isVisible()).toBe(true);
    await page.setViewportSize({ width: 800, height: 1100 });
    await screenshot(page, 'navigator-result-print', { fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // changed: she has no loan after all
    await page.getByRole('link', { name: 'изменить ответ на вопрос «Есть ли у вас действующий кредит или заём?»' }).click();
    expect(await page.locator('input[name="has_loan"][value="true"]').isChecked()).toBe(true);
    await page.locator('input[name="has_loan"][value="false"]').check();
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await complete(page, { ...WIFE, has_loan: 'false' });
    expect(await eligible.getByRole('heading', { level: 3, name: 'Кредитные каникулы для членов семьи участника СВО' }).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('has_loan')).toBe('false');
  }, 120_000);

  it.each([360, 1280])(
    'completes it with JavaScript at %i px; axe-core finds nothing on the start, a question, its error state, the number question and the result; nothing scrolls sideways',
    async (width) => {
      const page = await open(width, true);
      const check = async (what: string) => {
        expect(await axeViolations(page, 'minor'), what).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), what).toBeLessThanOrEqual(0);
      };
      await page.goto(`${app.url}/navigator`);
      await check('the start');
      await page.getByRole('link', { name: 'Начать' }).click();
      await page.waitForURL(/\/navigator\/questions$/);
      await check('the first question');
      await page.getByRole('button', { name: 'Продолжить' }).click();
      await page.getByRole('heading', { name: 'Проверьте ответ' }).waitFor();
      await check('a question sent without an answer');
      await complete(page, WIFE, async (v) => {
        if (v === 'children_under_16_count' || v === 'age') await check(`the number question ${v}`);
      });
      await check('the result');
      await screenshot(page, `navigator-result-js-${width}`, { fullPage: true });
    },
    120_000,
  );
});
