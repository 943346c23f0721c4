import { describe, expect, it } from 'vitest';
import { step } from './call.ts';
import { CallRun, connect, invite, leg, NUMBER, ofType } from './call-test-support.ts';
import type { CallInput } from './call-inputs.ts';

const offer: CallInput = { type: 'decision', decision: { kind: 'offer_callback' } };
const callback = (contacts = ['sip:ivanova@10.0.0.5']): CallInput => ({ type: 'decision', decision: { kind: 'callback', operator: 'ivanova', contacts } });

/** Queued, offered a callback, key 1, the goodbye played: the caller's leg is gone. */
function callbackPending(): CallRun {
  const r = CallRun.queued();
  r.send(offer, 1000);
  r.send({ type: 'digit', digit: '1' }, 4000);
  r.send({ type: 'prompt_done', playId: r.playId }, 5000);
  return r;
}

describe('a callback', () => {
  it('offer_callback plays the offer; key 1: callback_requested, the goodbye, then we hang up (no abandoned)', () => {
    const r = CallRun.queued();
    expect(r.send(offer, 1000)).toEqual([{ type: 'play', playId: 3, prompts: [{ name: 'callback_offer' }, { name: 'hold_music' }] }]);
    const actions = r.send({ type: 'digit', digit: '1' }, 4000);
    expect(actions).toEqual([
      { type: 'report', event: { id: 'c1-4', callId: 'c1', type: 'callback_requested', at: '2026-12-05T10:00:08.000Z' } },
      { type: 'clear_timer', name: 'announce' },
      { type: 'play', playId: 4, prompts: [{ name: 'callback_accepted' }] },
      { type: 'set_timer', name: 'prompt_safety', ms: 30_000 },
    ]);
    expect(r.send({ type: 'prompt_done', playId: 4 }, 5000)).toEqual([
      { type: 'bye_caller' },
      { type: 'clear_timer', name: 'prompt_safety' },
      { type: 'set_timer', name: 'callback_keep', ms: 24 * 3600_000 },
    ]);
    expect(r.call.phase).toBe('callback_pending');
    expect(r.reportTypes).toEqual(['offered', 'ivr_choice', 'queued', 'callback_requested']);
  });

  it('key 1 without an offer does nothing; a caller with a hidden number is not offered a callback', () => {
    const r = CallRun.queued();
    expect(r.send({ type: 'digit', digit: '1' })).toEqual([]);
    const hidden = CallRun.queued({ caller: null });
    expect(hidden.send(offer)).toEqual([]);
    expect(hidden.send({ type: 'digit', digit: '1' })).toEqual([]);
  });

  it('the caller accepts while an operator rings: the ring is cancelled', () => {
    const r = CallRun.queued();
    r.send(offer);
    r.send(connect());
    expect(r.send({ type: 'digit', digit: '1' })).toContainEqual({ type: 'cancel_legs', legIds: ['c1/1', 'c1/2'] });
    expect(r.call.ring).toBeNull();
  });

  it('the callback decision calls the caller through the trunk; when they answer, the operator rings; ringing, answered, ended', () => {
    const r = callbackPending();
    expect(r.send(callback(), 600_000)).toEqual([
      { type: 'clear_timer', name: 'callback_keep' },
      { type: 'call_caller', to: NUMBER, from: '122' },
      { type: 'set_timer', name: 'ring_safety', ms: 45_000 },
    ]);
    expect(r.call.phase).toBe('calling_back');
    expect(r.send({ type: 'callback_answered' }, 8000)).toEqual([
      { type: 'play', playId: 5, prompts: [{ name: 'connecting' }, { name: 'hold_music' }] },
      { type: 'ring', operator: 'ivanova', legs: [{ legId: 'c1/1', contact: 'sip:ivanova@10.0.0.5' }] },
      { type: 'set_timer', name: 'ring_safety', ms: 45_000 },
    ]);
    r.send(leg('c1/1', 'provisional', 180), 500);
    expect(ofType(r.send(leg('c1/1', 'answered', 200), 3000), 'bridge')).toEqual([{ type: 'bridge', legId: 'c1/1' }]);
    r.send({ type: 'caller_hangup', by: 'bye' }, 90_000);
    expect(r.reportTypes).toEqual(['offered', 'ivr_choice', 'queued', 'callback_requested', 'ringing', 'answered', 'ended']);
  });

  it('the caller does not answer the callback: abandoned', () => {
    const r = callbackPending();
    r.send(callback());
    expect(r.send({ type: 'callback_failed', status: 486 }, 30_000)).toContainEqual({ type: 'forget' });
    expect(r.reports.at(-1)).toMatchObject({ type: 'abandoned', reason: 'callback_not_answered' });
  });

  it('stop_ringing while we call the caller: we give up calling; if they pick up just then, we hang up', () => {
    const r = callbackPending();
    r.send(callback());
    expect(r.send({ type: 'decision', decision: { kind: 'stop_ringing', operator: 'ivanova' } })).toEqual([
      { type: 'cancel_caller' },
      { type: 'clear_timer', name: 'ring_safety' },
      { type: 'set_timer', name: 'callback_keep', ms: 24 * 3600_000 },
    ]);
    expect(r.send({ type: 'callback_answered' })).toEqual([{ type: 'bye_caller' }]);
    expect(r.call.phase).toBe('callback_pending');
    // the next callback decision calls again
    expect(ofType(r.send(callback()), 'call_caller')).toHaveLength(1);
  });

  it('the trunk rings the caller and never answers: we give up on our own, as on stop_ringing, and the next callback calls again', () => {
    const r = callbackPending();
    r.send(callback());
    expect(r.send({ type: 'timer', name: 'ring_safety' }, 45_000)).toEqual([{ type: 'cancel_caller' }, { type: 'set_timer', name: 'callback_keep', ms: 24 * 3600_000 }]);
    expect(r.call.phase).toBe('callback_pending');
    // (the CANCEL's 487 comes back as a failure of the attempt given up: nothing more)
    expect(r.send({ type: 'callback_failed', status: 487 })).toEqual([]);
    expect(ofType(r.send(callback()), 'call_caller')).toHaveLength(1);
    expect(r.reportTypes).toEqual(['offered', 'ivr_choice', 'queued', 'callback_requested']);
  });

  it('stop_ringing while calling the caller clears our own cap on it', () => {
    const r = callbackPending();
    r.send(callback());
    r.send({ type: 'decision', decision: { kind: 'stop_ringing', operator: 'ivanova' } });
    expect(r.call.timers).not.toContain('ring_safety');
  });

  it('the caller who answered a callback is not taken for one who accepts another with key 1', () => {
    const r = callbackPending();
    r.send(callback());
    r.send({ type: 'callback_answered' });
    expect(r.send({ type: 'digit', digit: '1' })).toEqual([]);
    expect(r.call.phase).toBe('waiting');
    expect(r.reportTypes.filter((t) => t === 'callback_requested')).toHaveLength(1);
  });

  it('a callback decision with no registered contact does not make the caller pick up for nothing', () => {
    const r = callbackPending();
    expect(r.send(callback([]))).toEqual([]);
    expect(r.call.phase).toBe('callback_pending');
  });
});

