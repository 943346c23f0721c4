// How a call's progress moves its operator, without a database: every rule of agentUpdate.
import { describe, expect, it } from 'vitest';
import type { AgentRow } from './agents-queries.ts';
import { agentUpdate, operatorsOf, type CallChange } from './agent-transitions.ts';
import { emptyRecord, type CallEvent, type CallRecord } from './call-fold.ts';

const now = new Date('2026-11-28T09:10:00Z');
const agent = (extra: Partial<AgentRow> = {}): AgentRow => ({
  user_id: 7,
  region_code: '77',
  skills: [],
  state: 'ready',
  reason: null,
  state_since: new Date('2026-11-28T09:00:00Z'),
  idle_since: new Date('2026-11-28T09:00:00Z'),
  call_id: null,
  break_after: null,
  ...extra,
});
const record = (state: CallRecord['state'], operatorId: number | null, callId = 'c1'): CallRecord => ({ ...emptyRecord(callId), state, operatorId });
const change = (after: CallRecord, before: CallRecord | null = null, events: CallEvent[] = []): CallChange => ({ before, after, events });
const missedRing = (operatorId: number): CallEvent => ({ id: 'e1', callId: 'c1', type: 'queued', at: now, data: { reason: 'ring_no_answer', operatorId }, source: 'acd' });

describe('operatorsOf', () => {
  it('who had the call and who has it now, each once, nobody for a call without one', () => {
    expect(operatorsOf(change(record('ringing', 8), record('ringing', 7)))).toEqual([7, 8]);
    expect(operatorsOf(change(record('talking', 7), record('ringing', 7)))).toEqual([7]);
    expect(operatorsOf(change(record('waiting', null)))).toEqual([]);
  });
});

describe('agentUpdate: the call is theirs now', () => {
  it('rings a free operator (ready, or ringing with no call), or the one it rings already', () => {
    expect(agentUpdate(agent(), change(record('ringing', 7)), now)).toEqual({ state: 'ringing', callId: 'c1' });
    expect(agentUpdate(agent({ state: 'ringing' }), change(record('ringing', 7)), now)).toEqual({ state: 'ringing', callId: 'c1' });
    expect(agentUpdate(agent({ state: 'ringing', call_id: 'c1' }), change(record('ringing', 7)), now)).toEqual({ state: 'ringing', callId: 'c1' });
  });

  it('does not ring an operator busy with another call, or on a break', () => {
    expect(agentUpdate(agent({ state: 'talking', call_id: 'c2' }), change(record('ringing', 7)), now)).toBeNull();
    expect(agentUpdate(agent({ state: 'break', reason: 'обед' }), change(record('ringing', 7)), now)).toBeNull();
  });

  it('an answer puts them on the call, unless they talk on another one already', () => {
    expect(agentUpdate(agent({ state: 'ringing', call_id: 'c1' }), change(record('talking', 7)), now)).toEqual({ state: 'talking', callId: 'c1' });
    // (the edge reports an answer the ACD did not ring for: a break does not stop it)
    expect(agentUpdate(agent({ state: 'break', reason: 'обед' }), change(record('talking', 7)), now)).toEqual({ state: 'talking', callId: 'c1' });
    expect(agentUpdate(agent({ state: 'talking', call_id: 'c2' }), change(record('talking', 7)), now)).toBeNull();
    expect(agentUpdate(agent({ state: 'talking', call_id: 'c1' }), change(record('talking', 7)), now)).toEqual({ state: 'talking', callId: 'c1' });
  });

  it('wrap-up and the end move only the operator whose call it is', () => {
    expect(agentUpdate(agent({ state: 'talking', call_id: 'c1' }), change(record('wrap_up', 7)), now)).toEqual({ state: 'wrap_up' });
    expect(agentUpdate(agent({ state: 'talking', call_id: 'c2' }), change(record('wrap_up', 7)), now)).toBeNull();
    expect(agentUpdate(agent({ state: 'wrap_up', call_id: 'c1' }), change(record('ended', 7)), now)).toEqual({ state: 'ready', callId: null, idleSince: now });
    expect(agentUpdate(agent({ state: 'wrap_up', call_id: 'c2' }), change(record('ended', 7)), now)).toBeNull();
  });

  it('after the call, the break asked for during it', () => {
    expect(agentUpdate(agent({ state: 'wrap_up', call_id: 'c1', break_after: 'обед' }), change(record('ended', 7)), now)).toEqual({
      state: 'break',
      reason: 'обед',
      callId: null,
      breakAfter: null,
      idleSince: now,
    });
  });

  it('a call of theirs in another state (waiting, say) changes nothing unless it was theirs', () => {
    expect(agentUpdate(agent(), change(record('callback_pending', 7)), now)).toBeNull();
  });
});

