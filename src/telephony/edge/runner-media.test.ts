import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { hasRtpengine, reportMissingRtpengine, startRtpengineHearingKeys } from '../../../test/support/rtpengine.ts';
import { audioEndpoint, audioSdp, PCMA, RtpPeer, TELEPHONE_EVENT } from '../../../test/support/rtp.ts';
import { until } from '../../../test/support/until.ts';
import { promptFile } from '../media/prompts.ts';
import type { Rtpengine } from '../media/rtpengine.ts';
import { LEG } from './webrtc-options.ts';
import { audioPort, CallMedia, callbackMediaId, edgeCallIdOf, mediaSummary, placeholderAnswer, placeholderOffer } from './runner-media.ts';

reportMissingRtpengine('src/telephony/edge/runner-media.test.ts (a callback’s media)');

describe('the media of a call', () => {
  it('answers the caller’s offer from nobody: its audio formats, at the discard port', () => {
    const answer = placeholderAnswer(audioSdp(40000, 1));
    expect(answer).toMatch(/^m=audio 9 RTP\/AVP 8 0 101\r$/m);
    expect(answer).toMatch(/^a=rtpmap:8 PCMA\/8000\r$/m);
    expect(answer).toMatch(/^a=fmtp:101 0-16\r$/m);
    expect(answer).toMatch(/^c=IN IP4 127.0.0.1\r$/m);
    expect(audioPort(answer)).toBe(9);
    // formats the offer does not list are not answered
    expect(placeholderAnswer('v=0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n')).not.toMatch(/PCMA/);
  });

  it('offers from nobody for a callback: PCMA, PCMU and telephone-event at the discard port', () => {
    const offer = placeholderOffer();
    expect(offer).toMatch(/^m=audio 9 RTP\/AVP 8 0 101\r$/m);
    expect(offer).toMatch(/^a=rtpmap:101 telephone-event\/8000\r$/m);
    expect(audioPort(offer)).toBe(9);
  });

  it('sums rtpengine’s figures each way: the caller’s tag against everyone else’s', () => {
    const leg = (tag: string, packets: number) => ({ tag, rtp: { packets, bytes: packets * 172, errors: 0 }, rtcp: { packets: 0, bytes: 0, errors: 0 }, lastPacketAt: 0 });
    const stats = {
      createdAt: 0,
      totals: { rtp: { packets: 0, bytes: 0, errors: 2 }, rtcp: { packets: 0, bytes: 0, errors: 0 } },
      legs: [leg('caller', 10), leg('edge-ivr', 0), leg('operator-1', 7)],
    };
    expect(mediaSummary(stats, 'caller')).toEqual({ callerToOperator: { packets: 10, bytes: 1720 }, operatorToCaller: { packets: 7, bytes: 1204 }, errors: 2 });
  });
});

