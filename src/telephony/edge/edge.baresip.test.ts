// A real soft phone takes calls end to end: otvet in-process (its ACD), rtpengine, the edge, baresip
// registered with digest as operator-77 and answering by itself, and SIPp callers through the trunk
// who press 2. The operator works as the workstation does (web/operator/workstation.tsx: POST
// /api/v1/agent/state, /api/v1/agent/calls/{id}/hangup and /wrap-up) and sees what it sees (GET
// /api/v1/agent, the feed /api/v1/agent/events). Once the workstation ends the call (its `hangup`
// decision), once the caller hangs up; either way the wrap-up ends the call's record.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Baresip, baresipMissing, baresipPath } from '../../../test/support/baresip.ts';
import { SIP_PASSWORD, startEdgeHarness, trunkCaller, type EdgeHarness } from '../../../test/support/edge-harness.ts';
import { hasRtpengine, reportMissingRtpengine } from '../../../test/support/rtpengine.ts';
import { reportMissingSipp, sippPath, type SippRun } from '../../../test/support/sipp.ts';
import { openStream, type SseStream } from '../../../test/support/sse.ts';
import { until } from '../../../test/support/until.ts';

reportMissingSipp('src/telephony/edge/edge.baresip.test.ts');
reportMissingRtpengine('src/telephony/edge/edge.baresip.test.ts');
if (!baresipPath) console.warn(`SKIPPED src/telephony/edge/edge.baresip.test.ts: ${baresipMissing}`);

type Event = { id: string; type: string; source: string; data: Record<string, unknown> };

/** Consecutive repeats dropped: the feed may say a state twice (the workstation's and the edge's hang-up). */
const changes = (xs: string[]) => xs.filter((x, i) => i === 0 || xs[i - 1] !== x);

