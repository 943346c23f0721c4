/// <reference lib="dom" />
// Headless Chromium (Debian's package) driven by playwright-core, as the browser tests need it.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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
