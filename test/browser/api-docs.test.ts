// The API documentation page as an integrator sees it: it renders every route from the served
// OpenAPI document, and loads nothing from outside the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type TestApp } from '../support/app.ts';
import { hasChromium, launchBrowser, screenshot } from '../support/browser.ts';

describe.skipIf(!hasChromium)('API documentation page (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('renders the routes and fetches nothing from other hosts', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(app.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.goto(`${app.url}/api/docs/`);
    // Tags start folded (135 operations drawn open at once left all but the first three tags out):
    // every tag of the document is listed, and opening one shows its routes.
    const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const tags = new Set(Object.values(doc.paths).flatMap((p) => Object.values(p).flatMap((op) => op.tags ?? [])));
    await page.locator('.opblock-tag').first().waitFor({ timeout: 15_000 });
    expect(new Set(await page.locator('.opblock-tag').evaluateAll((els) => els.map((e) => e.getAttribute('data-tag'))))).toEqual(tags);
    await page.locator('.opblock-tag[data-tag="regions"]').click();
    await page.getByText('/api/v1/regions/{code}/settings').first().waitFor({ timeout: 15_000 });
    expect(await page.title()).toMatch(/Swagger UI|otvet/);
    await screenshot(page, 'api-docs');
    expect(foreign).toEqual([]);
  });
});
