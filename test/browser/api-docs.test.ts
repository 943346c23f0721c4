// The API documentation page as an integrator sees it: it renders every route from the served
// OpenAPI document, and loads nothing from outside the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type TestApp } from '../support/app.ts';
import { hasChromium, launchBrowser, screenshotPath } from '../support/browser.ts';

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
    await page.getByText('/api/v1/auth/login').first().waitFor({ timeout: 15_000 });
    expect(await page.getByText('/api/v1/regions/{code}/settings').count()).toBeGreaterThan(0);
    expect(await page.title()).toMatch(/Swagger UI|otvet/);
    await page.screenshot({ path: screenshotPath('api-docs'), fullPage: false });
    expect(foreign).toEqual([]);
  });
});
