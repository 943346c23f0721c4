import { describe, expect, it } from 'vitest';
import { admit, foldCall, type CallEvent } from './call-fold.ts';

const t0 = Date.parse('2026-11-28T09:00:00Z');
let n = 0;
const ev = (callId: string, type: CallEvent['type'], sec: number, data: Record<string, unknown> = {}): CallEvent => ({
  id: `e${++n}`,
  callId,
  type,
  at: new Date(t0 + sec * 1000),
  data,
  source: 'api',
});

function rand(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** A day's calls of every kind, in order. */
function dayOfCalls(): CallEvent[] {
  const out: CallEvent[] = [];
  for (let i = 0; i < 200; i++) {
    const id = `call-${i}`;
    const s = i * 30;
    out.push(ev(id, 'offered', s, { region: '77', callerHash: `h${i % 17}`, callerMasked: '+7 916 ***-**-12' }));
    out.push(ev(id, 'ivr_choice', s + 5, { topic: i % 2 ? 'mobilization' : 'covid' }));
    out.push(ev(id, 'queued', s + 8, { queueId: 1, queueRegion: '77' }));
    switch (i % 5) {
      case 0: // answered and wrapped up
        out.push(ev(id, 'ringing', s + 20, { operatorId: 10 + (i % 4) }), ev(id, 'answered', s + 25, { operatorId: 10 + (i % 4) }));
        out.push(ev(id, 'ended', s + 200), ev(id, 'wrapped_up', s + 230, { outcome: 'answered', topics: ['Коронавирус'] }));
        break;
      case 1: // abandoned while waiting
        out.push(ev(id, 'abandoned', s + 40));
        break;
      case 2: // ring-no-answer, then answered by another operator, transferred to a queue, answered again
        out.push(ev(id, 'ringing', s + 20, { operatorId: 11 }), ev(id, 'queued', s + 40, { reason: 'ring_no_answer', operatorId: 11 }));
        out.push(ev(id, 'ringing', s + 45, { operatorId: 12 }), ev(id, 'answered', s + 47, { operatorId: 12 }));
        out.push(ev(id, 'transferred', s + 100, { queueId: 2, queueRegion: '77' }), ev(id, 'ringing', s + 110, { operatorId: 13 }));
        out.push(ev(id, 'answered', s + 112, { operatorId: 13 }), ev(id, 'ended', s + 300));
        break;
      case 3: // callback
        out.push(ev(id, 'callback_requested', s + 60), ev(id, 'ringing', s + 600, { operatorId: 10 }), ev(id, 'answered', s + 610, { operatorId: 10 }));
        out.push(ev(id, 'ended', s + 700), ev(id, 'wrapped_up', s + 720, { outcome: 'callback' }));
        break;
      default: // overflowed to the reserve centre, still waiting
        out.push(ev(id, 'overflowed', s + 120, { queueId: 99, queueRegion: 'federal' }));
    }
  }
  return out;
}

function byCall(events: CallEvent[]) {
  const m = new Map<string, CallEvent[]>();
  for (const e of events) (m.get(e.callId) ?? m.set(e.callId, []).get(e.callId)!).push(e);
  return m;
}

describe('call fold', () => {
  it('gives the same records for any arrival order, with duplicates, as for the events in order', () => {
    const day = dayOfCalls();
    const ordered = new Map([...byCall(day)].map(([id, es]) => [id, admit(id, [], es).record]));
    for (const seed of [1, 2, 3]) {
      const r = rand(seed);
      const shuffled = [...day, ...day.filter(() => r() < 0.3)].sort(() => r() - 0.5);
      // Arrive in small batches, each admitted against what came before.
      const stored = new Map<string, CallEvent[]>();
      const seen = new Set<string>();
      for (let i = 0; i < shuffled.length; i += 7) {
        const batch = shuffled.slice(i, i + 7).filter((e) => !seen.has(e.id) && (seen.add(e.id), true));
        for (const [id, es] of byCall(batch)) {
          const out = admit(id, stored.get(id) ?? [], es);
          expect([...out.rejected]).toEqual([]);
          stored.set(id, [...(stored.get(id) ?? []), ...out.accepted]);
        }
      }
      for (const [id, record] of ordered) expect(foldCall(id, stored.get(id)!).record, `${id} (seed ${seed})`).toEqual(record);
    }
    const states = [...ordered.values()].map((r) => r.state);
    expect(new Set(states)).toEqual(new Set(['ended', 'abandoned', 'wrap_up', 'waiting']));
    expect(ordered.get('call-2')).toMatchObject({ state: 'wrap_up', operatorId: 13, queueId: 2 });
    expect(ordered.get('call-3')).toMatchObject({ state: 'ended', callback: true, outcome: 'callback' });
    expect(ordered.get('call-4')).toMatchObject({ state: 'waiting', overflowed: true, queueRegion: 'federal' });
  });

  it('refuses what cannot have happened, saying why, and keeps what was recorded', () => {
    const offered = ev('x', 'offered', 0, { region: '77' });
    const abandoned = ev('x', 'abandoned', 30);
    const base = admit('x', [], [offered, ev('x', 'queued', 5), abandoned]);
    expect(base.record.state).toBe('abandoned');
    const late = admit(
      'x',
      [offered, ...base.accepted],
      [ev('x', 'answered', 40, { operatorId: 1 }), ev('x', 'offered', 50, { region: '78' }), ev('x', 'wrapped_up', 60, { outcome: 'answered' }), ev('x', 'ringing', -10, { operatorId: 2 })],
    );
    expect([...late.rejected.values()]).toEqual([
      'it is dated before the call was offered (2026-11-28T09:00:00.000Z)',
      'the call had already been abandoned',
      'the call was offered already',
      'nobody answered this call, so there is nothing to wrap up',
    ]);
    expect(late.accepted).toEqual([]);
    // An earlier event that would overturn a recorded one is refused, not the recorded one.
    const answered = admit('y', [], [ev('y', 'offered', 0, { region: '77' }), ev('y', 'answered', 10, { operatorId: 1 }), ev('y', 'ended', 100)]);
    const conflict = admit('y', answered.accepted, [ev('y', 'abandoned', 5)]);
    expect(conflict.rejected.size).toBe(1);
    expect(conflict.record.state).toBe('wrap_up');
    // Two reports of the hang-up of an answered call (one saying "abandoned"): the earlier counts.
    const twice = admit('y', answered.accepted, [ev('y', 'abandoned', 50)]);
    expect(twice.rejected.size).toBe(0);
    expect(twice.record).toMatchObject({ state: 'wrap_up', endedAt: new Date(t0 + 50_000) });
  });

  it('takes an "abandoned" after the answer as the hang-up it is: the call goes to wrap-up', () => {
    const r = admit('w', [], [ev('w', 'offered', 0, { region: '77' }), ev('w', 'queued', 1), ev('w', 'answered', 20, { operatorId: 1 }), ev('w', 'abandoned', 21)]);
    expect(r.rejected.size).toBe(0);
    expect(r.record).toMatchObject({ state: 'wrap_up', operatorId: 1, closeReason: null });
    expect(r.record.endedAt!.toISOString()).toBe(new Date(t0 + 21_000).toISOString());
    const wrapped = admit('w', r.accepted, [ev('w', 'wrapped_up', 30, { outcome: 'dropped' })]);
    expect(wrapped.record).toMatchObject({ state: 'ended', outcome: 'dropped' });
  });

  it('treats a second hang-up report as the same hang-up', () => {
    const r = admit('z', [], [ev('z', 'offered', 0, { region: '77' }), ev('z', 'answered', 5, { operatorId: 1 }), ev('z', 'ended', 60), ev('z', 'ended', 61)]);
    expect(r.rejected.size).toBe(0);
    expect(r.record.endedAt!.toISOString()).toBe(new Date(t0 + 60_000).toISOString());
  });
});
