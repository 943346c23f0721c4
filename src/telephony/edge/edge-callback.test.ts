// Callbacks end to end with real peers (test/support/edge-harness.ts): otvet's ACD offers one because
// the queue's callback threshold is below the estimated wait (its only operator is on a break); a
// SIPp caller through the trunk presses 2, then 1, hears goodbye and is hung up. The operator gets
// ready, otvet decides `callback`, and the edge calls the caller back through the trunk: a SIPp UAS
// on 127.0.0.2 where EDGE_TRUNK_OUTBOUND says the trunk takes outbound calls, checking the caller's
// number in the Request-URI. The caller answers, the operator's phone (SIPp) rings and answers, they
// talk, the caller hangs up. Then otvet's record, rtpengine's figures for the callback's media, and no
// caller's number in any log line. And a busy line (486): otvet hears what the call core says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callIds, newCallIn, registerPhone, startEdgeHarness, trunkCaller, TRUNK, type EdgeHarness } from '../../../test/support/edge-harness.ts';
import { hasRtpengine, reportMissingRtpengine } from '../../../test/support/rtpengine.ts';
import { freeUdpPort, reportMissingSipp, runSipp, sippFailure, sippPath } from '../../../test/support/sipp.ts';
import { until } from '../../../test/support/until.ts';

reportMissingSipp('src/telephony/edge/edge-callback.test.ts');
reportMissingRtpengine('src/telephony/edge/edge-callback.test.ts');

type Event = { id: string; type: string; data: Record<string, unknown> };

describe.skipIf(!sippPath || !hasRtpengine)('the SIP edge calls the caller back (otvet, rtpengine, SIPp)', () => {
  let h: EdgeHarness;
  /** Where the trunk takes outbound calls: a SIPp UAS listens there in each test. */
  let trunkPort: number;

  beforeAll(async () => {
    trunkPort = await freeUdpPort(false, TRUNK);
    h = await startEdgeHarness({ EDGE_TRUNK_OUTBOUND: `${TRUNK}=sip:${TRUNK}:${trunkPort}` });
    // The ACD offers a callback when the estimated wait (180 s a caller per operator at work) is above this.
    for (const queue of (await h.supervisor.get('/api/v1/queues?region=77')).body.items as { id: number }[]) {
      expect((await h.supervisor.put(`/api/v1/queues/${queue.id}`, { callbackThresholdSeconds: 60 })).status).toBe(200);
    }
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  /** The operator at work but not ready; a caller through the trunk takes the callback and is hung up; the call waits in otvet for it. */
  async function callbackRequested(): Promise<string> {
    expect((await h.operator.post('/api/v1/agent/state', { state: 'break' })).status).toBe(200);
    const before = await callIds(h);
    const result = await (await trunkCaller(h, 'caller-callback.xml')).done;
    expect(result.code, sippFailure("the caller's scenario", result)).toBe(0);
    return newCallIn(h, before, 'callback_pending');
  }

  /** The call's events as the edge reported them, once `last` is among them. */
  const edgeEvents = (callId: string, last: string) =>
    until(`${last} in otvet`, async () => {
      const mine = ((await h.supervisor.get(`/api/v1/calls/${callId}`)).body.events as Event[]).filter((e) => e.id.startsWith(`${callId}-`));
      return mine.some((e) => e.type === last) ? mine : undefined;
    });

  it('offered a callback, the caller takes it; called back through the trunk with their number, they answer and talk to the operator', async () => {
    const { edge, operator, logLines } = h;
    const phonePort = await registerPhone(h);
    const phone = runSipp({ scenario: 'operator.xml', port: phonePort, mediaPort: await freeUdpPort(true), timeoutSeconds: 90 });
    const trunk = runSipp({ scenario: 'trunk-callback.xml', host: TRUNK, port: trunkPort, mediaPort: await freeUdpPort(true, TRUNK), timeoutSeconds: 90 });
    let callId: string;
    try {
      callId = await callbackRequested();
      expect(edge.runner.active, 'nobody on the line while the callback waits').toBe(0);
      // An operator frees up: otvet decides the callback, the edge calls the trunk.
      expect((await operator.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    } catch (err) {
      phone.kill();
      trunk.kill();
      throw err;
    }
    const trunkResult = await trunk.done;
    if (trunkResult.code !== 0) phone.kill();
    const phoneResult = await phone.done;
    expect(trunkResult.code, sippFailure('the trunk taking the callback', trunkResult)).toBe(0);
    expect(phoneResult.code, sippFailure("the operator's phone", phoneResult)).toBe(0);

    const events = await edgeEvents(callId, 'ended');
    expect(events.map((e) => e.type)).toEqual(['offered', 'ivr_choice', 'queued', 'callback_requested', 'ringing', 'answered', 'ended']);
    expect(events[4]!.data.operatorId).toBe(operator.userId);
    expect(events[6]!.data.reason).toBe('caller_hung_up');

    // rtpengine's figures for the callback's media (its own rtpengine call), as the edge logged them: audio both ways.
    const media = await until(
      "the callback's media figures",
      () => logLines.find((l) => l.msg === 'call media ended' && l.callId === callId && l.callback === 1)?.media as Record<string, { packets: number }> | undefined,
    );
    expect(media.callerToOperator!.packets, 'caller → operator').toBeGreaterThan(0);
    expect(media.operatorToCaller!.packets, 'operator → caller').toBeGreaterThan(0);
    await until('the call let go', () => (edge.runner.calls.has(callId) ? undefined : true));
    expect(logLines.filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect(JSON.stringify(logLines)).not.toMatch(/79161234512|9161234512/);

    // (the operator's wrap-up, for the next test)
    expect((await operator.post(`/api/v1/agent/calls/${callId}/wrap-up`, { outcome: 'answered' })).status).toBe(204);
  }, 150_000);

  it('the trunk answers the callback 486: the call core says abandoned (callback_not_answered), and otvet hears it', async () => {
    const { operator, logLines } = h;
    await registerPhone(h);
    const trunk = runSipp({ scenario: 'trunk-busy.xml', host: TRUNK, port: trunkPort, mediaPort: await freeUdpPort(true, TRUNK), timeoutSeconds: 60 });
    let callId: string;
    try {
      callId = await callbackRequested();
      expect((await operator.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    } catch (err) {
      trunk.kill();
      throw err;
    }
    const trunkResult = await trunk.done;
    expect(trunkResult.code, sippFailure('the trunk refusing the callback', trunkResult)).toBe(0);

    const events = await edgeEvents(callId, 'abandoned');
    expect(events.map((e) => e.type)).toEqual(['offered', 'ivr_choice', 'queued', 'callback_requested', 'abandoned']);
    expect(events[4]!.data.reason).toBe('callback_not_answered');
    expect((await h.supervisor.get(`/api/v1/calls/${callId}`)).body.state).toBe('abandoned');
    expect(logLines.find((l) => l.msg === 'the caller did not answer the callback' && l.callId === callId)).toMatchObject({ status: 486, reason: 'rejected' });
    expect(JSON.stringify(logLines)).not.toMatch(/79161234512|9161234512/);
  }, 120_000);
});
