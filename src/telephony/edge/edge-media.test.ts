// The edge's media end to end, with the caller's and the phone's RTP run by the test (RTP sockets
// named in SIPp's SDP): the prompt reaches the caller before any operator answers; the caller's key
// goes in its RTP; then both peers move their media mid-call with a re-INVITE (SIPp), and the other
// side's audio follows each to its new port through rtpengine, the old port hearing no more. A peer
// is silent once it has been heard, so rtpengine cannot learn the new port from its packets: only
// the re-offer can move the audio. (The caller's re-INVITE comes 10 s after its call is answered, the
// phone's 12 s after it answers: the operator must have answered by then, as it does within seconds.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPhone, startEdgeHarness, trunkCaller, type EdgeHarness } from '../../../test/support/edge-harness.ts';
import { rtpPeers, type RtpPeer } from '../../../test/support/rtp.ts';
import { hasRtpengine, reportMissingRtpengine } from '../../../test/support/rtpengine.ts';
import { freeUdpPort, reportMissingSipp, runSipp, sippFailure, sippPath, type SippResult } from '../../../test/support/sipp.ts';
import { until } from '../../../test/support/until.ts';

reportMissingSipp('src/telephony/edge/edge-media.test.ts');
reportMissingRtpengine('src/telephony/edge/edge-media.test.ts');

/** Packets `peer` got from `sender` (by its SSRC: rtpengine passes it on). */
const heard = (peer: RtpPeer, sender: RtpPeer) => peer.received.filter((p) => p.ssrc === sender.ssrc).length;

/** A peer talking: 20 ms of audio at a time to rtpengine's port for it (known once rtpengine has sent it something). */
function talk(peer: RtpPeer): { stop(): Promise<void> } {
  let on = true;
  const done = (async () => {
    while (on) {
      if (peer.source) await peer.sendAudio(peer.source, 1);
      else await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    stop: async () => {
      on = false;
      await done;
    },
  };
}

describe.skipIf(!sippPath || !hasRtpengine)('the edge’s media end to end (otvet, rtpengine, SIPp)', () => {
  let h: EdgeHarness;
  const peers = rtpPeers();

  beforeAll(async () => {
    h = await startEdgeHarness();
  }, 60_000);

  afterAll(async () => {
    await peers.close();
    await h?.close();
  });

  it('the prompt reaches the caller before the answer; the caller and then the operator’s phone move their media with a re-INVITE, and the audio follows each', async () => {
    const [callerA, callerB, phoneA, phoneB] = [await peers.open(), await peers.open(), await peers.open(), await peers.open()];
    const phone = runSipp({
      scenario: 'operator-moves.xml',
      port: await registerPhone(h),
      mediaPort: await freeUdpPort(true),
      keys: { rtp_ip: '127.0.0.1', rtp_a: phoneA.port, rtp_b: phoneB.port },
    });
    // Ready as the ACD expects before the call is queued (no operator rings before the caller's key).
    expect((await h.operator.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    const caller = await trunkCaller(h, 'caller-moves.xml', { rtp_ip: '127.0.0.1', rtp_a: callerA.port, rtp_b: callerB.port });
    const results: [Promise<SippResult>, Promise<SippResult>] = [caller.done, phone.done];
    const talking: { stop(): Promise<void> }[] = [];
    try {
      // The greeting reaches the caller before its key, so before any phone can ring: speech, not silence.
      await callerA.waitFor((r) => r.length >= 50);
      expect(callerA.received.some((p) => p.payload.some((b) => b !== 0xd5))).toBe(true);
      const promptPackets = callerA.received.length;
      await callerA.sendDtmf(callerA.source!, 2);

      // Answered and bridged: both talk, each heard by the other.
      talking.push(talk(callerA), talk(phoneA));
      await until('the caller and the operator hear each other', () => (heard(callerA, phoneA) >= 10 && heard(phoneA, callerA) >= 10 ? true : undefined));
      expect(callerA.received.slice(0, promptPackets).some((p) => p.ssrc === phoneA.ssrc)).toBe(false);
      // The caller falls silent (the phone talks on) before it moves.
      await talking.shift()!.stop();

      // The caller's re-INVITE: the operator's audio now reaches its new port only.
      await callerB.waitFor(() => heard(callerB, phoneA) > 0, 20_000);
      const atOldPort = heard(callerA, phoneA);
      talking.push(talk(callerB));
      await callerB.waitFor(() => heard(callerB, phoneA) >= 25);
      expect(heard(callerA, phoneA), 'the caller’s old port after the move').toBeLessThanOrEqual(atOldPort + 1);
      await phoneA.waitFor(() => heard(phoneA, callerB) > 0);
      // The phone falls silent (the caller talks on from its new port) before it moves.
      await talking.shift()!.stop();

      // The phone's re-INVITE: the caller's audio now reaches the phone's new port only.
      await phoneB.waitFor(() => heard(phoneB, callerB) > 0, 20_000);
      const atPhoneOld = heard(phoneA, callerB);
      await phoneB.waitFor(() => heard(phoneB, callerB) >= 25);
      expect(heard(phoneA, callerB), 'the phone’s old port after the move').toBeLessThanOrEqual(atPhoneOld + 1);
    } finally {
      await Promise.all(talking.map((t) => t.stop()));
      // (a failure above leaves SIPp waiting for its timeout)
      const settled = await Promise.race([Promise.all(results), new Promise<undefined>((r) => setTimeout(r, 15_000))]);
      if (!settled) [caller, phone].forEach((p) => p.kill());
    }
    const [callerResult, phoneResult] = await Promise.all(results);
    expect(callerResult.code, sippFailure("the caller's scenario", callerResult)).toBe(0);
    expect(phoneResult.code, sippFailure("the operator's phone", phoneResult)).toBe(0);

    // otvet's record: an ordinary call, answered and ended (the events the edge reported).
    const [call] = (await h.supervisor.get('/api/v1/calls?region=77')).body.items as { callId: string }[];
    const types = await until('the call ended in otvet', async () => {
      const events = ((await h.supervisor.get(`/api/v1/calls/${call!.callId}`)).body.events as { id: string; type: string }[]).filter((e) => e.id.startsWith(`${call!.callId}-`));
      return events.some((e) => e.type === 'ended') ? events.map((e) => e.type) : undefined;
    });
    expect(types).toEqual(['offered', 'ivr_choice', 'queued', 'ringing', 'answered', 'ended']);
    expect(h.logLines.filter((l) => (l.level as number) >= 40)).toEqual([]);
  }, 120_000);
});
