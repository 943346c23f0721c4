// The batch admission without a database: what the recorder decides from what it read under the locks.
import { describe, expect, it } from 'vitest';
import type { AgentRow } from './agents-queries.ts';
import { admitBatch, decisionsToPublish, distinctEvents, moveOperators, operatorsToRead, resultsInOrder, ringOperators, type AdmissionInput, type QueueLookup } from './batch-admission.ts';
import type { CallEvent } from './call-fold.ts';
import type { Queue } from './queues.ts';

const t0 = Date.parse('2026-11-28T09:00:00Z');
const at = (sec: number) => new Date(t0 + sec * 1000);
let n = 0;
const ev = (callId: string, type: CallEvent['type'], sec: number, data: Record<string, unknown> = {}, source: CallEvent['source'] = 'api', id = `e${++n}`): CallEvent => ({
  id,
  callId,
  type,
  at: at(sec),
  data,
  source,
});

const queue = (id: number, region: string, name: string, extra: Partial<Queue> = {}): Queue => ({
  id,
  region,
  name,
  title: name,
  skills: [],
  escalation: [],
  callbackThresholdSeconds: 0,
  ringTimeoutSeconds: 20,
  wrapUpSeconds: null,
  ...extra,
});
function lookup(list: Queue[]): QueueLookup {
  return {
    get: (id) => list.find((q) => q.id === id),
    resolve: (region, name, topic) => {
      const mine = list.filter((q) => q.region === region);
      if (name) return mine.find((q) => q.name === name);
      return (topic ? mine.find((q) => q.skills.includes(topic)) : undefined) ?? mine.find((q) => q.name === 'general');
    },
  };
}
const queues = lookup([queue(1, '77', 'general'), queue(2, '77', 'covid', { skills: ['covid'] }), queue(3, '50', 'general', { wrapUpSeconds: 0 })]);

const agent = (id: number, extra: Partial<AgentRow> = {}): AgentRow => ({
  user_id: id,
  region_code: '77',
  skills: [],
  state: 'ready',
  reason: null,
  state_since: at(-600),
  idle_since: at(-600),
  call_id: null,
  break_after: null,
  ...extra,
});
const agents = (...rows: AgentRow[]) => new Map(rows.map((a) => [a.user_id, a]));

/** A call offered in region 77 and waiting in its general queue. */
const waitingCall = (callId: string) => [ev(callId, 'offered', 0, { region: '77' }), ev(callId, 'queued', 5, { queueId: 1, queueRegion: '77' })];

function run(p: Partial<AdmissionInput> & Pick<AdmissionInput, 'fresh'>) {
  return admitBatch({ stored: [], elsewhere: [], ringAgents: new Map(), queues, ...p });
}
const status = (r: ReturnType<typeof run>, e: CallEvent) => r.results.get(e.id);