describe('decisions are idempotent', () => {
  it('a second connect for the operator ringing changes nothing; a decision id seen before is ignored', () => {
    const r = CallRun.queued();
    expect(ofType(r.send(connect('ivanova', ['sip:a'], 'd1')), 'ring')).toHaveLength(1);
    expect(r.send(connect('ivanova', ['sip:a', 'sip:b'], 'd2'))).toEqual([]);
    r.send({ type: 'decision', decision: { kind: 'stop_ringing', operator: 'ivanova', decisionId: 'd3' } });
    // the stream replays d1 after a reconnect: not rung again
    expect(r.send(connect('ivanova', ['sip:a'], 'd1'))).toEqual([]);
    expect(r.send({ type: 'decision', decision: { kind: 'stop_ringing', operator: 'ivanova', decisionId: 'd3' } })).toEqual([]);
  });

  it('a stop_ringing for another operator than the one ringing is stale: ignored', () => {
    const r = CallRun.ringing();
    expect(r.send({ type: 'decision', decision: { kind: 'stop_ringing', operator: 'petrov' } })).toEqual([]);
    expect(r.call.ring?.operator).toBe('ivanova');
  });

  it('connect in the IVR, or for the operator already talking, is ignored (for another one it follows a transfer: call-transfer.test.ts)', () => {
    const r = new CallRun();
    r.send(invite());
    expect(r.send(connect())).toEqual([]);
    const t = CallRun.ringing();
    t.send(leg('c1/1', 'answered', 200));
    expect(t.send(connect('ivanova', ['sip:p']))).toEqual([]);
  });

  it('step never changes the call it is given', () => {
    const r = CallRun.ringing();
    const before = structuredClone(r.call);
    step(r.call, leg('c1/1', 'answered', 200), 0);
    step(r.call, { type: 'caller_hangup', by: 'bye' }, 0);
    expect(r.call).toEqual(before);
  });
});

