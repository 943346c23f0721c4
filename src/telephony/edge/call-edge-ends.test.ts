// Calls the edge ends itself, with a reason otvet keeps: rtpengine could not take the call
// (media_failed), and the edge stopping (edge_stopping) in each phase of a call.
import { describe, expect, it } from 'vitest';
import type { CallInput } from './call-inputs.ts';
import { CallRun, connect, invite, leg } from './call-test-support.ts';

const stopping: CallInput = { type: 'edge_stopping' };

describe('rtpengine cannot take the call', () => {
  it('the caller is refused 503 (not hung up: never answered) and otvet hears the call abandoned for the media', () => {
    const r = new CallRun();
    r.send(invite());
    expect(r.send({ type: 'media_failed' }, 1000)).toEqual([
      { type: 'reject', status: 503, retryAfterSeconds: 5 },
      { type: 'report', event: { id: 'c1-2', callId: 'c1', type: 'abandoned', at: '2026-12-05T10:00:01.000Z', reason: 'media_unavailable' } },
      { type: 'clear_timer', name: 'ivr' },
      { type: 'forget' },
    ]);
    expect(r.reportTypes).toEqual(['offered', 'abandoned']);
  });

  it('in a region without a menu (queued at once) too', () => {
    const r = new CallRun();
    r.send(invite({ menu: { timeoutSeconds: 5, items: [] } }));
    const actions = r.send({ type: 'media_failed' });
    expect(actions[0]).toEqual({ type: 'reject', status: 503, retryAfterSeconds: 5 });
    expect(r.reports.at(-1)).toMatchObject({ type: 'abandoned', reason: 'media_unavailable' });
    expect(actions).not.toContainEqual({ type: 'bye_caller' });
  });

  it('after the caller cancelled meanwhile: nothing more (the cancel was reported)', () => {
    const r = new CallRun();
    r.send(invite());
    r.send({ type: 'caller_hangup', by: 'cancel' });
    expect(r.send({ type: 'media_failed' })).toEqual([]);
    expect(r.reportTypes).toEqual(['offered', 'abandoned']);
  });
});

describe('the edge stopping', () => {
  it('a caller in the IVR: hung up, abandoned because the edge stopped', () => {
    const r = new CallRun();
    r.send(invite());
    expect(r.send(stopping, 2000)).toEqual([
      { type: 'bye_caller' },
      { type: 'report', event: { id: 'c1-2', callId: 'c1', type: 'abandoned', at: '2026-12-05T10:00:02.000Z', reason: 'edge_stopped' } },
      { type: 'clear_timer', name: 'ivr' },
      { type: 'forget' },
    ]);
  });

  it('a caller waiting while a phone rings: hung up, the legs cancelled, abandoned', () => {
    const r = CallRun.ringing();
    const actions = r.send(stopping);
    expect(actions[0]).toEqual({ type: 'bye_caller' });
    expect(actions).toContainEqual({ type: 'cancel_legs', legIds: ['c1/1', 'c1/2'] });
    expect(r.reports.at(-1)).toMatchObject({ type: 'abandoned', reason: 'edge_stopped' });
  });

  it('a conversation: both legs hung up, ended because the edge stopped', () => {
    const r = CallRun.ringing();
    r.send(leg('c1/1', 'provisional', 180));
    r.send(leg('c1/1', 'answered', 200));
    r.send(leg('c1/2', 'failed', 487));
    expect(r.send(stopping, 60_000)).toEqual([
      { type: 'bye_caller' },
      { type: 'bye_leg', legId: 'c1/1' },
      { type: 'report', event: { id: 'c1-6', callId: 'c1', type: 'ended', at: '2026-12-05T10:01:04.000Z', reason: 'edge_stopped' } },
      { type: 'forget' },
    ]);
  });

  it('"call later" playing: hung up, abandoned', () => {
    const r = new CallRun();
    r.send(invite({ otvetReachable: false }));
    expect(r.call.phase).toBe('unavailable');
    const actions = r.send(stopping);
    expect(actions[0]).toEqual({ type: 'bye_caller' });
    expect(r.reports.at(-1)).toMatchObject({ type: 'abandoned', reason: 'edge_stopped' });
  });

  it('a callback waiting for otvet (no caller leg): abandoned, nothing to hang up; one being called back: the call cancelled', () => {
    const pending = CallRun.queued();
    pending.send({ type: 'decision', decision: { kind: 'offer_callback' } });
    pending.send({ type: 'digit', digit: '1' });
    pending.send({ type: 'prompt_done', playId: pending.playId });
    expect(pending.call.phase).toBe('callback_pending');
    const actions = pending.send(stopping);
    expect(actions.filter((a) => a.type === 'bye_caller' || a.type === 'cancel_caller')).toEqual([]);
    expect(pending.reports.at(-1)).toMatchObject({ type: 'abandoned', reason: 'edge_stopped' });

    const calling = CallRun.queued();
    calling.send({ type: 'decision', decision: { kind: 'offer_callback' } });
    calling.send({ type: 'digit', digit: '1' });
    calling.send({ type: 'prompt_done', playId: calling.playId });
    calling.send({ type: 'decision', decision: { kind: 'callback', operator: 'ivanova', contacts: ['sip:ivanova@10.0.0.5'] } });
    expect(calling.call.phase).toBe('calling_back');
    expect(calling.send(stopping)).toContainEqual({ type: 'cancel_caller' });
    expect(calling.reports.at(-1)).toMatchObject({ type: 'abandoned', reason: 'edge_stopped' });
  });

  it('a call already over changes nothing; a second stop neither', () => {
    const r = CallRun.queued();
    r.send({ type: 'caller_hangup', by: 'bye' });
    expect(r.send(stopping)).toEqual([]);
    const s = CallRun.queued();
    s.send(connect());
    s.send(stopping);
    const reports = s.reports.length;
    expect(s.send(stopping)).toEqual([]);
    expect(s.reports).toHaveLength(reports);
  });
});
