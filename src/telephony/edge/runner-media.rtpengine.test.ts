// A call's media in a real rtpengine when a peer moves its media mid-call (a re-INVITE or UPDATE with
// new SDP): the peer's new SDP offered for its side, the other side's current SDP as the answer, so
// that audio follows the peer to its new port. RTP sockets stand for the caller's and the phone's
// ports; a port a peer has left must hear nothing more. A browser's leg (WebRTC) against a recorded
// Chromium answer: each SDP shaped for its receiver (test/browser/edge-webrtc-media.test.ts has the audio).
// A transfer through the runner's actions: the caller taken back from one phone, joined to the next.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { hasRtpengine, reportMissingRtpengine, startRtpengine, type RunningRtpengine } from '../../../test/support/rtpengine.ts';
import { audioEndpoint, audioSdp, rtpPeers, type RtpPeer } from '../../../test/support/rtp.ts';
import { promptFile } from '../media/prompts.ts';
import { directionOf } from '../media/sdp-direction.ts';
import { runAction } from './runner-actions.ts';
import { CallMedia } from './runner-media.ts';
import type { ActionContext, LiveCall, OperatorLegRun } from './runner-types.ts';

reportMissingRtpengine('src/telephony/edge/runner-media.rtpengine.test.ts');

/** The SDP of a peer on `port`, version `version` of its session (RFC 3264 §8: raised with each change). */
const sdp = (port: number, session: number, version: number, direction = 'sendrecv') =>
  audioSdp(port, session).replace(`o=- ${session} 1 `, `o=- ${session} ${version} `).replace('a=sendrecv', `a=${direction}`);

/** A browser's answer as Chromium writes it (recorded from test/browser/edge-webrtc-media.test.ts, its address 127.0.0.1). */
const CHROMIUM_ANSWER = [
  'v=0',
  'o=- 6934439058813608026 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=msid-semantic: WMS 34c75391-a797-4887-ab7c-06f2b7032ca7',
  'm=audio 43134 UDP/TLS/RTP/SAVPF 8 0 101',
  'c=IN IP4 127.0.0.1',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=candidate:2128994712 1 udp 2122194687 127.0.0.1 43134 typ host generation 0 network-id 1',
  'a=ice-ufrag:CfRL',
  'a=ice-pwd:SBAqIyLdJeKYB2gVxS91wN4i',
  'a=ice-options:trickle',
  'a=fingerprint:sha-256 F2:97:F3:1E:21:C3:BF:CC:F8:D8:3B:4D:DB:9E:15:2D:60:2E:9A:DB:AA:A3:0F:38:1E:C4:E9:01:1A:76:90:AE',
  'a=setup:active',
  'a=mid:0',
  'a=sendrecv',
  'a=msid:34c75391-a797-4887-ab7c-06f2b7032ca7 0cc0d6bf-3072-45f4-a708-df94a58969ed',
  'a=rtcp-mux',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=ssrc:183032256 cname:axnUQcbnqPZBC+wA',
  '',
].join('\r\n');
/** What marks WebRTC in an SDP; a plain one toward a trunk or desk phone has none of it. */
const WEBRTC = [/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF /m, /^a=fingerprint:/m, /^a=ice-ufrag:/m, /^a=rtcp-mux/m];
const NOT_PLAIN = /^a=(fingerprint|ice-ufrag|ice-pwd|candidate|rtcp-mux|crypto|setup)/m;

/** Packets `peer` got from `from` (by its SSRC: rtpengine passes it on). */
const from = (peer: RtpPeer, sender: RtpPeer) => peer.received.filter((p) => p.ssrc === sender.ssrc).length;

/** What runAction needs of the runner, around a real CallMedia: the caller's re-INVITEs and what is logged above info kept. */
function runnerOf(media: CallMedia) {
  const reinvites: string[] = [];
  const logged: string[] = [];
  const log = (level: string) => (fields: unknown, msg?: string) => void logged.push(`${level}: ${msg ?? String(fields)} ${JSON.stringify(fields)}`);
  const logger = { error: log('error'), warn: log('warn'), info: () => {}, debug: () => {} };
  const caller = { reinvite: async (s?: string) => (s !== undefined && reinvites.push(s), { status: 200 }) };
  const live = { callId: media.callId, media, mediaFailed: false, mediaEnded: false, legs: new Map<string, OperatorLegRun>(), caller } as unknown as LiveCall;
  const ctx = { deps: { logger }, input: () => {} } as unknown as ActionContext;
  return { ctx, live, reinvites, logged };
}

