/// <reference lib="dom" />
// Headless Chromium (Debian's package) driven by playwright-core, as the browser tests need it.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { chromiumPath, pageChecks } from './chromium.ts';

export { hasChromium } from './chromium.ts';

/**
 * fakeMedia: a microphone that plays a tone, granted without asking (WebRTC tests); with askForMedia
 * the browser asks instead, and headless nobody answers: the page is refused the microphone.
 */
export function launchBrowser(options: { fakeMedia?: boolean; askForMedia?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      ...(options.fakeMedia ? ['--use-fake-device-for-media-stream'] : []),
      ...(options.fakeMedia && !options.askForMedia ? ['--use-fake-ui-for-media-stream'] : []),
    ],
  });
}

/** Screenshots go to screenshots/ (git-ignored) for people to look at. */
function screenshotPath(name: string): string {
  const dir = path.resolve('screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

/** The page (or the element) as it is now, saved as <name>.png; nothing when page checks are off. */
export async function screenshot(target: { screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown> }, name: string, o: { fullPage?: boolean } = {}): Promise<void> {
  if (pageChecks) await target.screenshot({ path: screenshotPath(name), ...o });
}

/**
 * A page of the app in a context of its own (closed with the browser), as a Russian visitor at the
 * given width sees it; a request anywhere but the app (or data:) fails the test. javaScript: false
 * as citizens' old phones may have it; bypassCSP: axe-core is a script the test injects.
 */
export async function sitePage(browser: Browser, appUrl: string, o: { width: number; javaScript: boolean; acceptDownloads?: boolean }): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: o.width, height: 900 },
    javaScriptEnabled: o.javaScript,
    locale: 'ru-RU',
    bypassCSP: true,
    acceptDownloads: o.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith(appUrl) && !r.url().startsWith('data:')) throw new Error(`foreign request ${r.url()}`);
  });
  return page;
}

/**
 * The page as it is (a POST's result is not asked for again) at 1280 and 360 px, saved as
 * <name>-<width>.png; checkOverflow: nothing may scroll sideways, where the page can be measured.
 * The page is left at the width it had.
 */
export async function screenshotsAt(page: Page, name: string, o: { checkOverflow?: boolean } = {}): Promise<void> {
  if (!pageChecks) return;
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    // (what follows the window's size, a chart say, does so in the next frames; a page without
    // JavaScript runs no frame callback, so the wait is bounded)
    const frames = page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))).catch(() => {});
    await Promise.race([frames, new Promise((r) => setTimeout(r, 500))]);
    if (o.checkOverflow) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth).catch(() => null);
      if (overflow !== null) expect(overflow, `${name} at ${width}px`).toBeLessThanOrEqual(0);
    }
    await screenshot(page, `${name}-${width}`, { fullPage: true });
  }
  await page.setViewportSize(before);
}

/** An empty page at http://localhost:<port>/ for WebRTC tests: getUserMedia needs a secure context (localhost is one, about:blank is not). */
export async function blankPage(): Promise<{ url: string; close(): void }> {
  const server = http.createServer((_req, res) => res.end('<!doctype html><title>phone</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

/**
 * The page's answer to `offer` (its fake microphone on the one audio track), once ICE has gathered;
 * its RTCPeerConnection is kept as `window.pc` for the test to read.
 */
export function browserAnswer(tab: Page, offer: string): Promise<string> {
  return tab.evaluate(async (sdp) => {
    const pc = new RTCPeerConnection();
    (window as unknown as { pc: RTCPeerConnection }).pc = pc;
    const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
    await pc.setRemoteDescription({ type: 'offer', sdp });
    for (const track of mic.getTracks()) pc.addTrack(track, mic);
    await pc.setLocalDescription(await pc.createAnswer());
    await new Promise<void>((resolve) => {
      if (pc.iceGatheringState === 'complete') return resolve();
      pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
    });
    return pc.localDescription!.sdp;
  }, offer);
}

/** Signs in on the sign-in form the page shows (every staff app has the same one). */
export async function fillSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Имя пользователя').fill(username);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}
