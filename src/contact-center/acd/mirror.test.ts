// The ACD's memory without a database: following changes, and what it keeps per call only while the
// call is in a queue (pruned when the call leaves it, not cleared wholesale at some size).
import { describe, expect, it } from 'vitest';
import type { AgentSummary, CallSummary } from '../call-events.ts';
import { AcdMirror } from './mirror.ts';

const now = new Date('2026-11-28T09:00:00Z');
const call = (callId: string, state: string, extra: Partial<CallSummary> = {}): CallSummary => ({ callId, region: '77', queueRegion: '77', queueId: 1, state, operatorId: null, ...extra });
const op = (userId: number, state: string, extra: Partial<AgentSummary> = {}): AgentSummary => ({ userId, region: '77', state, ...extra });

/** A mirror with call c1 waiting, rung, widened and offered a callback. */
function marked() {
  const m = new AcdMirror(() => now);
  m.apply({ calls: [call('c1', 'waiting', { queuedAt: '2026-11-28T08:59:00Z', topic: 'covid' })], agents: [] });
  m.widened.add('c1');
  m.callbackOffered.add('c1');
  m.ringing.set('c1', { operatorId: 5, deadline: 1 });
  return m;
}
const kept = (m: AcdMirror, id = 'c1') => ({ waiting: m.waiting.has(id), ringing: m.ringing.has(id), widened: m.widened.has(id), offered: m.callbackOffered.has(id) });

describe('the ACD mirror', () => {
  it('keeps a waiting call with its queue, topic and wait, and marks its region to route', () => {
    const m = marked();
    expect(m.waiting.get('c1')).toEqual({ callId: 'c1', region: '77', queueRegion: '77', queueId: 1, state: 'waiting', topic: 'covid', queuedAt: new Date('2026-11-28T08:59:00Z'), overflowed: false });
    expect([...m.dirty]).toEqual(['77']);
    // a later change that does not repeat them keeps what it knew
    m.apply({ calls: [call('c1', 'callback_pending')], agents: [] });
    expect(m.waiting.get('c1')).toMatchObject({ state: 'callback_pending', topic: 'covid', queuedAt: new Date('2026-11-28T08:59:00Z') });
  });

  it('a call ringing keeps its marks (the ring may go unanswered and the call wait again)', () => {
    const m = marked();
    m.apply({ calls: [call('c1', 'ringing', { operatorId: 5 })], agents: [] });
    expect(kept(m)).toEqual({ waiting: false, ringing: true, widened: true, offered: true });
    m.apply({ calls: [call('c1', 'waiting')], agents: [] });
    expect(kept(m)).toEqual({ waiting: true, ringing: false, widened: true, offered: true });
  });

  it.each(['talking', 'wrap_up', 'ended', 'abandoned'])('a call that left the queue (%s) leaves nothing behind', (state) => {
    const m = marked();
    m.apply({ calls: [call('c1', state, { operatorId: 5 })], agents: [] });
    expect(kept(m)).toEqual({ waiting: false, ringing: false, widened: false, offered: false });
  });

  it("a call the edge's PBX routes is not the ACD's: nothing kept", () => {
    const m = marked();
    m.apply({ calls: [call('c1', 'waiting', { routedByPbx: true })], agents: [] });
    expect(kept(m)).toEqual({ waiting: false, ringing: false, widened: false, offered: false });
  });

  it('many calls through the queue leave it as empty as it started', () => {
    const m = new AcdMirror(() => now);
    for (let i = 0; i < 1000; i++) {
      const id = `c${i}`;
      m.apply({ calls: [call(id, 'waiting')], agents: [] });
      m.widened.add(id);
      m.callbackOffered.add(id);
      m.apply({ calls: [call(id, 'ringing', { operatorId: 1 })], agents: [] });
      m.ringing.set(id, { operatorId: 1, deadline: 0 });
      m.apply({ calls: [call(id, i % 2 ? 'talking' : 'abandoned', { operatorId: 1 })], agents: [] });
    }
    expect([m.waiting.size, m.ringing.size, m.widened.size, m.callbackOffered.size]).toEqual([0, 0, 0, 0]);
  });

  it('loaded from the database: what it kept of calls no longer waiting or ringing goes', () => {
    const m = marked();
    m.ringing.clear();
    m.widened.add('gone');
    m.apply({ calls: [call('rung', 'waiting')], agents: [] });
    m.widened.add('rung');
    m.ringing.set('rung', { operatorId: 2, deadline: 0 });
    m.load(
      [
        {
          call_id: 'c1',
          state: 'waiting',
          region_code: '77',
          queue_id: 1,
          queue_region: '77',
          operator_id: null,
          topic: null,
          queued_at: null,
          offered_at: null,
          overflowed: true,
          callback: false,
          updated_at: now,
        },
      ],
      [{ user_id: 3, region_code: '77', state: 'ready', skills: [], idle_since: null }],
    );
    expect([...m.widened].sort()).toEqual(['c1', 'rung']);
    expect(m.waiting.get('c1')).toMatchObject({ queuedAt: now, overflowed: true });
    expect([...m.staff.keys()]).toEqual([3]);
  });

  it('follows operators: at work by id, offline gone; names it lacks are asked for once known', () => {
    const m = new AcdMirror(() => now);
    expect(m.apply({ calls: [], agents: [op(1, 'ready', { skills: ['covid'], idleSince: '2026-11-28T08:00:00Z' }), op(2, 'break')] })).toEqual([1, 2]);
    m.names.set(1, 'ivanova');
    expect(m.apply({ calls: [], agents: [op(1, 'ringing'), op(2, 'offline')] })).toEqual([]);
    expect(m.staff.get(1)).toEqual({ userId: 1, region: '77', state: 'ringing', skills: ['covid'], idleSince: new Date('2026-11-28T08:00:00Z') });
    expect(m.staff.has(2)).toBe(false);
    m.apply({ calls: [], agents: [op(1, 'ready', { idleSince: null })] });
    expect(m.staff.get(1)?.idleSince).toBeNull();
    expect(m.unnamed([1, 2])).toEqual([2]);
    expect(m.operatorRef(1)).toEqual({ id: 1, username: 'ivanova' });
    expect(m.operatorRef(2)).toEqual({ id: 2, username: '2' });
    expect([...m.staffedRegions()]).toEqual(['77']);
    expect([m.atWork('77'), m.atWork('50')]).toEqual([1, 0]);
  });
});
