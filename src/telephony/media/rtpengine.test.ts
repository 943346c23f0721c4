// The client against a real rtpengine (userspace, 127.0.0.1): one call's media as the edge will run
// it. Two UDP sockets stand for the caller's and the operator's phones; rtpengine relays between
// them, plays a prompt to the caller, reports the caller's key press, and returns the figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { hasRtpengine, reportMissingRtpengine, startRtpengineHearingKeys } from '../../../test/support/rtpengine.ts';
import { audioEndpoint, audioSdp, PCMA, RtpPeer } from '../../../test/support/rtp.ts';
import { promptFile } from './prompts.ts';
import { RtpengineError, type SdpOptions } from './rtpengine.ts';

reportMissingRtpengine('src/telephony/media/rtpengine.test.ts');

/**
 * What the edge sends with every leg: trust the SDP's addresses, keep rtpengine's ports when the
 * other side changes (port latching: without it the caller is given a new port when the operator
 * replaces the IVR placeholder), rewrite o= and c=, no ICE, no recording.
 */
const legDefaults: Pick<SdpOptions, 'flags' | 'replace' | 'ice' | 'recordCall'> = {
  flags: ['trust address', 'port latching'],
  replace: ['origin', 'session connection'],
  ice: 'remove',
  recordCall: 'no',
};

