/// <reference lib="dom" />
// The media half of the workstation's phone (issue 15, ADR 0015): rtpengine bridges a caller's
// plain RTP to a browser's WebRTC (ICE, DTLS-SRTP, RTCP multiplexed) with the options our ng client
// sends. A caller (a UDP socket speaking PCMA) on one side, headless Chromium with a fake microphone
// on the other; audio must arrive both ways.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankPage, browserAnswer, hasChromium, launchBrowser } from '../support/browser.ts';
import { audioEndpoint, audioSdp, RtpPeer } from '../support/rtp.ts';
import { hasRtpengine, reportMissingRtpengine, startRtpengine, type RunningRtpengine } from '../support/rtpengine.ts';
import { until } from '../support/until.ts';

reportMissingRtpengine('test/browser/webrtc-media.test.ts');

describe.skipIf(!hasChromium || !hasRtpengine)('rtpengine between a plain-RTP caller and a browser (WebRTC)', () => {
  let engine: RunningRtpengine;
  let browser: Browser;
  let page: { url: string; close(): void };

  beforeAll(async () => {
    engine = await startRtpengine();
    browser = await launchBrowser({ fakeMedia: true });
    page = await blankPage();
  });
  afterAll(async () => {
    await browser?.close();
    page?.close();
    await engine?.stop();
  });

  it('connects ICE and DTLS-SRTP to the browser, and audio flows both ways', async () => {
    const caller = await RtpPeer.open();
    const callId = `webrtc-${Date.now()}`;
    const callerSdp = audioSdp(caller.port, 1);
    try {
      // Toward the browser: ICE, DTLS (no SDES keys beside it), RTP and RTCP on one port.
      const offer = await engine.client.offer({
        callId,
        fromTag: 'caller',
        sdp: callerSdp,
        ice: 'force',
        transportProtocol: 'UDP/TLS/RTP/SAVPF',
        SDES: ['off'],
        rtcpMux: ['offer'],
        replace: ['origin'],
      });
      expect(offer.sdp).toMatch(/^a=fingerprint:sha-256 /m);
      expect(offer.sdp).toMatch(/^a=rtcp-mux/m);
      expect(offer.sdp).not.toMatch(/^a=crypto:/m);

      const tab = await browser.newPage();
      await tab.goto(page.url);
      const answerSdp = await browserAnswer(tab, offer.sdp);

      // Toward the caller: plain RTP, RTCP on its own port again.
      const answer = await engine.client.answer({ callId, fromTag: 'caller', toTag: 'browser', sdp: answerSdp, ice: 'remove', transportProtocol: 'RTP/AVP', rtcpMux: ['demux'], replace: ['origin'] });
      expect(answer.sdp).toMatch(/^m=audio \d+ RTP\/AVP /m);
      expect(answer.sdp).not.toMatch(/^a=(fingerprint|ice-ufrag|rtcp-mux)/m);
      // (3 s of the caller's audio while the browser's figures are read)
      const talking = caller.sendAudio(audioEndpoint(answer.sdp), 150);
      const stats = await until('audio both ways in the browser', async () => {
        const s = await tab.evaluate(async () => {
          const pc = (window as unknown as { pc: RTCPeerConnection }).pc;
          const out = { ice: pc.iceConnectionState, received: 0, sent: 0 };
          (await pc.getStats()).forEach((r: { type: string; packetsReceived?: number; packetsSent?: number }) => {
            if (r.type === 'inbound-rtp') out.received += r.packetsReceived ?? 0;
            if (r.type === 'outbound-rtp') out.sent += r.packetsSent ?? 0;
          });
          return out;
        });
        return s.received >= 25 && s.sent >= 25 && caller.received.length >= 25 ? s : undefined;
      });
      expect(stats.ice).toMatch(/^(connected|completed)$/);
      await talking;
      await tab.close();
    } finally {
      await engine.client.delete({ callId, fromTag: 'caller' }).catch(() => {});
      await caller.close();
    }
  }, 60_000);
});
