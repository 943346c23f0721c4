// The editors' app beyond the answers: «Что ищут» (searches that found nothing, with «Написать
// ответ» starting a draft whose question is what people typed), «Публикации» (what went to the call
// centres) and «Синонимы» (a group added, refused when it has one word, changed and removed; read
// only for a coordinator). axe-core and screenshots at 1280 and 360 px on each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshotsAt } from '../support/browser.ts';
import { publishDemo } from '../support/portal.ts';

const ASKED = 'выплата за собаку-поводыря';

describe.skipIf(!hasChromium)('editors’ app: the queue, publications and synonyms (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await publishDemo(app);
    await app.user('editor', 'federal', 'editor-q');
    await app.user('coordinator', 'federal', 'coord-q');
    // an operator searches twice for something the knowledge base has no answer to
    const operator = await app.as('operator', '77');
    for (let i = 0; i < 2; i++) expect((await operator.get(`/api/v1/kb/search?q=${encodeURIComponent(ASKED)}`)).body.items).toEqual([]);
    await app.services.queryStats.flush();
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.close();
  });

  async function signIn(username: string, hash: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU', bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${app.url}/editor${hash}`);
    await fillSignIn(page, username, PASSWORD);
    await page.getByRole('navigation', { name: 'Разделы' }).waitFor();
    return page;
  }

  async function check(page: Page, name: string) {
    expect(await seriousViolations(page), name).toEqual([]);
    await screenshotsAt(page, name, { checkOverflow: true });
  }

  it('«Что ищут»: a search that found nothing, counted, starts a new answer with the question as people put it', async () => {
    const page = await signIn('editor-q', '#queue');
    const unanswered = page.getByRole('region', { name: 'Поиск ничего не нашёл' });
    const row = unanswered.getByRole('row').filter({ hasText: ASKED });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([ASKED, '2', '2', 'Написать ответ']);
    await page
      .getByRole('region', { name: 'Растущие темы звонков' })
      .getByText(/Сейчас ни одна тема не растёт|Звонков/)
      .first()
      .waitFor();
    await check(page, 'editor-queue');

    await row.getByRole('link', { name: `Написать ответ на «${ASKED}»` }).click();
    await page.getByRole('heading', { name: 'Новый ответ' }).waitFor();
    expect(await page.getByLabel('Вопрос, как его задают').inputValue()).toBe(ASKED);
    expect(problems).toEqual([]);
  });

  it('a portal reader’s «Нет» and what they missed reach the editors’ queue, masked, with a link to the answer', async () => {
    // (bypassCSP: axe-core is injected as a script, which the portal's policy rightly forbids)
    const reader = await (await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'ru-RU', bypassCSP: true })).newPage();
    await reader.goto(`${app.url}/answers/mob-who-is-called-up`);
    await reader.getByRole('button', { name: 'Нет' }).click();
    const box = reader.getByLabel('Чего не хватило в ответе?');
    await box.fill('Нет ничего про студентов-заочников. Звоните 8 916 555-44-33');
    await screenshotsAt(reader, 'portal-missing-form');
    expect(await seriousViolations(reader)).toEqual([]);
    await reader.getByRole('button', { name: 'Отправить' }).click();
    await reader.getByText('Спасибо: редакторы прочитают.').waitFor();
    await reader.context().close();

    const page = await signIn('editor-q', '#queue');
    const missed = page.getByRole('region', { name: 'Читателям портала ответ не помог' });
    const item = missed.locator('.missing-item[data-slug="mob-who-is-called-up"]');
    await item.waitFor();
    expect(await item.locator('.reasons li').first().textContent()).toMatch(/^«Нет ничего про студентов-заочников\. Звоните \[скрыто\]»/);
    expect(await item.textContent()).toContain('«Нет»: 1');
    await check(page, 'editor-queue-missing');
    await item.getByRole('link', { name: /Кого призывают/ }).click();
    await page.getByRole('heading', { name: /^Ответ «Кого призывают/ }).waitFor();
  });

  it('«Публикации»: the demo’s answers sent to the call centres, by section and one by one', async () => {
    const page = await signIn('coord-q', '#publications');
    const status = page.getByRole('status').filter({ hasText: /^Новых: / });
    await status.waitFor();
    const news = Number((await status.textContent())!.match(/^Новых: (\d+)/)![1]);
    expect(news).toBeGreaterThan(10);
    const list = page.getByRole('region', { name: 'По порядку, новые сверху' });
    expect(await list.getByText('Новый', { exact: true }).count()).toBeGreaterThan(10);
    const bySection = page.getByRole('region', { name: 'По разделам' });
    const sums = await bySection.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(sums.reduce((a, x) => a + Number(x), 0)).toBe(news);
    await check(page, 'editor-publications');
    // an answer's title opens it in the editor
    const first = list.getByRole('link').first();
    const title = await first.textContent();
    await first.click();
    await page.getByRole('heading', { name: `Ответ «${title}»` }).waitFor();
  });

  it('«Синонимы»: a group added (one word refused at the box), changed and removed; a coordinator only reads', async () => {
    const page = await signIn('editor-q', '#synonyms');
    const box = page.getByRole('textbox', { name: 'Слова группы' });
    await box.fill('пёс');
    await page.getByRole('button', { name: 'Добавить группу' }).click();
    await page.getByText('Нужно хотя бы два разных слова.').waitFor();
    expect(await box.getAttribute('aria-invalid')).toBe('true');

    await box.fill('пёс, собака\nсобачка');
    await page.getByRole('button', { name: 'Добавить группу' }).click();
    await page.getByRole('status').getByText('Группа добавлена.').waitFor();
    await page.getByLabel('Найти слово').fill('собак');
    const group = page.locator('.syn-group').filter({ hasText: 'пес · собака · собачка' });
    await group.waitFor();
    expect((await app.client().get('/api/v1/kb/synonyms')).body.items.some((g: { terms: string[] }) => g.terms.join() === 'пес,собака,собачка')).toBe(true);
    await check(page, 'editor-synonyms');

    await group.getByRole('button', { name: 'Изменить группу «пес»' }).click();
    const edit = page.locator('.syn-group textarea');
    await edit.fill('пёс, собака, четвероногий друг');
    await page.locator('.syn-group').getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('status').getByText('Группа сохранена.').waitFor();
    const changed = page.locator('.syn-group').filter({ hasText: 'пес · собака · четвероногий друг' });
    await changed.waitFor();

    await changed.getByRole('button', { name: 'Удалить группу «пес»' }).click();
    await changed.getByRole('group', { name: 'Удалить группу «пес»' }).getByRole('button', { name: 'Удалить' }).click();
    await page.getByRole('status').getByText('Группа удалена.').waitFor();
    expect((await app.client().get('/api/v1/kb/synonyms')).body.items.some((g: { terms: string[] }) => g.terms.includes('пес'))).toBe(false);

    const reader = await signIn('coord-q', '#synonyms');
    await reader.getByText('Словарь меняет федеральный редактор.').waitFor();
    expect(await reader.getByRole('button', { name: 'Добавить группу' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('an answer’s responsible agency and sources: a line without an address refused at its line, then saved', async () => {
    const slug = 'mob-who-is-called-up';
    const page = await signIn('editor-q', `#answers/${slug}`);
    await page.getByLabel('Ответственное ведомство').fill('Министерство обороны Российской Федерации');
    const sources = page.locator('#answer-sources');
    expect(await page.getByLabel('Источники', { exact: true }).getAttribute('id')).toBe('answer-sources');
    await sources.fill('Указ Президента № 647 — http://publication.pravo.gov.ru/Document/View/0001202209210001\nЗакон о мобилизационной подготовке');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    // (at the box, and in the summary of what stopped the save)
    await page.locator('#answer-sources-error').getByText('Строка 2: Нужен адрес, начинающийся с https:// или http://.').waitFor();
    expect(await sources.getAttribute('aria-invalid')).toBe('true');
    await check(page, 'editor-sources-refused');

    await sources.fill('Указ Президента № 647 — http://publication.pravo.gov.ru/Document/View/0001202209210001\nФедеральный закон № 31-ФЗ https://www.consultant.ru/document/cons_doc_LAW_2592/');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText(/^Сохранено: версия \d+\.$/).waitFor();
    const working = (await (await app.as('editor', 'federal')).get(`/api/v1/kb/answers/${slug}/working`)).body.working;
    expect(working).toMatchObject({
      agency: 'Министерство обороны Российской Федерации',
      sources: [
        { title: 'Указ Президента № 647', url: 'http://publication.pravo.gov.ru/Document/View/0001202209210001' },
        { title: 'Федеральный закон № 31-ФЗ', url: 'https://www.consultant.ru/document/cons_doc_LAW_2592/' },
      ],
    });
    expect(problems).toEqual([]);
  });
});