async function until<T>(what: string, probe: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!hasRtpengine)('rtpengine over the ng protocol (real daemon)', () => {
  let engine: Awaited<ReturnType<typeof startRtpengineHearingKeys>>;
  const peers: RtpPeer[] = [];

  beforeAll(async () => {
    engine = await startRtpengineHearingKeys();
  });
  afterAll(async () => {
    await Promise.all(peers.map((p) => p.close()));
    await engine?.stop();
  });

  async function peer(): Promise<RtpPeer> {
    const p = await RtpPeer.open();
    peers.push(p);
    return p;
  }

  it('answers ping and gives its statistics', async () => {
    await engine.client.ping();
    const stats = await engine.client.statistics();
    expect(stats.totals.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(stats.raw).toHaveProperty('currentstatistics');
  });

  it("carries a call: audio both ways, a prompt to the caller, the caller's key press, the figures at the end", async () => {
    const rtp = engine.client;
    const [caller, operator] = [await peer(), await peer()];
    const callId = `call-${randomUUID()}`;
    const callerTag = 'caller-tag-1';
    const operatorTag = 'operator-tag-1';

    // The caller's INVITE: rtpengine's rewritten SDP goes to the operator, naming rtpengine's own port.
    const offered = await rtp.offer({ ...legDefaults, callId, fromTag: callerTag, label: 'caller', sdp: audioSdp(caller.port, 1) });
    const towardOperator = audioEndpoint(offered.sdp);
    expect(towardOperator.address).toBe('127.0.0.1');
    expect(towardOperator.port).toBeGreaterThanOrEqual(engine.portMin);
    expect(towardOperator.port).toBeLessThanOrEqual(engine.portMax);
    expect(towardOperator.payloadTypes).toContain(PCMA);
    expect(offered.sdp).not.toMatch(/a=ice-/);

    // The operator's 200 OK: the rewritten SDP goes back to the caller, naming another of rtpengine's ports.
    const answered = await rtp.answer({ ...legDefaults, callId, fromTag: callerTag, toTag: operatorTag, label: 'operator', sdp: audioSdp(operator.port, 2) });
    const towardCaller = audioEndpoint(answered.sdp);
    expect(towardCaller.port).not.toBe(towardOperator.port);
    expect(towardCaller.port).not.toBe(caller.port);

    // Both talk: each hears the other through rtpengine.
    await Promise.all([caller.sendAudio(towardCaller, 25), operator.sendAudio(towardOperator, 25)]);
    await operator.waitFor((r) => r.length > 0);
    await caller.waitFor((r) => r.length > 0);
    expect(operator.received.every((p) => p.payloadType === PCMA)).toBe(true);

    const during = await rtp.query(callId);
    const leg = (s: typeof during, tag: string) => s.legs.find((l) => l.tag === tag);
    expect(leg(during, callerTag)?.rtp.packets, 'caller → operator').toBeGreaterThan(0);
    expect(leg(during, operatorTag)?.rtp.packets, 'operator → caller').toBeGreaterThan(0);
    expect(leg(during, callerTag)?.label).toBe('caller');

    // A prompt to the caller: rtpengine reads the WAV, encodes it as the caller's codec and sends it.
    const before = caller.received.length;
    const played = await rtp.playMedia({ callId, fromTag: callerTag, file: promptFile('menu-intro') });
    expect(played.durationMs).toBeGreaterThan(500);
    await caller.waitFor((r) => r.length >= before + 25);
    const prompt = caller.received.slice(before);
    expect(prompt.every((p) => p.payloadType === PCMA && p.payload.length === 160)).toBe(true);
    expect(
      prompt.some((p) => p.payload.some((b) => b !== 0xd5)),
      "speech, not the operator's A-law silence",
    ).toBe(true);
    expect(operator.received.length).toBeGreaterThan(0);
    await rtp.stopMedia({ callId, fromTag: callerTag }).catch((e: RtpengineError) => {
      // The prompt may have ended already: then rtpengine has nothing to stop, which is fine.
      expect(e.reason).toMatch(/not currently playing/i);
    });

    // The caller presses 2 (RFC 4733 in its RTP): rtpengine reports it to the edge's listener.
    await caller.sendAudio(towardCaller, 3);
    await caller.sendDtmf(towardCaller, 2);
    const press = await until('the key press', () => engine.keys.find((e) => e.callId === callId));
    expect(press).toMatchObject({ callId, sourceTag: callerTag, digit: '2', event: 2 });
    expect(press.durationMs).toBeGreaterThan(0);
    expect(press.tags).toEqual(expect.arrayContaining([callerTag, operatorTag]));

    // Hang-up: the delete returns the call's final figures.
    const deleted = await rtp.delete({ callId, fromTag: callerTag });
    expect(deleted.warning).toBeUndefined();
    expect(leg(deleted.stats!, callerTag)!.rtp.packets).toBeGreaterThanOrEqual(leg(during, callerTag)!.rtp.packets);
    expect(leg(deleted.stats!, operatorTag)!.rtp.packets).toBeGreaterThan(0);
    expect(deleted.stats!.totals.rtp.packets).toBeGreaterThan(0);
    expect(deleted.stats!.totals.rtp.bytes).toBeGreaterThan(deleted.stats!.totals.rtp.packets * 100);

    const gone = await rtp.query(callId).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(RtpengineError);
    expect(gone).toMatchObject({ command: 'query', kind: 'error' });
    expect((gone as RtpengineError).reason).toMatch(/unknown call/i);
  });

  it('plays the IVR to a caller before any operator, then joins the operator on the port the caller already has', async () => {
    const rtp = engine.client;
    const [caller, operator] = [await peer(), await peer()];
    const callId = `call-${randomUUID()}`;
    const callerTag = 'caller-tag-2';

    // The edge answers the caller itself: the other side is a placeholder (the discard port), so
    // rtpengine has a caller-facing port to put in the edge's 200 OK before any operator exists.
    const towardIvr = audioEndpoint((await rtp.offer({ ...legDefaults, callId, fromTag: callerTag, viaBranch: 'ivr-branch-2', sdp: audioSdp(caller.port, 1) })).sdp);
    const ivr = await rtp.answer({ ...legDefaults, callId, fromTag: callerTag, toTag: 'ivr-2', viaBranch: 'ivr-branch-2', sdp: audioSdp(9, 4) });
    const towardCaller = audioEndpoint(ivr.sdp);

    await rtp.playMedia({ callId, fromTag: callerTag, file: promptFile('greeting') });
    await caller.waitFor((r) => r.length >= 25);
    await caller.sendAudio(towardCaller, 3);
    await caller.sendDtmf(towardCaller, 1);
    await until('the key press in the IVR', () => engine.keys.find((e) => e.callId === callId && e.digit === '1'));
    await rtp.stopMedia({ callId, fromTag: callerTag }).catch(() => undefined);

    // An operator's phone is rung: the INVITE's own via-branch makes a new branch in rtpengine (as
    // for forking), with a port of its own toward the operator; 'port latching' keeps the caller's.
    const offered = await rtp.offer({ ...legDefaults, callId, fromTag: callerTag, viaBranch: 'z9hG4bK-op-2', sdp: audioSdp(caller.port, 1) });
    const towardOperator = audioEndpoint(offered.sdp);
    expect(towardOperator.port).not.toBe(towardIvr.port);
    const answered = await rtp.answer({ ...legDefaults, callId, fromTag: callerTag, toTag: 'operator-tag-2', viaBranch: 'z9hG4bK-op-2', sdp: audioSdp(operator.port, 2) });
    expect(audioEndpoint(answered.sdp).port, 'the caller keeps the port it was given: no re-INVITE').toBe(towardCaller.port);

    const heardBefore = caller.received.length;
    await Promise.all([caller.sendAudio(towardCaller, 25), operator.sendAudio(towardOperator, 25)]);
    await operator.waitFor((r) => r.length > 0);
    await caller.waitFor((r) => r.length > heardBefore);
    const deleted = await rtp.delete({ callId, fromTag: callerTag });
    const legOf = (tag: string) => deleted.stats!.legs.find((l) => l.tag === tag);
    expect(legOf(callerTag)!.rtp.packets).toBeGreaterThan(0);
    expect(legOf('operator-tag-2')!.rtp.packets).toBeGreaterThan(0);
  });

  it('says why it refuses, and warns on a delete of a call it does not have', async () => {
    const rtp = engine.client;
    const refused = await rtp.answer({ ...legDefaults, callId: `none-${randomUUID()}`, fromTag: 'a', toTag: 'b', sdp: audioSdp(4000, 3) }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RtpengineError);
    expect((refused as RtpengineError).kind).toBe('error');
    expect((refused as RtpengineError).reason.length).toBeGreaterThan(0);

    const noMedia = await rtp.playMedia({ callId: `none-${randomUUID()}`, fromTag: 'a', file: promptFile('greeting') }).catch((e: unknown) => e);
    expect(noMedia).toMatchObject({ kind: 'error' });

    const deleted = await rtp.delete({ callId: `none-${randomUUID()}`, fromTag: 'a' });
    expect(deleted.stats).toBeUndefined();
    expect(deleted.warning).toMatch(/not found/i);

    const strict = await rtp.delete({ callId: `none-${randomUUID()}`, fromTag: 'a', fatal: true }).catch((e: unknown) => e);
    expect(strict).toMatchObject({ command: 'delete', kind: 'error' });
  });

  it('counts requests, failures and round trips for /metrics', async () => {
    const before = engine.client.metrics.snapshot();
    await engine.client.ping();
    await engine.client.query(`none-${randomUUID()}`).catch(() => undefined);
    const after = engine.client.metrics.snapshot();
    expect(after.requests.ping).toBe((before.requests.ping ?? 0) + 1);
    expect(after.requests.query).toBe((before.requests.query ?? 0) + 1);
    expect(after.failures.query?.error).toBe((before.failures.query?.error ?? 0) + 1);
    expect(after.rtt.count).toBe(before.rtt.count + 2);
  });
});
