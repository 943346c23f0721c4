// otvet's `transfer`: the operator passed the conversation back to a queue. The operator's phone is
// hung up without an `ended` (the call goes on), the caller goes back to the IVR's media with
// "connecting" and hold music, and the next `connect` rings and bridges as for any waiting call.
// A call answered once ends `ended`, never `abandoned`, even when the caller leaves from the queue.
import { describe, expect, it } from 'vitest';
import type { CallInput } from './call-inputs.ts';
import { CallRun, connect, invite, leg, ofType } from './call-test-support.ts';

const transfer = (decisionId?: string, operator?: string): CallInput => ({
  type: 'decision',
  decision: { kind: 'transfer', ...(decisionId ? { decisionId } : {}), ...(operator ? { operator } : {}) },
});

/** Talking, then transferred. */
function transferred(): CallRun {
  const r = CallRun.talking();
  r.send(transfer('d-t', 'ivanova'), 60_000);
  return r;
}

describe('a conversation transferred to a queue', () => {
  it('the operator’s phone is hung up and nothing is reported; the caller is back on the IVR’s media with "connecting" and hold music, announcements on', () => {
    const r = CallRun.talking();
    const playId = r.playId;
    expect(r.send(transfer('d-t', 'ivanova'), 60_000)).toEqual([
      { type: 'bye_leg', legId: 'c1/1' },
      { type: 'unbridge', legId: 'c1/1' },
      { type: 'play', playId: playId + 1, prompts: [{ name: 'connecting' }, { name: 'hold_music' }] },
      { type: 'set_timer', name: 'announce', ms: 30_000 },
    ]);
    expect(r.call.phase).toBe('waiting');
    expect(r.call.talking).toBeNull();
    expect(r.reportTypes).toEqual(['offered', 'ivr_choice', 'queued', 'ringing', 'answered']);
  });

  it('the old phone’s BYE (or our BYE’s end) is not the end of the call; the wait is announced as in the queue', () => {
    const r = transferred();
    expect(r.send(leg('c1/1', 'bye'), 100)).toEqual([]);
    expect(r.call.phase).toBe('waiting');
    expect(r.send({ type: 'timer', name: 'announce' }, 30_000)).toEqual([{ type: 'fetch_wait' }, { type: 'set_timer', name: 'announce', ms: 30_000 }]);
    expect(ofType(r.send({ type: 'wait_estimate', seconds: 60 }), 'play')).toEqual([{ type: 'play', playId: r.playId, prompts: [{ name: 'wait', seconds: 60 }, { name: 'hold_music' }] }]);
  });

  it('the next connect rings the new operator; their 200 is bridged on the new leg and reported answered; at the end, ended', () => {
    const r = transferred();
    expect(r.send(connect('petrov', ['sip:petrov@10.0.0.7', 'sip:petrov@ws-1.invalid;transport=ws']), 2000)).toEqual([
      {
        type: 'ring',
        operator: 'petrov',
        legs: [
          { legId: 'c1/3', contact: 'sip:petrov@10.0.0.7' },
          { legId: 'c1/4', contact: 'sip:petrov@ws-1.invalid;transport=ws' },
        ],
      },
      { type: 'clear_timer', name: 'announce' },
      { type: 'set_timer', name: 'ring_safety', ms: 45_000 },
    ]);
    r.send(leg('c1/4', 'provisional', 180), 300);
    expect(r.send(leg('c1/4', 'answered', 200), 3000)).toEqual([
      { type: 'cancel_legs', legIds: ['c1/3'] },
      { type: 'report', event: { id: 'c1-7', callId: 'c1', type: 'answered', at: '2026-12-05T10:01:14.300Z', operator: 'petrov' } },
      { type: 'clear_timer', name: 'ring_safety' },
      { type: 'stop_playing' },
      { type: 'bridge', legId: 'c1/4' },
    ]);
    expect(r.call.talking).toEqual({ legId: 'c1/4', operator: 'petrov' });
    // the old phone's leg is nothing to this conversation any more
    expect(r.send(leg('c1/1', 'bye'))).toEqual([]);
    expect(r.send(leg('c1/3', 'failed', 487))).toEqual([]);
    expect(r.call.phase).toBe('talking');
    expect(r.send(leg('c1/4', 'bye'), 60_000)).toEqual([
      { type: 'bye_caller' },
      { type: 'report', event: { id: 'c1-8', callId: 'c1', type: 'ended', at: '2026-12-05T10:02:14.300Z', reason: 'operator_hung_up' } },
      { type: 'forget' },
    ]);
    expect(r.reportTypes).toEqual(['offered', 'ivr_choice', 'queued', 'ringing', 'answered', 'ringing', 'answered', 'ended']);
  });

  it('stop_ringing after a transfer: the caller hears hold music again, and the next connect rings as usual', () => {
    const r = transferred();
    r.send(connect('petrov', ['sip:petrov@10.0.0.7']));
    r.send({ type: 'decision', decision: { kind: 'stop_ringing', operator: 'petrov' } }, 20_000);
    expect(r.call.phase).toBe('waiting');
    expect(ofType(r.send(connect('sidorova', ['sip:sidorova@10.0.0.8'])), 'ring')).toEqual([{ type: 'ring', operator: 'sidorova', legs: [{ legId: 'c1/4', contact: 'sip:sidorova@10.0.0.8' }] }]);
    expect(ofType(r.send(leg('c1/4', 'answered', 200)), 'bridge')).toEqual([{ type: 'bridge', legId: 'c1/4' }]);
  });

  it('can be transferred again from the new operator', () => {
    const r = transferred();
    r.send(connect('petrov', ['sip:petrov@10.0.0.7']));
    r.send(leg('c1/3', 'answered', 200));
    expect(ofType(r.send(transfer('d-t2', 'petrov')), 'bye_leg')).toEqual([{ type: 'bye_leg', legId: 'c1/3' }]);
    expect(r.call.phase).toBe('waiting');
  });
});

