/// <reference lib="dom" />
// The edge's CallMedia bridging a plain-RTP caller to a browser's phone (a contact registered over
// WebSocket) through the real rtpengine, with headless Chromium as the phone: the leg offered as
// WebRTC, the browser's answer back to the caller as plain RTP, then mid-call offers both ways as
// JsSIP makes them (hold: a=sendonly, then back) and a caller that moves its port. Chromium must
// accept every SDP rtpengine writes for it, and audio must keep flowing.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallMedia } from '../../src/telephony/edge/runner-media.ts';
import { directionOf } from '../../src/telephony/media/sdp-direction.ts';
import { blankPage, browserAnswer, hasChromium, launchBrowser } from '../support/browser.ts';
import { audioEndpoint, audioSdp, rtpPeers, type RtpPeer } from '../support/rtp.ts';
import { hasRtpengine, reportMissingRtpengine, startRtpengine, type RunningRtpengine } from '../support/rtpengine.ts';
import { until } from '../support/until.ts';

reportMissingRtpengine('test/browser/edge-webrtc-media.test.ts');

type Pc = { pc: RTCPeerConnection };

/** The browser re-offers (as JsSIP's hold and unhold do: the one transceiver's direction changed). */
function reofferIn(tab: Page, direction: RTCRtpTransceiverDirection): Promise<string> {
  return tab.evaluate(async (d) => {
    const { pc } = window as unknown as Pc;
    pc.getTransceivers()[0]!.direction = d;
    await pc.setLocalDescription(await pc.createOffer());
    return pc.localDescription!.sdp;
  }, direction);
}

/** The browser takes rtpengine's answer to its re-offer (throws as Chromium does when it refuses it). */
function takeAnswer(tab: Page, sdp: string): Promise<void> {
  return tab.evaluate(async (s) => {
    await (window as unknown as Pc).pc.setRemoteDescription({ type: 'answer', sdp: s });
  }, sdp);
}

/**
 * The browser's figures: ICE state, RTP packets received by sender's SSRC (rtpengine passes it on;
 * a caller that moves may send with a new one, and Chromium then reports a new receiver) and sent.
 */
function browserStats(tab: Page): Promise<{ ice: string; received: Record<number, number>; sent: number }> {
  return tab.evaluate(async () => {
    const { pc } = window as unknown as Pc;
    const out = { ice: pc.iceConnectionState as string, received: {} as Record<number, number>, sent: 0 };
    (await pc.getStats()).forEach((r: { type: string; ssrc?: number; packetsReceived?: number; packetsSent?: number }) => {
      if (r.type === 'inbound-rtp') out.received[r.ssrc!] = r.packetsReceived ?? 0;
      if (r.type === 'outbound-rtp') out.sent += r.packetsSent ?? 0;
    });
    return out;
  });
}

const WEBRTC = [/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF /m, /^a=fingerprint:/m, /^a=ice-ufrag:/m, /^a=rtcp-mux/m];
const PLAIN = /^a=(fingerprint|ice-ufrag|ice-pwd|candidate|rtcp-mux|crypto|setup)/m;

describe.skipIf(!hasChromium || !hasRtpengine)('CallMedia with a browser’s phone (real rtpengine, Chromium)', () => {
  let engine: RunningRtpengine;
  let browser: Browser;
  let page: { url: string; close(): void };
  const peers = rtpPeers();

  beforeAll(async () => {
    engine = await startRtpengine();
    browser = await launchBrowser({ fakeMedia: true });
    page = await blankPage();
  });
  afterAll(async () => {
    await browser?.close();
    page?.close();
    await peers.close();
    await engine?.stop();
  });

  /** `caller` hears the browser: `n` more packets than it had. */
  const callerHears = (caller: RtpPeer, n: number) => {
    const before = caller.received.length;
    return caller.waitFor((r) => r.length >= before + n);
  };
  /** The browser hears the caller (who sends meanwhile): `n` more of its packets than it had. */
  const browserHears = async (tab: Page, caller: RtpPeer, toCaller: { address: string; port: number }, n: number) => {
    const heard = async () => (await browserStats(tab)).received[caller.ssrc] ?? 0;
    const before = await heard();
    const talking = caller.sendAudio(toCaller, 100);
    await until('the browser hearing the caller', async () => ((await heard()) >= before + n ? true : undefined));
    await talking;
  };

  it('offers the browser WebRTC, gives the caller plain RTP, and keeps audio both ways through hold, unhold and a caller that moves', async () => {
    const [caller, moved] = [await peers.open(), await peers.open()];
    const media = new CallMedia(engine.client, `webrtc-${Date.now()}`, 'caller');
    const toCaller = audioEndpoint(await media.answerCaller(audioSdp(caller.port, 1)));

    const offer = await media.offerLeg('leg-1', true);
    for (const re of WEBRTC) expect(offer).toMatch(re);
    expect(offer).not.toMatch(/^a=crypto:/m);

    const tab = await browser.newPage();
    await tab.goto(page.url);
    const answer = await browserAnswer(tab, offer);
    const forCaller = await media.answerLeg('leg-1', 'operator-1', answer);
    expect(forCaller, 'the caller keeps its port (no re-INVITE)').toBeUndefined();
    expect(media.toCaller).toMatch(/^m=audio \d+ RTP\/AVP /m);
    expect(media.toCaller).not.toMatch(PLAIN);
    await browserHears(tab, caller, toCaller, 25);
    await callerHears(caller, 25);
    expect((await browserStats(tab)).ice).toMatch(/^(connected|completed)$/);

    // The operator holds (JsSIP: a re-INVITE with a=sendonly): answered recvonly, as WebRTC, and the browser takes it.
    const held = await media.phoneOffers('leg-1', 'operator-1', await reofferIn(tab, 'sendonly'));
    for (const re of WEBRTC) expect(held).toMatch(re);
    expect(directionOf(held)).toBe('recvonly');
    await takeAnswer(tab, held);
    await callerHears(caller, 25);

    // Back from hold: audio both ways again.
    const back = await media.phoneOffers('leg-1', 'operator-1', await reofferIn(tab, 'sendrecv'));
    expect(directionOf(back)).toBe('sendrecv');
    await takeAnswer(tab, back);
    await browserHears(tab, caller, toCaller, 25);

    // The caller moves (its re-INVITE): answered as plain RTP, with the browser as it is; audio follows it.
    const moving = audioSdp(moved.port, 1).replace('o=- 1 1 ', 'o=- 1 2 ');
    const forMoved = await media.callerOffers(moving);
    expect(forMoved).toMatch(/^m=audio \d+ RTP\/AVP /m);
    expect(forMoved).not.toMatch(PLAIN);
    expect(audioEndpoint(forMoved).port).toBe(toCaller.port);
    await callerHears(moved, 25);
    await browserHears(tab, moved, toCaller, 25);
    expect((await browserStats(tab)).ice).toMatch(/^(connected|completed)$/);

    await tab.close();
    await media.delete();
  }, 60_000);
});
