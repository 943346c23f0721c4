/// <reference lib="dom" />
// Files on the public portal's appeal pages, in Chromium with JavaScript off: a citizen chooses a
// photo and a program named as a PDF, sends, and the form comes back with the program refused next
// to the file input and the files asked for again; the photo alone is sent. An officer answers
// with a PDF through the API; the status page offers it as a button and the download is the PDF.
// axe-core finds nothing on the form, its error state and the status with the file; nothing
// scrolls sideways at 360 px; screenshots at 1280 and 360 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/access/principal.ts';
import { startApp, type TestApp } from '../support/app.ts';
import { EXE, PNG, pdf } from '../support/appeal-files.ts';
import { axeViolations } from '../support/axe.ts';
import { hasChromium, launchBrowser, screenshotsAt, sitePage } from '../support/browser.ts';

describe.skipIf(!hasChromium)('appeal files on the public portal (browser, no JavaScript)', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await app.services.appealsCatalog.loadDemo(systemActor());
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const open = (width: number, javaScript: boolean) => sitePage(browser, app.url, { width, javaScript, acceptDownloads: true });
  const screenshots = (page: Page, name: string) => screenshotsAt(page, name);

  /** No sideways scrolling at 360 px and nothing for axe-core, on the page as it is now. */
  async function checked(page: Page, what: string) {
    expect(await axeViolations(page, 'minor'), what).toEqual([]);
    await page.setViewportSize({ width: 360, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${what} at 360 px`).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  async function fill(page: Page, email: string) {
    await page.getByLabel('Регион').selectOption({ label: 'Москва' });
    await page.getByLabel('Фамилия, имя, отчество').fill('Кузнецова Ольга Павловна');
    await page.getByLabel('Электронная почта').fill(email);
    await page.getByLabel('Повестка', { exact: true }).check();
    await page.getByLabel('Текст обращения').fill('Повестку вручили с ошибкой в фамилии. Прилагаю её фотографию и прошу исправить.');
    await page.getByLabel(/^Я согласен\(на\)/).check();
  }

  it('a citizen attaches a photo (a program is refused beside the input), an officer answers with a PDF, the status page offers it for download', async () => {
    const page = await open(1280, false);
    await page.goto(`${app.url}/appeals/new/mobilisation-complaint`);
    const input = page.getByLabel('Документы (фото или PDF)');
    expect(await input.getAttribute('type')).toBe('file');
    await fill(page, 'kuznetsova@example.ru');
    await input.setInputFiles([
      { name: 'повестка.png', mimeType: 'image/png', buffer: PNG },
      { name: 'справка.pdf', mimeType: 'application/pdf', buffer: EXE },
    ]);
    await screenshots(page, 'appeals-files-form');
    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await page.getByRole('heading', { name: 'Проверьте, пожалуйста, форму' }).waitFor();
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['«справка.pdf»: можно приложить только фотографию (JPEG, PNG, GIF, WebP) или PDF.']);
    expect(await page.locator('#f-files-error').textContent()).toContain('«справка.pdf»: можно приложить только');
    expect(await page.locator('#f-files-again').textContent()).toContain('Выбранные файлы («повестка.png», «справка.pdf») не сохранились');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    // what was typed is there
    expect(await page.getByLabel('Фамилия, имя, отчество').inputValue()).toBe('Кузнецова Ольга Павловна');
    expect(await page.getByLabel(/^Я согласен\(на\)/).isChecked()).toBe(true);
    await page.locator('.error-summary').getByRole('link').click();
    await page.waitForURL(/#f-files$/);
    await screenshots(page, 'appeals-files-form-errors');

    // the photo alone, chosen again
    await input.setInputFiles([{ name: 'повестка.png', mimeType: 'image/png', buffer: PNG }]);
    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await page.getByRole('heading', { name: 'Обращение отправлено' }).waitFor();
    const number = (await page.locator('.receipt dd').first().textContent())!;
    const code = (await page.locator('.receipt dd.code').textContent())!;

    const admin = await app.as('admin', 'federal');
    const officer = await app.as('agency_officer', '77');
    expect((await admin.put(`/api/v1/appeal-officers/${officer.userId}`, { organisation: 'mil-77' })).status).toBe(204);
    const one = (await officer.get(`/api/v1/appeals/${number}`)).body;
    expect(one.files).toEqual([expect.objectContaining({ name: 'повестка.png', contentType: 'image/png', size: PNG.length, from: 'citizen' })]);
    const reply = pdf('ответ военного комиссариата');
    const answer = {
      action: 'answer',
      text: 'Ошибку в повестке исправили. Исправленная повестка — в приложенном файле.',
      files: [{ name: 'Исправленная повестка.pdf', content: reply.toString('base64') }],
    };
    expect((await officer.post(`/api/v1/appeals/${number}/actions`, answer)).status).toBe(204);

    await page.goto(`${app.url}/appeals/status?number=${number}`);
    await page.getByLabel('Код для проверки статуса').fill(code);
    await page.getByRole('button', { name: 'Узнать статус' }).click();
    await page.getByRole('heading', { name: 'Файлы к ответу' }).waitFor();
    const button = page.getByRole('button', { name: 'Скачать Исправленная повестка.pdf' });
    expect(await page.locator('.answer-box .files').textContent()).toMatch(/Исправленная повестка\.pdf\s+PDF, 1 КБ/);
    // the citizen's own photo is not offered back
    expect(await page.locator('main').textContent()).not.toContain('повестка.png');
    await screenshots(page, 'appeals-files-status');
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('Исправленная повестка.pdf');
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(path)).equals(reply)).toBe(true);
    expect(page.url()).not.toContain(code);
  }, 120_000);

  it('axe-core finds nothing on the form with its file input, its error state and the status with the answer’s file; nothing scrolls sideways at 360 px', async () => {
    const page = await open(1280, true);
    await page.goto(`${app.url}/appeals/new/mobilisation-complaint`);
    await checked(page, 'the form');
    await fill(page, 'axe-files@example.ru');
    await page.getByLabel('Документы (фото или PDF)').setInputFiles([{ name: 'программа.pdf', mimeType: 'application/pdf', buffer: EXE }]);
    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await page.getByRole('heading', { name: 'Проверьте, пожалуйста, форму' }).waitFor();
    await checked(page, 'the form with a refused file');
    await page.getByLabel('Документы (фото или PDF)').setInputFiles([{ name: 'фото.png', mimeType: 'image/png', buffer: PNG }]);
    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await page.getByRole('heading', { name: 'Обращение отправлено' }).waitFor();
    const number = (await page.locator('.receipt dd').first().textContent())!;
    const code = (await page.locator('.receipt dd.code').textContent())!;
    const officer = await app.as('agency_officer', '77');
    expect((await (await app.as('admin', 'federal')).put(`/api/v1/appeal-officers/${officer.userId}`, { organisation: 'mil-77' })).status).toBe(204);
    const files = [1, 2].map((i) => ({ name: `Документ ${i} с длинным названием, чтобы проверить перенос строки на узком экране.pdf`, content: pdf(`документ ${i}`).toString('base64') }));
    expect((await officer.post(`/api/v1/appeals/${number}/actions`, { action: 'answer', text: 'Ответ с двумя файлами.', files })).status).toBe(204);
    await page.goto(`${app.url}/appeals/status?number=${number}`);
    await page.getByLabel('Код для проверки статуса').fill(code);
    await page.getByRole('button', { name: 'Узнать статус' }).click();
    await page.getByRole('heading', { name: 'Файлы к ответу' }).waitFor();
    expect(await page.locator('.answer-box .files li').count()).toBe(2);
    await checked(page, 'the status with the answer’s files');
  }, 120_000);
});
