// The operator runs the navigator of support measures for a caller, in Chromium: Alt+N during the
// call opens «Меры поддержки», the questions are answered by keyboard (a digit picks, Enter
// confirms, Backspace goes back), the result shows the measures grouped with why, and the wrap-up
// takes the measures found eligible: stored with the call. Screenshot at 1280 px; axe-core clean.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { fillSignIn, hasChromium, launchBrowser, screenshot } from '../support/browser.ts';
import type { Client } from '../support/http-client.ts';
import { edgeClient, event, offered } from '../support/telephony.ts';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

describe.skipIf(!hasChromium)('operator workstation: the navigator of support measures during a call (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let edge: Client;

  beforeAll(async () => {
    app = await startApp();
    edge = await edgeClient(app);
    await app.user('operator', '77', 'petrova-77');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function axeFindings(page: Page, part: Locator): Promise<string[]> {
    await page.addScriptTag({ content: axeSource });
    const handle = await part.elementHandle();
    return page.evaluate(async (el) => {
      const axe = (window as unknown as { axe: { run(ctx: Element, o: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const r = await axe.run(el!, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }, handle);
  }

  it('asks the caller’s questions by keyboard, shows the measures with why, and records the eligible ones with the wrap-up', async () => {
    const callId = 'nav-call-1';
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${app.url}/operator`);
    await fillSignIn(page, 'petrova-77', PASSWORD);
    await page.getByRole('heading', { name: /Не в сети|Ожидание звонка/ }).waitFor();
    await page.keyboard.press('F2');
    await page.getByRole('heading', { name: 'Ожидание звонка' }).waitFor();
    const at = new Date(Date.now() - 8_000);
    await edge.post('/api/v1/telephony/events', { events: [offered(callId, '77', at), event(callId, 'queued', at)] });
    const card = page.locator('section.call');
    await card.getByRole('heading', { name: 'Входящий звонок' }).waitFor({ timeout: 10_000 });
    await edge.post('/api/v1/telephony/events', { events: [event(callId, 'answered', new Date(), { operator: 'petrova-77' })] });
    await card.getByRole('heading', { name: 'Разговор' }).waitFor();

    // the key is in the legend
    expect(await page.locator('p.keys').textContent()).toContain('Alt+N');
    await page.keyboard.press('Alt+KeyN');
    const panel = page.getByRole('region', { name: 'Меры поддержки' });
    await panel.locator('fieldset legend').waitFor();

    // answer what is asked: the first option for choices («мобилизован», «сам военнослужащий»…),
    // «да» to yes-or-no questions, 2 for numbers; once, a wrong pick taken back with Backspace
    let first = '';
    let wentBack = false;
    for (let i = 0; i < 25 && (await panel.locator('fieldset legend').count()); i++) {
      const legend = (await panel.locator('fieldset legend').textContent()) ?? '';
      if (!first) first = legend;
      if (await panel.locator('input[type=number]').count()) {
        await page.keyboard.type('2');
      } else await page.keyboard.press('1');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await panel.locator('fieldset legend').count()) === 0 || (await panel.locator('fieldset legend').textContent()) !== legend).toBe(true);
      if (!wentBack && i === 1) {
        wentBack = true;
        const now = await panel.locator('fieldset legend').textContent();
        await page.keyboard.press('Backspace');
        await expect.poll(() => panel.locator('fieldset legend').textContent()).toBe(legend);
        await page.keyboard.press('1');
        // (the pick shown before Enter, as the operator sees it)
        await panel.locator('label.chosen').waitFor();
        await page.keyboard.press('Enter');
        await expect.poll(() => panel.locator('fieldset legend').textContent()).toBe(now);
      }
    }
    expect(first).not.toBe('');
    expect(await panel.locator('fieldset').count()).toBe(0);
    const eligible = panel.getByRole('region', { name: 'Положены', exact: true });
    await eligible.waitFor();
    expect(await eligible.locator('li > strong').count()).toBeGreaterThan(0);
    const refused = panel.getByRole('region', { name: 'Не положены', exact: true });
    expect(await refused.count()).toBe(1);
    expect(await eligible.locator('.nav-why li').first().textContent()).toMatch(/^Выполнено: /);
    // a refused measure says why when asked (the step explains only the eligible and possible)
    expect(await refused.locator('.nav-why').count()).toBe(0);
    await refused
      .getByRole('button', { name: /^Почему: / })
      .first()
      .click();
    await expect.poll(() => refused.locator('.nav-why li').allTextContents()).toContainEqual(expect.stringMatching(/^Не выполнено: /));
    await screenshot(page, 'operator-navigator-1280', { fullPage: true });
    expect(await axeFindings(page, panel)).toEqual([]);

    // a measure's answers open in the workstation's answer view
    const item = eligible.locator('li').first();
    const title = await item.locator('strong').textContent();
    const slug = app.services.navigator.catalog.measures.find((m) => m.title === title)!.answer_ids[0]!;
    const opened = page.waitForRequest((r) => r.url().includes(`/api/v1/kb/answers/${slug}?`));
    await item.getByRole('button', { name: /^ответ 1 о мере/ }).click();
    expect((await opened).url()).toContain(slug);

    const titles = await eligible.locator('li > strong').allTextContents();
    const ids = app.services.navigator.catalog.measures.filter((m) => titles.includes(m.title)).map((m) => m.id);
    expect(ids.length).toBe(titles.length);

    // the call ends; the wrap-up takes the measures found
    await edge.post('/api/v1/telephony/events', { events: [event(callId, 'ended', new Date())] });
    const wrap = page.getByRole('form', { name: 'Оформление звонка' });
    await wrap.waitFor({ timeout: 10_000 });
    await wrap.getByRole('radio', { name: 'Дан ответ' }).check();
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { name: 'Ожидание звонка' }).waitFor({ timeout: 10_000 });
    const row = await app.db.query<{ measures: string[] }>('SELECT measures FROM cc_calls WHERE call_id = $1', [callId]);
    expect([...row.rows[0]!.measures].sort()).toEqual([...ids].sort());
    expect(problems).toEqual([]);
  }, 90_000);
});
