// The demo's telling of a call: each event once as it arrives, the wrap-up's hint once, the end known.
import { describe, expect, it } from 'vitest';
import { isOver, newSentences } from './call-story.ts';
import type { DemoCall } from './otvet-admin.ts';

const event = (id: string, type: string, source = 'api', data: Record<string, unknown> = {}) => ({ id, type, source, data });

function call(state: string, events: DemoCall['events'], extra: Partial<DemoCall> = {}): DemoCall {
  return { callId: 'edge-1', state, topic: null, operator: { username: 'operator-77' }, wrappedAt: null, outcome: null, events, ...extra };
}

describe('newSentences', () => {
  it('tells each event once, in order, as more arrive; the wrap-up hint once', () => {
    const told = new Set<string>();
    const first = [event('1', 'offered'), event('2', 'ivr_choice', 'api', { topic: 'Добровольцы' }), event('3', 'queued')];
    expect(newSentences(call('waiting', first), told)).toEqual([
      'the edge answered: the greeting and the menu of topics play',
      'the caller pressed a key: topic «Добровольцы»',
      'waiting in the queue, with hold music',
    ]);
    expect(newSentences(call('waiting', first), told)).toEqual([]);

    const talked = [...first, event('a', 'ringing', 'acd'), event('4', 'ringing'), event('5', 'answered'), event('w', 'ended', 'workstation', { reason: 'operator_hung_up' })];
    expect(newSentences(call('wrap_up', talked), told)).toEqual([
      "otvet's ACD chose operator-77",
      "operator-77's phone rings",
      'talking with operator-77',
      'operator-77 ended the call on the workstation',
      'operator-77 wraps it up on the workstation now',
    ]);
    // the edge's own report of the end comes later: told, without the hint again
    const ended = [...talked, event('6', 'ended', 'api', { reason: 'operator_ended' })];
    expect(newSentences(call('wrap_up', ended), told)).toEqual(['the edge hung up (operator_ended)']);
    const wrapped = call('ended', [...ended, event('x', 'wrapped_up', 'workstation', { outcome: 'answered' })], { wrappedAt: '2026-12-06T00:00:00Z', outcome: 'answered' });
    expect(newSentences(wrapped, told)).toEqual(["wrapped up (answered): the call's record is closed"]);
    expect(isOver(wrapped)).toBe(true);
  });

  it('an abandoned call is over; a call in wrap-up is not', () => {
    expect(isOver(call('abandoned', []))).toBe(true);
    expect(isOver(call('wrap_up', []))).toBe(false);
    expect(newSentences(call('abandoned', [event('1', 'abandoned', 'api', { reason: 'caller_hung_up' })]), new Set())).toEqual([
      'abandoned: the caller left before an operator answered (caller_hung_up)',
    ]);
  });
});
