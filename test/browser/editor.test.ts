/// <reference lib="dom" />
// The editors' app (/editor) in Chromium over the demo knowledge base. An editor filters the list,
// opens an answer, changes its body (the preview shows it as the portal will), saves with Ctrl+S and
// sends it for review; they may not approve their own version. A colleague's save in between is a
// conflict, explained, with the latest offered. Leaving with unsaved changes asks first. The
// coordinator sees the version in review against the published one word by word, approves it,
// and the portal's page shows the new text. In the navigator's section an editor changes a measure
// (a rule the API refuses shows its problem at the path inside the rule), sends it for review, and
// another editor approves it: the portal's navigator result names it anew. axe-core finds nothing serious; nothing scrolls
// sideways at 360 px; screenshots at 1280 and 360 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshotsAt } from '../support/browser.ts';
import { publishDemo } from '../support/portal.ts';
import { until } from '../support/until.ts';
import { VOLUNTEER } from '../support/navigator-walks.ts';

const SLUG = 'mob-who-is-called-up';
const TITLE = 'Кого призывают на военную службу при частичной мобилизации?';
const ADDED = 'Повестку вручают лично под подпись.';

describe.skipIf(!hasChromium)('editors’ app: answers, review and publication (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await publishDemo(app);
    await app.user('editor', 'federal', 'editor-a');
    await app.user('editor', 'federal', 'editor-b');
    await app.user('coordinator', 'federal', 'coord');
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.close();
  });

  async function signIn(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU', bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith(app.url) && !r.url().startsWith('data:')) problems.push(`foreign request ${r.url()}`);
    });
    await page.goto(`${app.url}/editor`);
    await fillSignIn(page, username, PASSWORD);
    await page.getByRole('navigation', { name: 'Разделы' }).waitFor();
    return page;
  }

  async function check(page: Page, name: string) {
    expect(await seriousViolations(page), name).toEqual([]);
    await screenshotsAt(page, name, { checkOverflow: true });
  }

  const portalText = async () => (await fetch(`${app.url}/answers/${SLUG}`)).text();

  it('an editor changes an answer and sends it for review; the coordinator sees the change word by word and approves it; the portal shows it', async () => {
    const page = await signIn('editor-a');
    const rows = page.locator('table.answers tbody tr');
    await rows.first().waitFor();
    const all = await rows.count();
    expect(all).toBeGreaterThan(20);
    // the section filter is the API's; the title words are the page's
    await page.getByLabel('Раздел', { exact: true }).selectOption('Частичная мобилизация');
    await until('the section filtered', async () => ((await rows.count()) < all ? true : undefined));
    // «/» takes the keyboard to the title filter
    await page.locator('body').press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-text');
    await page.keyboard.type('кого призывают');
    await until('one row', async () => ((await rows.count()) === 1 ? true : undefined));
    await check(page, 'editor-answers');

    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: `Ответ «${TITLE}»` }).waitFor();
    const body = page.getByLabel('Ответ (Markdown)');
    await body.waitFor();
    expect(await body.inputValue()).toContain('При частичной мобилизации');
    await body.press('Control+End');
    await body.pressSequentially(`\n\n**${ADDED}**`);
    // the preview renders as the portal does: Markdown's bold is <strong>
    await page.locator('.portal-answer strong', { hasText: ADDED }).waitFor();
    await page.getByLabel('Что изменено и почему').fill('Добавлено о повестке');

    // leaving with unsaved changes asks; staying keeps the text
    page.once('dialog', (d) => void d.dismiss());
    await page.getByRole('link', { name: '← Все ответы' }).click();
    await page.getByRole('heading', { name: `Ответ «${TITLE}»` }).waitFor();
    expect(await body.inputValue()).toContain(ADDED);
    expect(page.url()).toContain(`#answers/${SLUG}`);

    // a published answer is sent for review once a new version is saved
    expect(await page.getByRole('button', { name: 'Отправить на проверку' }).count()).toBe(0);
    await body.press('Control+s');
    await page.getByRole('status').filter({ hasText: 'Сохранено: версия 2.' }).waitFor();
    await check(page, 'editor-answer');
    await page.getByRole('button', { name: 'Отправить на проверку' }).click();
    await page.getByText('Отправлено на проверку.').waitFor();
    // their own version is someone else's to approve
    await page.getByText('Одобрить может другой редактор или координатор').waitFor();
    expect(await page.getByRole('button', { name: 'Одобрить и опубликовать' }).count()).toBe(0);
    expect(await portalText()).not.toContain(ADDED);

    const coordinator = await signIn('coord');
    await coordinator.goto(`${app.url}/editor#answers/${SLUG}`);
    await coordinator.getByRole('heading', { name: 'Что изменилось: версия 1 (опубликована) → 2' }).waitFor();
    const inserted = coordinator.locator('.diff ins');
    await inserted.first().waitFor();
    expect((await inserted.allTextContents()).join('')).toContain(ADDED);
    // a coordinator reviews but does not write: the form reads only
    expect(await coordinator.getByLabel('Ответ (Markdown)').getAttribute('readonly')).not.toBeNull();
    await check(coordinator, 'editor-review');
    const operator = await app.as('operator', '77');
    const found = async () => {
      const r = await operator.get(`/api/v1/kb/search?q=${encodeURIComponent('вручают лично под подпись')}`);
      return r.body.items.some((x: { slug: string }) => x.slug === SLUG) ? true : undefined;
    };
    expect(await found()).toBeUndefined();
    await coordinator.getByRole('button', { name: 'Одобрить и опубликовать' }).click();
    await coordinator.getByText('Опубликована версия 2').waitFor();
    // the call centres have it at once: an operator's search finds the new words within a second
    await until('an operator’s search finds the new text', found, 1000);
    await until('the portal shows the new text', async () => ((await portalText()).includes(ADDED) ? true : undefined));
    // the answer's history: each version with its author and note, and what it changed
    await coordinator.getByText('История версий').click();
    await coordinator.getByText('Добавлено о повестке').waitFor();
    await coordinator.getByRole('button', { name: 'Что изменено в версии 2' }).click();
    await coordinator.getByRole('region', { name: 'Изменения: версия 1 → 2' }).locator('ins', { hasText: ADDED }).waitFor();
    expect(problems).toEqual([]);
  }, 120_000);

  it('a colleague’s save in between is a conflict, explained, with the latest version offered; a returned answer shows the comment', async () => {
    const page = await signIn('editor-a');
    const slug = 'mob-age-limits';
    await page.goto(`${app.url}/editor#answers/${slug}`);
    const title = page.getByLabel('Вопрос, как его задают');
    await title.waitFor();
    const before = await title.inputValue();
    // editor-b saves a new version through the API meanwhile
    const b = await app.client().login('editor-b', PASSWORD);
    const working = (await b.get(`/api/v1/kb/answers/${slug}/working`)).body as { currentVersion: number; working: Record<string, unknown> };
    const { version: _v, note: _n, createdAt: _c, createdBy: _b, ...content } = working.working;
    expect((await b.put(`/api/v1/kb/answers/${slug}`, { ...content, title: `${before} (уточнено)`, baseVersion: working.currentVersion })).status).toBe(200);

    await title.fill(`${before}!`);
    await page.getByRole('button', { name: 'Сохранить' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Пока вы правили, ответ сохранил кто-то ещё' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('вы начали с версии 1, последняя — 2');
    await check(page, 'editor-conflict');
    await page.getByRole('button', { name: 'Загрузить последнюю версию' }).click();
    await until('the latest loaded', async () => ((await title.inputValue()) === `${before} (уточнено)` ? true : undefined));

    // editor-b sent it for review; editor-a returns it with a comment, and editor-b reads it
    expect((await b.post(`/api/v1/kb/answers/${slug}/submit`, {})).status).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: 'Вернуть на доработку' }).click();
    await page.getByLabel('Что исправить').fill('Уберите восклицание из вопроса.');
    await page.getByRole('button', { name: 'Вернуть с комментарием' }).click();
    await page.getByText('Возвращён автору с комментарием.').waitFor();
    const pageB = await signIn('editor-b');
    await pageB.goto(`${app.url}/editor#answers/${slug}`);
    await pageB.getByText('Уберите восклицание из вопроса.').waitFor();

    // a regional supplement under the answer: a bad address is refused at its field, then created
    await pageB.getByRole('link', { name: 'Новое дополнение' }).click();
    await pageB.getByRole('heading', { name: `Новое региональное дополнение к «${slug}»` }).waitFor();
    await pageB.getByLabel('Адрес (slug)').fill('Москва');
    await pageB.getByLabel('Код региона').fill('77');
    await pageB.getByLabel('Вопрос, как его задают').fill('До какого возраста призывают в Москве?');
    await pageB.getByLabel('Раздел', { exact: true }).fill('Частичная мобилизация');
    await pageB.getByLabel('Ответ (Markdown)').fill('В Москве — как везде; вопросы задавайте в военкомате округа.');
    await pageB.getByRole('button', { name: 'Создать черновик' }).click();
    await pageB.locator('#answer-slug-error').filter({ hasText: 'Только строчные латинские буквы' }).waitFor();
    const slugInput = pageB.locator('#answer-slug');
    expect(await slugInput.getAttribute('aria-invalid')).toBe('true');
    // the summary's line takes the keyboard to the field
    await pageB.getByRole('button', { name: 'Перейти к полю «Адрес (slug)»' }).click();
    expect(await pageB.evaluate(() => document.activeElement?.id)).toBe('answer-slug');
    await slugInput.fill(`${slug}-77`);
    await pageB.getByRole('button', { name: 'Создать черновик' }).click();
    await pageB.getByRole('heading', { name: 'Ответ «До какого возраста призывают в Москве?»' }).waitFor();
    expect(pageB.url()).toContain(`#answers/${slug}-77`);
    await pageB.getByText('регион 77', { exact: false }).first().waitFor();

    // a region's editor reads the federal answer and may write their region's supplement under it
    await app.user('editor', '77', 'editor-77');
    const regional = await signIn('editor-77');
    await regional.goto(`${app.url}/editor#answers/${slug}`);
    await regional.getByRole('link', { name: 'Новое дополнение' }).waitFor();
    expect(await regional.getByLabel('Ответ (Markdown)').getAttribute('readonly')).not.toBeNull();
    expect(await regional.getByRole('button', { name: 'Сохранить' }).count()).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);

  it('navigator: an editor changes a measure (a rule the API refuses is shown at its path), sends it for review; another editor approves it; the portal’s result shows the new title', async () => {
    const measure = 'sm-federal-lump-sum';
    const title = 'Федеральная единовременная выплата участникам СВО';
    const renamed = `${title} (по указу)`;
    const page = await signIn('editor-a');
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Навигатор' }).click();
    await page.getByRole('link', { name: title }).waitFor();
    await check(page, 'editor-navigator-measures');
    await page.getByRole('navigation', { name: 'Навигатор: подразделы' }).getByRole('link', { name: 'Вопросы' }).click();
    await page.locator('table.entries tr[data-key="status"] a').click();
    await page.getByLabel('Подпись 1', { exact: true }).waitFor();
    await check(page, 'editor-navigator-question');

    await page.goto(`${app.url}/editor#navigator/measures/${measure}`);
    const rule = page.getByLabel('Кому положена (правило, JSON)');
    await rule.waitFor();
    const original = await rule.inputValue();
    await rule.fill('{"all": [{"var": "status", "in": ["nobody"]}]}');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    const error = page.locator('#measure-eligibility-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('eligibility.all.0.in.0: ');
    expect(await rule.getAttribute('aria-invalid')).toBe('true');
    await check(page, 'editor-navigator-measure-error');

    await rule.fill(original);
    await page.getByLabel('Название', { exact: true }).fill(renamed);
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('status').filter({ hasText: 'Сохранено: версия 2.' }).waitFor();
    await page.getByRole('button', { name: 'Отправить на проверку' }).click();
    await page.getByText('Отправлено на проверку.').waitFor();

    const other = await signIn('editor-b');
    await other.goto(`${app.url}/editor#navigator/measures/${measure}`);
    await other.getByRole('heading', { name: 'Что изменилось: версия 1 (опубликована) → 2' }).waitFor();
    // the heading comes first; the versions are read and compared after it
    await expect.poll(async () => (await other.locator('.diff ins').allTextContents()).join('')).toContain('(по указу)');
    await check(other, 'editor-navigator-review');
    await other.getByRole('button', { name: 'Одобрить и опубликовать' }).click();
    await other.getByText('Опубликована версия 2').waitFor();

    const result = await (await fetch(`${app.url}/navigator/result?${new URLSearchParams(VOLUNTEER)}`)).text();
    expect(result).toContain(renamed);
    expect(problems).toEqual([]);
  }, 120_000);
});