describe('the caller leaving after a transfer', () => {
  it('hangs up while waiting: ended (caller_hung_up), not abandoned: the call was answered', () => {
    const r = transferred();
    expect(r.send({ type: 'caller_hangup', by: 'bye' }, 10_000)).toEqual([
      { type: 'report', event: { id: 'c1-6', callId: 'c1', type: 'ended', at: '2026-12-05T10:01:19.000Z', reason: 'caller_hung_up' } },
      { type: 'clear_timer', name: 'announce' },
      { type: 'forget' },
    ]);
  });

  it('hangs up while the next operator’s phone rings: ended, the ringing legs cancelled', () => {
    const r = transferred();
    r.send(connect('petrov', ['sip:petrov@10.0.0.7']));
    const actions = r.send({ type: 'caller_hangup', by: 'bye' });
    expect(r.reportTypes.at(-1)).toBe('ended');
    expect(r.reports.at(-1)).toMatchObject({ reason: 'caller_hung_up' });
    expect(actions).toContainEqual({ type: 'cancel_legs', legIds: ['c1/3'] });
    expect(r.reportTypes).not.toContain('abandoned');
  });

  it('the edge stopping while the caller waits after a transfer: ended (edge_stopped)', () => {
    const r = transferred();
    r.send({ type: 'edge_stopping' });
    expect(r.reports.at(-1)).toMatchObject({ type: 'ended', reason: 'edge_stopped' });
    expect(r.last).toContainEqual({ type: 'bye_caller' });
  });
});

describe('a transfer that does not fit the call', () => {
  it('is ignored in the IVR, in the queue, while a phone rings, after the end, and for a conversation with another operator', () => {
    const ivr = new CallRun();
    ivr.send(invite());
    const cases = [ivr, CallRun.queued(), CallRun.ringing()];
    for (const r of cases) {
      const before = r.call.phase;
      expect(r.send(transfer('d-x')), before).toEqual([]);
      expect(r.call.phase).toBe(before);
    }
    const other = CallRun.talking();
    expect(other.send(transfer('d-x', 'petrov'))).toEqual([]);
    expect(other.call.phase).toBe('talking');
    const ended = CallRun.talking();
    ended.send({ type: 'caller_hangup', by: 'bye' });
    expect(ended.send(transfer('d-x'))).toEqual([]);
  });

  it('a repeated transfer (by id, or after the call is already back in the queue) changes nothing', () => {
    const r = transferred();
    const after = r.call;
    expect(r.send(transfer('d-t', 'ivanova'))).toEqual([]);
    expect(r.send(transfer('d-t3'))).toEqual([]);
    expect(r.call).toEqual({ ...after, decisions: [...after.decisions, 'd-t3'] });
  });

  it('a connect for another operator that comes before the transfer (otvet’s ACD is quicker than the transfer’s commit) transfers first, then rings; the transfer after it changes nothing', () => {
    const r = CallRun.talking();
    const playId = r.playId;
    expect(r.send(connect('petrov', ['sip:petrov@10.0.0.7']), 60_000)).toEqual([
      { type: 'bye_leg', legId: 'c1/1' },
      { type: 'unbridge', legId: 'c1/1' },
      { type: 'play', playId: playId + 1, prompts: [{ name: 'connecting' }, { name: 'hold_music' }] },
      { type: 'set_timer', name: 'announce', ms: 30_000 },
      { type: 'ring', operator: 'petrov', legs: [{ legId: 'c1/3', contact: 'sip:petrov@10.0.0.7' }] },
      { type: 'clear_timer', name: 'announce' },
      { type: 'set_timer', name: 'ring_safety', ms: 45_000 },
    ]);
    expect(r.send(transfer('d-t', 'ivanova'))).toEqual([]);
    expect(r.call.ring?.operator).toBe('petrov');
    // the operator already talking is connected again (a replay): nothing happens
    const t = CallRun.talking();
    expect(t.send(connect('ivanova', ['sip:ivanova@10.0.0.5']))).toEqual([]);
    expect(t.call.phase).toBe('talking');
  });
});