describe('batch admission', () => {
  it('counts the first of a repeated id and answers the rest as duplicates, in the order sent', () => {
    const offered = ev('c1', 'offered', 0, { region: '77' });
    const events = [offered, { ...offered }, ev('c1', 'queued', 5, { queueId: 1 })];
    const fresh = distinctEvents(events);
    expect(fresh).toHaveLength(2);
    const r = run({ fresh });
    expect(resultsInOrder(events, r.results).map((x) => x.status)).toEqual(['accepted', 'duplicate', 'accepted']);
  });

  it('an event stored before is a duplicate; its id used for another event is refused', () => {
    const stored = waitingCall('c2');
    const again = { ...stored[1]! };
    const reused = { ...stored[0]!, type: 'abandoned' as const, at: at(30) };
    const r = run({ fresh: [again], stored });
    expect(status(r, again)).toEqual({ id: again.id, status: 'duplicate' });
    expect(r.changes).toEqual([]);
    const s = run({ fresh: [reused], stored });
    expect(status(s, reused)).toMatchObject({ status: 'rejected', reason: expect.stringContaining('was used for a different event') });
    // (an id another call already uses is refused too)
    const other = ev('c3', 'offered', 0, { region: '77' }, 'api', stored[0]!.id);
    expect(status(run({ fresh: [other], elsewhere: [stored[0]!] }), other)?.status).toBe('rejected');
  });

  it("refuses the ACD's ring for an operator who is no longer free, or for a call not waiting", () => {
    const stored = waitingCall('c4');
    const ring = ev('c4', 'ringing', 10, { operatorId: 7 }, 'acd');
    const busy = run({ fresh: [ring], stored, ringAgents: agents(agent(7, { state: 'talking', call_id: 'other' })) });
    expect(status(busy, ring)).toMatchObject({ status: 'rejected', reason: 'operator 7 is no longer free' });
    const gone = run({ fresh: [{ ...ring }], stored: [...stored, ev('c4', 'abandoned', 8)], ringAgents: agents(agent(7)) });
    expect(status(gone, ring)).toMatchObject({ status: 'rejected', reason: 'call c4 is not waiting for an operator' });
    const ok = run({ fresh: [{ ...ring }], stored, ringAgents: agents(agent(7)) });
    expect(status(ok, ring)?.status).toBe('accepted');
    expect(ok.changes[0]).toMatchObject({ before: { state: 'waiting' }, after: { state: 'ringing', operatorId: 7 } });
  });

  it("checks an operator's transfer to a named colleague like the ACD's ring: the colleague free, the call in conversation", () => {
    const talking = [...waitingCall('c7'), ev('c7', 'ringing', 10, { operatorId: 7 }, 'acd'), ev('c7', 'answered', 15, { operatorId: 7 }, 'workstation')];
    const pass = ev('c7', 'transferred', 60, { operatorId: 9, fromOperatorId: 7 }, 'workstation');
    expect(ringOperators([pass, ev('c8', 'transferred', 60, { operatorId: 4 }, 'api'), ev('c8', 'transferred', 60, { queueId: 1 }, 'workstation')])).toEqual([9]);
    const busy = run({ fresh: [pass], stored: talking, ringAgents: agents(agent(9, { state: 'break', reason: 'обед' })) });
    expect(status(busy, pass)).toMatchObject({ status: 'rejected', reason: 'operator 9 is no longer free' });
    expect(busy.changes).toEqual([]);
    const ended = run({ fresh: [{ ...pass }], stored: [...talking, ev('c7', 'ended', 50)], ringAgents: agents(agent(9)) });
    expect(status(ended, pass)).toMatchObject({ status: 'rejected', reason: 'call c7 is not in conversation' });
    const ok = run({ fresh: [{ ...pass }], stored: talking, ringAgents: agents(agent(9)) });
    expect(status(ok, pass)?.status).toBe('accepted');
    expect(ok.changes[0]).toMatchObject({ before: { state: 'talking', operatorId: 7 }, after: { state: 'ringing', operatorId: 9, queueId: 1 } });
  });

  it('rings one operator for one call only when the ACD named them twice', () => {
    const stored = [...waitingCall('c5'), ...waitingCall('c6')];
    const first = ev('c5', 'ringing', 10, { operatorId: 8 }, 'acd');
    const second = ev('c6', 'ringing', 10, { operatorId: 8 }, 'acd');
    expect(ringOperators([first, second, ev('c6', 'ringing', 10, { operatorId: 3 }, 'api')])).toEqual([8]);
    const r = run({ fresh: [first, second], stored, ringAgents: agents(agent(8)) });
    expect([status(r, first)?.status, status(r, second)?.status]).toEqual(['accepted', 'rejected']);
    expect(r.changes.map((c) => c.after.callId)).toEqual(['c5']);
  });

  it('orders across the clocks: ours after all the call lived, the edge a little behind after ours', () => {
    const stored = [...waitingCall('c7'), ev('c7', 'ringing', 20, { operatorId: 9 }, 'acd')];
    // our answer stamped before the ring it answers (a clock a step behind): it comes after it
    const answer = ev('c7', 'answered', 19, { operatorId: 9 }, 'workstation');
    const r = run({ fresh: [answer], stored });
    expect(r.admitted[0]!.at).toEqual(new Date(at(20).getTime() + 1));
    // the edge reports its hang-up stamped 2 s before our ring: it happened after it, and keeps its own time
    const hangup = ev('c7', 'abandoned', 18);
    const s = run({ fresh: [hangup], stored });
    expect(s.admitted[0]).toMatchObject({ at: new Date(at(20).getTime() + 1), data: { reportedAt: at(18).toISOString() } });
    expect(s.changes[0]!.after.state).toBe('abandoned');
    // ... and sent again, it is recognised by the time it reported
    expect(status(run({ fresh: [{ ...hangup, at: at(18) }], stored: [...stored, s.admitted[0]!] }), hangup)?.status).toBe('duplicate');
    // long before our last step (more than the clocks' skew): taken at its word
    const old = ev('c7', 'ivr_choice', 1, { topic: 'covid' });
    expect(run({ fresh: [old], stored }).admitted[0]!.at).toEqual(at(1));
  });

  it("refuses a regional sender another region's call, but takes a call overflowed into its region", () => {
    const call = waitingCall('c8');
    const r = run({ fresh: call, region: '50' });
    expect(call.map((e) => status(r, e))).toEqual(call.map((e) => ({ id: e.id, status: 'rejected', reason: 'call c8 belongs to region 77, not yours' })));
    expect(r.changes).toEqual([]);
    const stored = [...waitingCall('c9'), ev('c9', 'overflowed', 30, { queueId: 3, queueRegion: '50' }, 'acd')];
    const hangup = ev('c9', 'abandoned', 40);
    expect(status(run({ fresh: [hangup], stored, region: '50' }), hangup)?.status).toBe('accepted');
  });

  it('names the queue once the region is known (queued before the offer arrived), by topic', () => {
    const early = [ev('c10', 'ivr_choice', 3, { topic: 'covid' }), ev('c10', 'queued', 5)];
    const first = run({ fresh: early });
    expect(first.changes[0]!.after).toMatchObject({ state: 'waiting', regionCode: null, queueId: null });
    const late = ev('c10', 'offered', 0, { region: '77' });
    const r = run({ fresh: [late], stored: first.admitted });
    expect(r.changes[0]!.before).toMatchObject({ queueId: null });
    expect(r.changes[0]!.after).toMatchObject({ state: 'waiting', queueId: 2, queueRegion: '77', originQueueId: 2 });
  });

  it('closes the wrap-up at once in a queue that says so, and leaves it open elsewhere', () => {
    const lived = (callId: string, region: string, queueId: number) => [
      ev(callId, 'offered', 0, { region }),
      ev(callId, 'queued', 5, { queueId, queueRegion: region }),
      ev(callId, 'ringing', 10, { operatorId: 4 }, 'acd'),
      ev(callId, 'answered', 12, { operatorId: 4 }),
    ];
    const end = ev('c11', 'ended', 100);
    const r = run({ fresh: [end], stored: lived('c11', '50', 3) });
    expect(r.admitted.map((e) => [e.type, e.source])).toEqual([
      ['ended', 'api'],
      ['wrapped_up', 'system'],
    ]);
    expect(r.admitted[1]).toMatchObject({ id: 'sys-wrap-c11', at: new Date(at(100).getTime() + 1), data: { outcome: 'not_recorded', auto: true } });
    expect(r.changes[0]!.after).toMatchObject({ state: 'ended', outcome: 'not_recorded' });
    const open = run({ fresh: [ev('c12', 'ended', 100)], stored: lived('c12', '77', 1) });
    expect(open.changes[0]!.after.state).toBe('wrap_up');
  });

  it('publishes the decisions of calls it changed and of calls it did not carry, not of calls it refused', () => {
    const stored = waitingCall('c13');
    const ring = ev('c13', 'ringing', 10, { operatorId: 5 }, 'acd');
    const refused = run({ fresh: [ring], stored, ringAgents: agents(agent(5, { state: 'break' })) });
    const decisions = [{ callId: 'c13' }, { callId: 'elsewhere' }];
    expect(decisionsToPublish(decisions, [ring], refused.admitted)).toEqual([{ callId: 'elsewhere' }]);
    const taken = run({ fresh: [{ ...ring }], stored, ringAgents: agents(agent(5)) });
    expect(decisionsToPublish(decisions, [ring], taken.admitted)).toEqual(decisions);
  });

  it('moves the operators: rung, then a missed break after ring-no-answer, the next one rung', () => {
    const now = at(60);
    const stored = [...waitingCall('c14'), ev('c14', 'ringing', 10, { operatorId: 1 }, 'acd')];
    const back = ev('c14', 'queued', 30, { reason: 'ring_no_answer', operatorId: 1 }, 'acd');
    const r = run({ fresh: [back], stored });
    const rows = agents(agent(1, { state: 'ringing', call_id: 'c14' }), agent(2));
    expect(operatorsToRead(r.changes, new Map())).toEqual([1]);
    expect(operatorsToRead(r.changes, rows)).toEqual([]);
    const moved = moveOperators(r.changes, rows, now);
    expect(moved.agents).toEqual([expect.objectContaining({ user_id: 1, state: 'break', reason: 'missed', call_id: null, state_since: now })]);
    expect(moved.log).toEqual([{ user_id: 1, region_code: '77', state: 'break', reason: 'missed', at: now }]);
    expect(moved.moves).toEqual([{ before: rows.get(1), after: moved.agents[0], at: now }]);
    // an operator not read (not at work) is left alone
    expect(moveOperators(r.changes, new Map(), now).agents).toEqual([]);
  });
});
