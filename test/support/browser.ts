// Headless Chromium (Debian's package) driven by playwright-core, as the browser tests need it.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './chromium.ts';

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
export function screenshotPath(name: string): string {
  const dir = path.resolve('screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

/** An empty page at http://localhost:<port>/ for WebRTC tests: getUserMedia needs a secure context (localhost is one, about:blank is not). */
export async function blankPage(): Promise<{ url: string; close(): void }> {
  const server = http.createServer((_req, res) => res.end('<!doctype html><title>phone</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}
