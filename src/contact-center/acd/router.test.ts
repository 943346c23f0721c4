// The routing rule without a database: who gets which call, and the wait a new caller is told.
import { describe, expect, it } from 'vitest';
import { canTake, estimatedWaitSeconds, route, type ReadyOperator, type WaitingCall } from './router.ts';

const t0 = Date.parse('2026-11-28T09:00:00Z');
const at = (sec: number) => new Date(t0 + sec * 1000);
const call = (callId: string, queuedSec: number, extra: Partial<WaitingCall> = {}): WaitingCall => ({
  callId,
  queueId: 1,
  topic: null,
  queuedAt: at(queuedSec),
  widened: false,
  callback: false,
  ...extra,
});
const op = (userId: number, idleSec: number | null, skills: string[] = []): ReadyOperator => ({ userId, skills, idleSince: idleSec === null ? null : at(idleSec) });

describe('canTake', () => {
  it('takes a call of its skill, a call without a topic, any call once widened; an operator without skills takes anything', () => {
    const covid = call('c', 0, { topic: 'covid' });
    expect(canTake(op(1, 0, ['covid']), covid)).toBe(true);
    expect(canTake(op(1, 0, ['taxes']), covid)).toBe(false);
    expect(canTake(op(1, 0, ['taxes']), { ...covid, widened: true })).toBe(true);
    expect(canTake(op(1, 0, ['taxes']), { ...covid, topic: null })).toBe(true);
    expect(canTake(op(1, 0, []), covid)).toBe(true);
  });
});

describe('route', () => {
  it('gives the oldest waiting call to the operator idle longest', () => {
    expect(route([call('new', 30), call('old', 10)], [op(1, 20), op(2, 5)])).toEqual([
      { callId: 'old', operatorId: 2 },
      { callId: 'new', operatorId: 1 },
    ]);
  });

  it('an operator idle since we know not when counts as idle longest; equal idle times go by id', () => {
    expect(route([call('a', 0)], [op(5, 10), op(9, null)])).toEqual([{ callId: 'a', operatorId: 9 }]);
    expect(route([call('a', 0)], [op(7, 10), op(3, 10)])).toEqual([{ callId: 'a', operatorId: 3 }]);
  });

  it('serves live callers before callbacks, however long the callback waited', () => {
    expect(route([call('cb', 0, { callback: true }), call('live', 100)], [op(1, 0)])).toEqual([{ callId: 'live', operatorId: 1 }]);
    expect(route([call('cb', 0, { callback: true }), call('live', 100)], [op(1, 0), op(2, 1)])).toEqual([
      { callId: 'live', operatorId: 1 },
      { callId: 'cb', operatorId: 2 },
    ]);
  });

  it('calls queued at the same instant go by id', () => {
    expect(route([call('b', 0), call('a', 0)], [op(1, 0)])).toEqual([{ callId: 'a', operatorId: 1 }]);
  });

  it('skips a call nobody free can take and gives the next one the operator; an operator takes one call', () => {
    const calls = [call('covid', 0, { topic: 'covid' }), call('taxes', 5, { topic: 'taxes' }), call('more-taxes', 6, { topic: 'taxes' })];
    expect(route(calls, [op(1, 0, ['taxes'])])).toEqual([{ callId: 'taxes', operatorId: 1 }]);
  });

  it('passes over the longest idle operator who lacks the skill for one who has it', () => {
    expect(route([call('covid', 0, { topic: 'covid' }), call('any', 1)], [op(1, 0, ['taxes']), op(2, 50, ['covid'])])).toEqual([
      { callId: 'covid', operatorId: 2 },
      { callId: 'any', operatorId: 1 },
    ]);
  });

  it('nothing to do without calls or without operators; the inputs are left as they were', () => {
    const calls = [call('b', 5), call('a', 0)];
    const ops = [op(2, 5), op(1, 0)];
    expect(route([], ops)).toEqual([]);
    expect(route(calls, [])).toEqual([]);
    route(calls, ops);
    expect(calls.map((c) => c.callId)).toEqual(['b', 'a']);
    expect(ops.map((o) => o.userId)).toEqual([2, 1]);
  });
});

describe('estimatedWaitSeconds', () => {
  it('the callers ahead and this one, spread over the operators at work, each the handling time', () => {
    expect(estimatedWaitSeconds(0, 1, 180)).toBe(180);
    expect(estimatedWaitSeconds(3, 2, 180)).toBe(360);
    expect(estimatedWaitSeconds(1, 3, 100)).toBe(67);
  });

  it('is endless when nobody is at work', () => {
    expect(estimatedWaitSeconds(0, 0, 180)).toBe(Infinity);
  });
});