describe.skipIf(!sippPath || !hasRtpengine || !baresipPath)('calls to baresip registered as operator-77 (otvet, rtpengine, SIPp, baresip)', () => {
  let h: EdgeHarness;
  let phone: Baresip;
  let feed: SseStream;
  let topic: string;
  /** The failure message shows what baresip said. */
  const said = () => `baresip said:\n${phone.output.slice(-6000)}`;
  const sipp = (r: { output: string; trace: string }) => `${r.output}\n${r.trace.slice(-6000)}`;

  beforeAll(async () => {
    // (the demo's name for Moscow's operator)
    h = await startEdgeHarness({}, { operator: 'operator-77' });
    const menu = (await h.supervisor.get('/api/v1/regions/77/ivr-menu')).body as { items: { digit: string; section: string }[] };
    topic = menu.items.find((i) => i.digit === '2')!.section;

    // The workstation: its feed open, then ready (F2).
    feed = await openStream(h.operator, '/api/v1/agent/events');
    expect((await h.operator.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    await feed.next((e) => e.event === 'state' && e.data.state === 'ready');
  }, 60_000);

  // A phone of its own for each test: baresip 1.0 now and then stops short while closing a call
  // (it answers the BYE, says "session closed", and never says the call terminated nor answers
  // again, more often on a loaded machine), which must not fail the next test.
  beforeEach(async () => {
    const before = new Set(h.edge.registrar.contactsOf('operator-77').map((c) => c.uri));
    // baresip registers with digest (the account's answermode=auto: it picks up by itself).
    phone = Baresip.start({ accounts: [`<sip:operator-77@127.0.0.1:${h.sip.port}>;auth_pass=${SIP_PASSWORD};regint=300;answermode=auto`], autoAnswer: true, maxSeconds: 120 });
    const contact = await until('baresip registered as operator-77', () => h.edge.registrar.contactsOf('operator-77').find((c) => !before.has(c.uri)));
    expect(contact.userAgent).toMatch(/^baresip/);
  }, 30_000);

  afterEach(async () => {
    await phone?.stop();
  });

  afterAll(async () => {
    feed?.close();
    await h?.close();
  });

  /** A SIPp caller through the trunk to 122. */
  const dial = (scenario: string): Promise<SippRun> => trunkCaller(h, scenario);

  /** The seat as the workstation reads it (GET /api/v1/agent), once it is in `state`. */
  const seatIn = (state: string) =>
    until(
      `operator-77 ${state}`,
      async () => {
        const r = await h.operator.get('/api/v1/agent');
        return r.body.state === state ? (r.body as { state: string; callId: string | null }) : undefined;
      },
      40_000,
    );

  /** The call's states and the seat's, in the order the operator's feed told them from `from` on. */
  const seen = (callId: string, from: number) => {
    const events = feed.events.slice(from);
    return {
      call: changes(events.filter((e) => e.event === 'call' && e.data.callId === callId).map((e) => e.data.state as string)),
      seat: changes(events.filter((e) => e.event === 'state').map((e) => e.data.state as string)),
    };
  };

  const record = async (callId: string) =>
    (await h.supervisor.get(`/api/v1/calls/${callId}`)).body as { state: string; wrappedAt: string | null; outcome: string | null; topic: string; events: Event[] };

  /** rtpengine's final figures, as the edge logged them when the call's media was deleted. */
  const mediaOf = (callId: string) =>
    until('the media figures', () => h.logLines.find((l) => l.msg === 'call media ended' && l.callId === callId)?.media as Record<string, { packets: number }> | undefined);

  it('baresip answers, they talk, the workstation ends the call (hangup) and wraps it up: the record ends', async () => {
    const from = feed.events.length;
    const caller = await dial('caller-talks.xml');
    const { callId } = await seatIn('talking');
    expect(callId).toBeTruthy();

    // They talk: audio from the phone in rtpengine, and baresip hears the caller through rtpengine.
    await until('the phone sending audio', async () => ((await h.engine.client.query(callId!)).legs.find((l) => l.label === 'operator')?.rtp.packets ?? 0) > 25 || undefined);
    await phone.until(/incoming rtp for 'audio' established/);

    // F8 on the workstation: otvet records the end and tells the edge (`hangup`), which hangs up both.
    expect((await h.operator.post(`/api/v1/agent/calls/${callId}/hangup`)).status).toBe(204);
    const callerResult = await caller.done;
    expect(callerResult.code, `the caller's scenario:\n${sipp(callerResult)}`).toBe(0);
    // The phone had the edge's BYE and closed the call (its answer to the BYE is SIP's proof).
    await phone.until(/sip:122@127\.0\.0\.1: session closed/);
    expect((await seatIn('wrap_up')).callId).toBe(callId);
    expect((await record(callId!)).state).toBe('wrap_up');

    // The wrap-up (Ctrl+Enter on the form): the operator is free, the call's record ended.
    expect((await h.operator.post(`/api/v1/agent/calls/${callId}/wrap-up`, { outcome: 'answered', topics: [topic] })).status).toBe(204);
    await seatIn('ready');
    const r = await record(callId!);
    expect(r).toMatchObject({ state: 'ended', outcome: 'answered', topic, wrappedAt: expect.any(String) });
    // The edge's reports in order; around them otvet's own: the ACD's ring, the workstation's end and wrap-up
    // (the edge's `ended` after the workstation's changes nothing).
    expect(r.events.filter((e) => e.id.startsWith(`${callId}-`)).map((e) => e.type)).toEqual(['offered', 'ivr_choice', 'queued', 'ringing', 'answered', 'ended']);
    expect(r.events.map((e) => `${e.type}/${e.source}`)).toEqual([
      'offered/api',
      'ivr_choice/api',
      'queued/api',
      'ringing/acd',
      'ringing/api',
      'answered/api',
      'ended/workstation',
      'ended/api',
      'wrapped_up/workstation',
    ]);
    expect(r.events.find((e) => e.type === 'ended' && e.source === 'api')!.data.reason).toBe('operator_ended');

    // What the operator saw: the offer while it rang, talking, wrap-up after the hang-up, ready after the wrap-up.
    const offer = await feed.next((e) => e.event === 'offer' && e.data.callId === callId);
    expect(offer.data).toMatchObject({ topic, callerMasked: '+7 916 ***-**-12' });
    await feed.next((e) => e.event === 'call' && e.data.callId === callId && e.data.state === 'ended');
    expect(seen(callId!, from)).toEqual({ call: ['ringing', 'talking', 'wrap_up', 'ended'], seat: ['ringing', 'talking', 'wrap_up', 'ready'] });

    const media = await mediaOf(callId!);
    expect(media.callerToOperator!.packets, 'caller → operator').toBeGreaterThan(0);
    expect(media.operatorToCaller!.packets, 'operator → caller').toBeGreaterThan(0);
    expect(h.logLines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  }, 120_000);

  it('the caller hangs up while they talk: the operator is in wrap-up, a late F8 changes nothing, the wrap-up ends the record', async () => {
    const from = feed.events.length;
    const caller = await dial('caller.xml');
    const { callId } = await seatIn('talking');
    const callerResult = await caller.done;
    expect(callerResult.code, `the caller's scenario:\n${sipp(callerResult)}\n${said()}`).toBe(0);
    // The caller's BYE: the edge hangs up the phone, otvet puts the operator in wrap-up.
    await phone.until(/sip:122@127\.0\.0\.1: session closed/);
    expect((await seatIn('wrap_up')).callId).toBe(callId);

    // F8 pressed a moment too late: accepted, and nothing changes (the call ended already).
    expect((await h.operator.post(`/api/v1/agent/calls/${callId}/hangup`)).status).toBe(204);
    expect((await h.operator.get('/api/v1/agent')).body).toMatchObject({ state: 'wrap_up', callId });

    expect((await h.operator.post(`/api/v1/agent/calls/${callId}/wrap-up`, { outcome: 'answered', topics: [topic] })).status).toBe(204);
    await seatIn('ready');
    const r = await record(callId!);
    expect(r).toMatchObject({ state: 'ended', outcome: 'answered', wrappedAt: expect.any(String) });
    expect(r.events.filter((e) => e.id.startsWith(`${callId}-`)).map((e) => e.type)).toEqual(['offered', 'ivr_choice', 'queued', 'ringing', 'answered', 'ended']);
    expect(r.events.find((e) => e.type === 'ended' && e.source === 'api')!.data.reason).not.toBe('operator_ended');
    expect(r.events.at(-1)).toMatchObject({ type: 'wrapped_up', source: 'workstation' });
    await feed.next((e) => e.event === 'call' && e.data.callId === callId && e.data.state === 'ended');
    expect(seen(callId!, from)).toEqual({ call: ['ringing', 'talking', 'wrap_up', 'ended'], seat: ['ringing', 'talking', 'wrap_up', 'ready'] });

    const media = await mediaOf(callId!);
    expect(media.callerToOperator!.packets, 'caller → operator').toBeGreaterThan(0);
    expect(media.operatorToCaller!.packets, 'operator → caller').toBeGreaterThan(0);
  }, 120_000);
});