describe('agentUpdate: the call left them', () => {
  it('unanswered ring timed out: a "missed" break, so the next call does not ring an empty chair', () => {
    const a = agent({ state: 'ringing', call_id: 'c1' });
    expect(agentUpdate(a, change(record('waiting', null), record('ringing', 7), [missedRing(7)]), now)).toEqual({ state: 'break', reason: 'missed', callId: null });
  });

  it("a ring taken back otherwise (abandoned, rung elsewhere, another operator's missed ring) leaves them ready and first in line", () => {
    const a = agent({ state: 'ringing', call_id: 'c1' });
    expect(agentUpdate(a, change(record('abandoned', null), record('ringing', 7)), now)).toEqual({ state: 'ready', callId: null });
    expect(agentUpdate(a, change(record('ringing', 8), record('ringing', 7)), now)).toEqual({ state: 'ready', callId: null });
    expect(agentUpdate(a, change(record('waiting', null), record('ringing', 7), [missedRing(8)]), now)).toEqual({ state: 'ready', callId: null });
  });

  it('a call transferred away or abandoned while they talked: ready again, idle from now', () => {
    const a = agent({ state: 'talking', call_id: 'c1' });
    expect(agentUpdate(a, change(record('waiting', null), record('talking', 7)), now)).toEqual({ state: 'ready', callId: null, idleSince: now });
    expect(agentUpdate(a, change(record('abandoned', null), record('talking', 7)), now)).toEqual({ state: 'ready', callId: null, idleSince: now });
  });

  it('a call that ended under someone else: back to work (or the break asked for)', () => {
    expect(agentUpdate(agent({ state: 'wrap_up', call_id: 'c1' }), change(record('ended', 8)), now)).toEqual({ state: 'ready', callId: null, idleSince: now });
    expect(agentUpdate(agent({ state: 'wrap_up', call_id: 'c1', break_after: 'обучение' }), change(record('ended', 8)), now)).toMatchObject({ state: 'break', reason: 'обучение' });
  });

  it('moved on to another operator while talking: nothing (the call still needs wrapping up by someone)', () => {
    expect(agentUpdate(agent({ state: 'talking', call_id: 'c1' }), change(record('talking', 8)), now)).toBeNull();
  });

  it('transferred by them to a named colleague (or any transfer while they talked): back to work, or the break they asked for', () => {
    const passed: CallEvent = { id: 'e2', callId: 'c1', type: 'transferred', at: now, data: { operatorId: 8, fromOperatorId: 7 }, source: 'workstation' };
    expect(agentUpdate(agent({ state: 'talking', call_id: 'c1' }), change(record('ringing', 8), record('talking', 7), [passed]), now)).toEqual({ state: 'ready', callId: null, idleSince: now });
    expect(agentUpdate(agent({ state: 'talking', call_id: 'c1', break_after: 'обед' }), change(record('ringing', 8), record('talking', 7), [passed]), now)).toMatchObject({
      state: 'break',
      reason: 'обед',
      callId: null,
    });
    const toQueue: CallEvent = { ...passed, data: { queueId: 1, queueRegion: '77', fromOperatorId: 7 } };
    expect(agentUpdate(agent({ state: 'talking', call_id: 'c1', break_after: 'обед' }), change(record('waiting', null), record('talking', 7), [toQueue]), now)).toMatchObject({
      state: 'break',
      reason: 'обед',
    });
    // the colleague it was passed to is rung like any free operator
    expect(agentUpdate(agent({ user_id: 8 }), change(record('ringing', 8), record('talking', 7), [passed]), now)).toEqual({ state: 'ringing', callId: 'c1' });
  });

  it('a call that was never theirs leaves them alone', () => {
    expect(agentUpdate(agent({ state: 'talking', call_id: 'c2' }), change(record('abandoned', null), record('ringing', 7)), now)).toBeNull();
    expect(agentUpdate(agent(), change(record('waiting', null)), now)).toBeNull();
  });
});