describe('otvet unreachable', () => {
  it('a new call hears "call later" and is hung up; its events are still reported (the journal sends them later)', () => {
    const r = new CallRun();
    const actions = r.send(invite({ otvetReachable: false }));
    expect(actions).toEqual([
      { type: 'answer' },
      { type: 'report', event: expect.objectContaining({ type: 'offered', caller: NUMBER }) },
      { type: 'play', playId: 1, prompts: [{ name: 'unavailable' }] },
      { type: 'set_timer', name: 'prompt_safety', ms: 30_000 },
    ]);
    expect(r.send({ type: 'prompt_done', playId: 1 }, 6000)).toEqual([
      { type: 'bye_caller' },
      { type: 'report', event: { id: 'c1-2', callId: 'c1', type: 'ended', at: '2026-12-05T10:00:06.000Z', reason: 'service_unavailable' } },
      { type: 'clear_timer', name: 'prompt_safety' },
      { type: 'forget' },
    ]);
  });

  it('the prompt never reported done: hung up anyway', () => {
    const r = new CallRun();
    r.send(invite({ otvetReachable: false }));
    expect(r.send({ type: 'timer', name: 'prompt_safety' }, 30_000)).toContainEqual({ type: 'bye_caller' });
    expect(r.reportTypes).toEqual(['offered', 'ended']);
  });

  it('a waiting caller is kept through a short outage, and told to call later after a long one', () => {
    const r = CallRun.queued();
    expect(r.send({ type: 'otvet_unreachable' })).toEqual([{ type: 'set_timer', name: 'otvet_down', ms: 60_000 }]);
    expect(r.send({ type: 'otvet_back' }, 10_000)).toEqual([{ type: 'clear_timer', name: 'otvet_down' }]);
    r.send({ type: 'otvet_unreachable' });
    r.send(connect());
    const actions = r.send({ type: 'timer', name: 'otvet_down' }, 60_000);
    expect(actions).toContainEqual({ type: 'cancel_legs', legIds: ['c1/1', 'c1/2'] });
    expect(ofType(actions, 'play')).toEqual([{ type: 'play', playId: 3, prompts: [{ name: 'unavailable' }] }]);
    r.send({ type: 'prompt_done', playId: 3 }, 6000);
    expect(r.reports.at(-1)).toMatchObject({ type: 'ended', reason: 'service_unavailable' });
  });

  it('a conversation goes on while otvet is unreachable', () => {
    const r = CallRun.ringing();
    r.send(leg('c1/1', 'answered', 200));
    expect(r.send({ type: 'otvet_unreachable' })).toEqual([]);
    expect(r.call.phase).toBe('talking');
  });
});

describe('admission control', () => {
  it('a call over the limits is refused with 503 and Retry-After, and never reported', () => {
    const r = new CallRun();
    expect(r.send(invite({ refused: { retryAfterSeconds: 2 } }))).toEqual([{ type: 'reject', status: 503, retryAfterSeconds: 2 }, { type: 'forget' }]);
  });
});
