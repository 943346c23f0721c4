// No raw code reaches a person: every staff app's screens, each signed in as a role it serves, with
// calls, a break, appeals and audited acts behind them, show no snake_case word (simulation_ended,
// hung_up_in_ivr, kb.answer.publish's parts …) in their visible text, but what a screen sets as code
// on purpose (<code>: a question's variable that rules name). A code without its Russian words in
// web/shared/codes-ru.ts or an app's strings fails here, naming the screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { fillSignIn, hasChromium, launchBrowser } from '../support/browser.ts';
import { publishDemo } from '../support/portal.ts';
import { edgeClient, event, offered } from '../support/telephony.ts';

const SNAKE = /\b[a-z]+_[a-z_]+\b/g;

/** Each app's screens (by the address's hash) and the account that opens them. */
const SCREENS: { app: string; user: string; hashes: string[] }[] = [
  { app: 'operator', user: 'codes-op', hashes: [''] },
  { app: 'supervisor', user: 'codes-sv', hashes: [''] },
  { app: 'wallboard', user: 'codes-coord', hashes: [''] },
  { app: 'reports', user: 'codes-coord', hashes: ['', '#year', '#staffing', '#navigator'] },
  { app: 'editor', user: 'codes-ed', hashes: ['#answers', '#queue', '#publications', '#synonyms', '#navigator/measures', '#navigator/questions'] },
  { app: 'admin', user: 'codes-admin', hashes: ['#appeals/types', '#appeals/routes', '#users', '#tokens', '#audit'] },
  { app: 'agency', user: 'codes-ag', hashes: [''] },
];

describe.skipIf(!hasChromium)('no raw code on any staff screen (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await publishDemo(app);
    const op = await app.user('operator', '77', 'codes-op');
    await app.user('supervisor', '77', 'codes-sv');
    await app.user('coordinator', 'federal', 'codes-coord');
    await app.user('editor', 'federal', 'codes-ed');
    await app.user('admin', 'federal', 'codes-admin');
    await app.user('agency_officer', '77', 'codes-ag');
    // calls that end every way a day has: answered, lost in the menu, lost waiting
    const edge = await edgeClient(app);
    const t = new Date(Date.now() - 20 * 60_000);
    const later = (s: number) => new Date(t.getTime() + s * 1000);
    const events = [
      offered('codes-1', '77', t, { topic: 'Пенсии' }),
      event('codes-1', 'queued', t),
      event('codes-1', 'answered', later(5), { operator: op.username }),
      event('codes-1', 'ended', later(65)),
      offered('codes-2', '77', t),
      event('codes-2', 'abandoned', later(20), { reason: 'hung_up_in_ivr' }),
      offered('codes-3', '77', t),
      event('codes-3', 'queued', t),
      event('codes-3', 'abandoned', later(90)),
    ];
    expect((await edge.post('/api/v1/telephony/events', { events })).status).toBe(200);
    await app.services.monitoring.service.tick();
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** The page's text once it has settled: the same words for a second, and nothing saying it is loading. */
  async function settledText(page: Page): Promise<string> {
    let text = '';
    let same = 0;
    for (let i = 0; i < 160 && same < 4; i++) {
      await page.waitForTimeout(250);
      const now = await page.evaluate(() => document.body.innerText);
      // (figures and clocks tick on live screens: the words are what must settle)
      same = now.replace(/\d/g, '') === text.replace(/\d/g, '') && now.trim().length > 50 && !/Загрузка|Подключение…/.test(now) ? same + 1 : 0;
      text = now;
    }
    return text;
  }

  it('says everything in words: every app, every section', async () => {
    const found: string[] = [];
    for (const s of SCREENS) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU', bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${app.url}/${s.app}`);
      await fillSignIn(page, s.user, PASSWORD);
      // signed in: the header's «Выйти» (the form's button may go before the session's cookie has come)
      await page.getByText('Выйти', { exact: true }).first().waitFor();
      for (const hash of s.hashes) {
        await page.goto(`${app.url}/${s.app}${hash}`);
        const text = await settledText(page);
        expect(text.length, `/${s.app}${hash} shows something`).toBeGreaterThan(50);
        // (what a screen sets as code on purpose, e.g. a question's variable that rules name, is code)
        const asCode = await page.evaluate(() => Array.from(document.querySelectorAll('code, kbd, samp, pre'), (el) => el.textContent ?? '').join(' '));
        for (const code of new Set(text.match(SNAKE) ?? [])) if (!asCode.includes(code)) found.push(`/${s.app}${hash}: ${code}`);
      }
      await context.close();
    }
    expect(found).toEqual([]);
  }, 180_000);
});
