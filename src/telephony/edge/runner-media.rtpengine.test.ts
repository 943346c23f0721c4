// A call's media in a real rtpengine when a peer moves its media mid-call (a re-INVITE or UPDATE with
// new SDP): the peer's new SDP offered for its side, the other side's current SDP as the answer, so
// that audio follows the peer to its new port. RTP sockets stand for the caller's and the phone's
// ports; a port a peer has left must hear nothing more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { hasRtpengine, reportMissingRtpengine, startRtpengine, type RunningRtpengine } from '../../../test/support/rtpengine.ts';
import { audioEndpoint, audioSdp, rtpPeers, type RtpPeer } from '../../../test/support/rtp.ts';
import { promptFile } from '../media/prompts.ts';
import { directionOf } from '../media/sdp-direction.ts';
import { CallMedia } from './runner-media.ts';

reportMissingRtpengine('src/telephony/edge/runner-media.rtpengine.test.ts');

/** The SDP of a peer on `port`, version `version` of its session (RFC 3264 §8: raised with each change). */
const sdp = (port: number, session: number, version: number, direction = 'sendrecv') =>
  audioSdp(port, session).replace(`o=- ${session} 1 `, `o=- ${session} ${version} `).replace('a=sendrecv', `a=${direction}`);

/** Packets `peer` got from `from` (by its SSRC: rtpengine passes it on). */
const from = (peer: RtpPeer, sender: RtpPeer) => peer.received.filter((p) => p.ssrc === sender.ssrc).length;

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
});