describe('the options of each SDP rtpengine writes, by its receiver', () => {
  /** An rtpengine that answers every offer and answer with a plain SDP, and keeps what it was asked. */
  function recording() {
    const asked: { op: string; from: string; opts: Record<string, unknown> }[] = [];
    const keep = (op: string) => async (o: Record<string, unknown>) => {
      const { callId, fromTag, toTag, viaBranch, label, sdp, ...opts } = o;
      void [callId, toTag, viaBranch, label, sdp];
      asked.push({ op, from: String(fromTag), opts });
      return { sdp: audioSdp(30000, 1) };
    };
    return { rtp: { offer: keep('offer'), answer: keep('answer') } as unknown as Rtpengine, asked };
  }
  const WEBRTC = { ...LEG, ice: 'force', transportProtocol: 'UDP/TLS/RTP/SAVPF', SDES: ['off'] };
  const PLAIN = { ...LEG, ice: 'remove', transportProtocol: 'RTP/AVP', rtcpMux: ['demux'] };

  it('a desk phone’s leg: LEG throughout, as ever', async () => {
    const { rtp, asked } = recording();
    const media = new CallMedia(rtp, 'c', 'caller');
    await media.answerCaller(audioSdp(40000, 1));
    await media.offerLeg('leg-1');
    await media.answerLeg('leg-1', 'operator-1', audioSdp(40002, 2));
    await media.phoneOffers('leg-1', 'operator-1', audioSdp(40002, 2));
    await media.callerOffers(audioSdp(40000, 1));
    expect(asked.map((a) => a.opts)).toEqual(Array(8).fill(LEG));
  });

  it('a browser’s leg: WebRTC toward the browser (offer: RTCP-mux offered; answer: accepted), plain RTP toward the caller', async () => {
    const { rtp, asked } = recording();
    const media = new CallMedia(rtp, 'c', 'caller');
    await media.answerCaller(audioSdp(40000, 1));
    asked.length = 0;
    await media.offerLeg('leg-1', true);
    await media.answerLeg('leg-1', 'operator-1', audioSdp(40002, 2));
    await media.phoneOffers('leg-1', 'operator-1', audioSdp(40002, 2));
    await media.callerOffers(audioSdp(40000, 1));
    expect(asked).toEqual([
      { op: 'offer', from: 'caller', opts: { ...WEBRTC, rtcpMux: ['offer'] } },
      { op: 'answer', from: 'caller', opts: PLAIN },
      // the browser's re-offer: rtpengine's offer is for the caller's side, its answer for the browser
      { op: 'offer', from: 'operator-1', opts: PLAIN },
      { op: 'answer', from: 'operator-1', opts: { ...WEBRTC, rtcpMux: ['accept'] } },
      // the caller's re-offer: toward the browser's side, answered toward the caller
      { op: 'offer', from: 'caller', opts: { ...WEBRTC, rtcpMux: ['offer'] } },
      { op: 'answer', from: 'caller', opts: PLAIN },
    ]);
  });
});

describe.skipIf(!hasRtpengine)('the media of a callback (real rtpengine)', () => {
  let engine: Awaited<ReturnType<typeof startRtpengineHearingKeys>>;
  beforeAll(async () => void (engine = await startRtpengineHearingKeys()));
  afterAll(() => engine?.stop());

  it('the edge offers the caller rtpengine’s port, their answer anchors them; prompts and keys; an operator joins on the port they have; audio both ways', async () => {
    const [caller, operator] = [await RtpPeer.open(), await RtpPeer.open()];
    onTestFinished(() => Promise.all([caller.close(), operator.close()]).then(() => {}));
    const media = new CallMedia(engine.client, callbackMediaId('edge-abc', 1), 'caller');
    expect(edgeCallIdOf(media.callId)).toBe('edge-abc');
    expect(edgeCallIdOf('edge-abc')).toBe('edge-abc');

    // Our INVITE's offer: rtpengine's own port, the usual formats.
    const offer = await media.offerCaller();
    const towardCaller = audioEndpoint(offer);
    expect(towardCaller.port).toBeGreaterThanOrEqual(engine.portMin);
    expect(towardCaller.payloadTypes).toEqual(expect.arrayContaining([PCMA, TELEPHONE_EVENT]));
    await media.callerAnswered(audioSdp(caller.port, 7));

    await media.play(promptFile('greeting'));
    await caller.waitFor((r) => r.length >= 25);
    await caller.sendAudio(towardCaller, 3);
    await caller.sendDtmf(towardCaller, 1);
    const press = await until('the key press', () => engine.keys.find((e) => e.callId === media.callId));
    expect(press).toMatchObject({ sourceTag: 'caller', digit: '1' });
    await media.stop();

    const towardOperator = audioEndpoint(await media.offerLeg('leg-1'));
    expect(await media.answerLeg('leg-1', 'operator-1', audioSdp(operator.port, 8)), 'the caller keeps its port: no re-INVITE').toBeUndefined();
    const heard = caller.received.length;
    await Promise.all([caller.sendAudio(towardCaller, 25), operator.sendAudio(towardOperator, 25)]);
    await operator.waitFor((r) => r.length > 0);
    await caller.waitFor((r) => r.length > heard);
    const summary = mediaSummary((await media.delete())!, 'caller');
    expect(summary.callerToOperator.packets).toBeGreaterThan(0);
    expect(summary.operatorToCaller.packets).toBeGreaterThan(0);
  });
});