describe.skipIf(!hasRtpengine)('CallMedia: peers that move their media (real rtpengine)', () => {
  let engine: RunningRtpengine;
  const peers = rtpPeers();
  const peer = () => peers.open();

  beforeAll(async () => {
    engine = await startRtpengine();
  });
  afterAll(async () => {
    await peers.close();
    await engine?.stop();
  });

  it('a caller that moves during the IVR hears the prompt on its new port, and the operator there once joined', async () => {
    const [a, b, phone] = [await peer(), await peer(), await peer()];
    const media = new CallMedia(engine.client, `call-${randomUUID()}`, 'caller-1');
    const toCaller = audioEndpoint(await media.answerCaller(sdp(a.port, 1, 1)));
    await media.play(promptFile('greeting'), 10);
    await a.waitFor((r) => r.length >= 10);

    const again = await media.callerOffers(sdp(b.port, 1, 2));
    expect(audioEndpoint(again).port, 'rtpengine keeps its port toward the caller').toBe(toCaller.port);
    const [atA, atB] = [a.received.length, b.received.length];
    await b.waitFor((r) => r.length >= atB + 10);
    expect(a.received.length, 'the old port hears no more of the prompt').toBeLessThanOrEqual(atA + 2);

    await media.stop();
    const toPhone = audioEndpoint(await media.offerLeg('leg-1'));
    expect(await media.answerLeg('leg-1', 'operator-1', sdp(phone.port, 2, 1))).toBeUndefined();
    await Promise.all([phone.sendAudio(toPhone, 15), b.sendAudio(toCaller, 15)]);
    await b.waitFor(() => from(b, phone) >= 10);
    await phone.waitFor(() => from(phone, b) >= 10);
    expect(from(a, phone)).toBe(0);
    await media.delete();
  });

  it('after the bridge: the caller moves, the operator’s phone moves and holds; audio follows each, and the hold is answered recvonly', async () => {
    const [a, b, p1, p2] = [await peer(), await peer(), await peer(), await peer()];
    const media = new CallMedia(engine.client, `call-${randomUUID()}`, 'caller-2');
    const toCaller = audioEndpoint(await media.answerCaller(sdp(a.port, 1, 1)));
    const toPhone = audioEndpoint(await media.offerLeg('leg-1'));
    await media.answerLeg('leg-1', 'operator-1', sdp(p1.port, 2, 1));
    await Promise.all([p1.sendAudio(toPhone, 10), a.sendAudio(toCaller, 10)]);
    await a.waitFor(() => from(a, p1) >= 5);

    // The caller moves (a re-INVITE from the trunk): the operator's audio goes to its new port.
    const forCaller = await media.callerOffers(sdp(b.port, 1, 2));
    expect(audioEndpoint(forCaller).port).toBe(toCaller.port);
    const heardAtA = from(a, p1);
    await p1.sendAudio(toPhone, 15);
    await b.waitFor(() => from(b, p1) >= 10);
    expect(from(a, p1), 'the caller’s old port').toBeLessThanOrEqual(heardAtA + 1);

    // The phone moves (its re-INVITE): the caller's audio goes to the phone's new port.
    const forPhone = await media.phoneOffers('leg-1', 'operator-1', sdp(p2.port, 2, 2));
    expect(audioEndpoint(forPhone).port, 'rtpengine keeps its port toward the phone').toBe(toPhone.port);
    const heardAtP1 = from(p1, b);
    await b.sendAudio(toCaller, 15);
    await p2.waitFor(() => from(p2, b) >= 10);
    expect(from(p1, b), 'the phone’s old port').toBeLessThanOrEqual(heardAtP1 + 1);

    // The caller moves back: answered with the phone's current SDP, so the phone is still reached on its new port.
    await media.callerOffers(sdp(a.port, 1, 3));
    const [heard, heardAtP1Before] = [from(p2, a), from(p1, a)];
    await a.sendAudio(toCaller, 15);
    await p2.waitFor(() => from(p2, a) >= heard + 10);
    expect(from(p1, a), 'the phone’s old port').toBe(heardAtP1Before);

    // The operator holds (sendonly): the phone is answered recvonly, and its music still reaches the caller.
    const held = await media.phoneOffers('leg-1', 'operator-1', sdp(p2.port, 2, 3, 'sendonly'));
    expect(directionOf(held)).toBe('recvonly');
    const before = from(a, p2);
    await p2.sendAudio(toPhone, 15);
    await a.waitFor(() => from(a, p2) >= before + 10);
    await media.delete();
  });

  it('a browser’s leg (WebRTC) beside a desk phone’s: ICE, DTLS and RTCP-mux toward the browser only, plain RTP toward the caller and the desk phone', async () => {
    const caller = await peer();
    // (every answer rtpengine writes, kept: the caller keeps its port, so CallMedia passes on none)
    const answers: string[] = [];
    const client = Object.assign(Object.create(engine.client) as typeof engine.client, {
      answer: async (o: Parameters<typeof engine.client.answer>[0]) => {
        const r = await engine.client.answer(o);
        answers.push(r.sdp);
        return r;
      },
    });
    const media = new CallMedia(client, `call-${randomUUID()}`, 'caller-3');
    await media.answerCaller(sdp(caller.port, 1, 1));
    const toBrowser = await media.offerLeg('leg-1', true);
    for (const re of WEBRTC) expect(toBrowser).toMatch(re);
    expect(toBrowser, 'no SDES keys beside DTLS').not.toMatch(/^a=crypto:/m);
    const toDesk = await media.offerLeg('leg-2');
    expect(toDesk).toMatch(/^m=audio \d+ RTP\/AVP /m);
    expect(toDesk).not.toMatch(NOT_PLAIN);

    // The browser answers: the caller keeps its port, and what it has is plain RTP.
    expect(await media.answerLeg('leg-1', 'operator-1', CHROMIUM_ANSWER)).toBeUndefined();
    expect(answers.at(-1)).toMatch(/^m=audio \d+ RTP\/AVP /m);
    expect(answers.at(-1)).not.toMatch(NOT_PLAIN);

    // JsSIP's hold (a re-INVITE, a=sendonly): answered recvonly, as WebRTC, RTCP multiplexed.
    const hold = CHROMIUM_ANSWER.replace('o=- 6934439058813608026 2 ', 'o=- 6934439058813608026 3 ').replace('a=setup:active', 'a=setup:actpass').replace('a=sendrecv', 'a=sendonly');
    const held = await media.phoneOffers('leg-1', 'operator-1', hold);
    for (const re of WEBRTC) expect(held).toMatch(re);
    expect(directionOf(held)).toBe('recvonly');

    // The caller re-offers while joined to the browser: answered as plain RTP.
    const forCaller = await media.callerOffers(sdp(caller.port, 1, 2));
    expect(forCaller).toMatch(/^m=audio \d+ RTP\/AVP /m);
    expect(forCaller).not.toMatch(NOT_PLAIN);
    await media.delete();
  });
  it('a transfer (the runner’s actions): the caller taken back from phone A hears the prompt and nothing of A, A nothing of them; phone B then joins and they hear each other', async () => {
    const [caller, a, b] = [await peer(), await peer(), await peer()];
    const media = new CallMedia(engine.client, `call-${randomUUID()}`, 'caller-4');
    const { ctx, live, reinvites, logged } = runnerOf(media);
    let toCaller = audioEndpoint(await media.answerCaller(sdp(caller.port, 1, 1)));
    /** A phone's leg as ring() leaves it once the phone answered with `phoneSdp`. */
    const answeredLeg = async (n: number, phoneSdp: string) => {
      const run = { legId: `c/${n}`, operator: `op-${n}`, contact: `sip:op-${n}@x`, branch: `leg-${n}`, tag: `operator-${n}`, cancelled: false, answerSdp: phoneSdp, leg: { hangup: () => {} } };
      live.legs.set(run.legId, run as unknown as OperatorLegRun);
      return audioEndpoint(await media.offerLeg(run.branch));
    };
    /** Where rtpengine wants the caller's packets now: its last SDP to them (a re-INVITE's, when one was sent). */
    const callerTarget = () => (reinvites.length ? audioEndpoint(reinvites.at(-1)!) : toCaller);

    const toA = await answeredLeg(1, sdp(a.port, 2, 1));
    await runAction(ctx, live, { type: 'bridge', legId: 'c/1' });
    await Promise.all([a.sendAudio(toA, 10), caller.sendAudio(callerTarget(), 10)]);
    await a.waitFor(() => from(a, caller) >= 5);
    await caller.waitFor(() => from(caller, a) >= 5);
    await media.stop();

    await runAction(ctx, live, { type: 'unbridge', legId: 'c/1' });
    expect(logged, 'nothing failed').toEqual([]);
    toCaller = callerTarget();
    const [aHeard, callerHeardA, callerHeard] = [from(a, caller), from(caller, a), caller.received.length];
    await media.play(promptFile('connecting'));
    // (A still sends, as a phone whose BYE crosses the media would)
    await Promise.all([caller.sendAudio(toCaller, 25), a.sendAudio(toA, 25)]);
    await caller.waitFor((r) => r.length >= callerHeard + 10);
    expect(
      caller.received.slice(callerHeard).some((p) => p.ssrc !== a.ssrc && p.payload.some((x) => x !== 0xd5)),
      'the prompt reaches the caller',
    ).toBe(true);
    expect(from(a, caller), 'phone A hears nothing more of the caller').toBeLessThanOrEqual(aHeard + 1);
    expect(from(caller, a), 'the caller hears nothing more of phone A').toBeLessThanOrEqual(callerHeardA + 1);
    await expect(media.phoneOffers('leg-1', 'operator-1', sdp(a.port, 2, 2)), 'a late re-offer from A joins nothing').rejects.toThrow(/taken from this phone/);

    // The caller moves while waiting (a re-INVITE): answered by the IVR's side, the prompt follows them.
    const moved = await peer();
    await media.callerOffers(sdp(moved.port, 1, 2));
    await media.play(promptFile('connecting'));
    await moved.sendAudio(toCaller, 15);
    await moved.waitFor((r) => r.length >= 10);
    expect(from(a, moved), 'phone A hears nothing of them there either').toBeLessThanOrEqual(1);
    await media.callerOffers(sdp(caller.port, 1, 3));

    // The next operator's phone: a branch of its own, bridged as any.
    await media.stop();
    const toB = await answeredLeg(2, sdp(b.port, 3, 1));
    await runAction(ctx, live, { type: 'bridge', legId: 'c/2' });
    toCaller = callerTarget();
    await Promise.all([b.sendAudio(toB, 15), caller.sendAudio(toCaller, 15), a.sendAudio(toA, 15)]);
    await b.waitFor(() => from(b, caller) >= 10);
    await caller.waitFor(() => from(caller, b) >= 10);
    expect(from(a, caller), 'phone A still hears nothing').toBeLessThanOrEqual(aHeard + 1);
    expect(from(caller, a), 'nor the caller phone A').toBeLessThanOrEqual(callerHeardA + 1);
    expect(logged).toEqual([]);
    await media.delete();
  });

  it('a transfer from a browser’s phone to a desk phone, and from a desk phone to a browser’s: plain RTP toward the caller throughout, WebRTC toward the browser', async () => {
    const [caller, desk] = [await peer(), await peer()];
    const media = new CallMedia(engine.client, `call-${randomUUID()}`, 'caller-5');
    let toCaller = audioEndpoint(await media.answerCaller(sdp(caller.port, 1, 1)));
    await media.offerLeg('leg-1', true);
    const fromBrowser = await media.answerLeg('leg-1', 'operator-1', CHROMIUM_ANSWER);
    if (fromBrowser !== undefined) expect(fromBrowser).not.toMatch(NOT_PLAIN);
    const back = await media.unbridge();
    if (back !== undefined) {
      expect(back).toMatch(/^m=audio \d+ RTP\/AVP /m);
      expect(back).not.toMatch(NOT_PLAIN);
      toCaller = audioEndpoint(back);
    }
    const toDesk = audioEndpoint(await media.offerLeg('leg-2'));
    const joined = await media.answerLeg('leg-2', 'operator-2', sdp(desk.port, 2, 1));
    if (joined !== undefined) toCaller = audioEndpoint(joined);
    await Promise.all([desk.sendAudio(toDesk, 15), caller.sendAudio(toCaller, 15)]);
    await desk.waitFor(() => from(desk, caller) >= 10);
    await caller.waitFor(() => from(caller, desk) >= 10);

    // And on to a browser: offered WebRTC, the caller answered plain RTP.
    await media.unbridge();
    const toBrowser = await media.offerLeg('leg-3', true);
    for (const re of WEBRTC) expect(toBrowser).toMatch(re);
    const last = await media.answerLeg('leg-3', 'operator-3', CHROMIUM_ANSWER.replace('43134', '43136'));
    if (last !== undefined) expect(last).not.toMatch(NOT_PLAIN);
    await media.delete();
  });
});
