import { describe, expect, it } from 'vitest';
import { CallRun, connect, invite, leg, MENU, NUMBER, ofType, T0 } from './call-test-support.ts';

describe('a call in the IVR', () => {
  it('is answered and offered with the caller number, then hears the greeting and the menu', () => {
    const r = new CallRun();
    const actions = r.send(invite());
    expect(actions).toEqual([
      { type: 'answer' },
      { type: 'report', event: { id: 'c1-1', callId: 'c1', type: 'offered', at: '2026-12-05T10:00:00.000Z', region: '77', caller: NUMBER, dialled: '122' } },
      { type: 'play', playId: 1, prompts: [{ name: 'greeting' }, { name: 'menu', items: MENU.items }] },
      { type: 'set_timer', name: 'ivr', ms: 5000 + 90_000 },
    ]);
    expect(r.call.phase).toBe('ivr');
  });

  it('a key of the menu: ivr_choice with its section, then queued and the wait asked for; the estimate, then hold music, as one play', () => {
    const r = new CallRun();
    r.send(invite());
    const actions = r.send({ type: 'digit', digit: '2' }, 7000);
    expect(actions).toEqual([
      { type: 'report', event: { id: 'c1-2', callId: 'c1', type: 'ivr_choice', at: '2026-12-05T10:00:07.000Z', topic: 'Частичная мобилизация' } },
      { type: 'report', event: { id: 'c1-3', callId: 'c1', type: 'queued', at: '2026-12-05T10:00:07.000Z' } },
      { type: 'clear_timer', name: 'ivr' },
      { type: 'fetch_wait' },
      { type: 'set_timer', name: 'announce', ms: 30_000 },
      { type: 'set_timer', name: 'first_wait', ms: 1500 },
    ]);
    expect(r.call.phase).toBe('waiting');
    // (hold music started now would be replaced by the estimate in a moment: one play, not two)
    expect(r.send({ type: 'wait_estimate', seconds: 130 }, 40)).toEqual([
      { type: 'clear_timer', name: 'first_wait' },
      { type: 'play', playId: 2, prompts: [{ name: 'wait', seconds: 130 }, { name: 'hold_music' }] },
    ]);
    expect(r.send({ type: 'timer', name: 'first_wait' }, 1500)).toEqual([]);
  });

  it('the first estimate late or unknown: hold music without it, and the estimate when it comes', () => {
    const r = new CallRun();
    r.send(invite());
    r.send({ type: 'digit', digit: '2' }, 7000);
    expect(r.send({ type: 'timer', name: 'first_wait' }, 1500)).toEqual([{ type: 'play', playId: 2, prompts: [{ name: 'hold_music' }] }]);
    expect(r.send({ type: 'wait_estimate', seconds: 130 }, 500)).toEqual([{ type: 'play', playId: 3, prompts: [{ name: 'wait', seconds: 130 }, { name: 'hold_music' }] }]);

    const unknown = new CallRun();
    unknown.send(invite());
    unknown.send({ type: 'digit', digit: '2' }, 7000);
    expect(unknown.send({ type: 'wait_estimate', seconds: null }, 40)).toEqual([
      { type: 'clear_timer', name: 'first_wait' },
      { type: 'play', playId: 2, prompts: [{ name: 'hold_music' }] },
    ]);
  });

  it('an operator rung before the first estimate: hold music at once while the phone rings', () => {
    const r = new CallRun();
    r.send(invite());
    r.send({ type: 'digit', digit: '2' }, 7000);
    expect(ofType(r.send(connect(), 20), 'play')).toEqual([{ type: 'play', playId: 2, prompts: [{ name: 'hold_music' }] }]);
    expect(r.send({ type: 'timer', name: 'first_wait' }, 1500)).toEqual([]);
  });

  it('a key not in the menu: the menu again, nothing reported; three wrong keys: the general queue', () => {
    const r = new CallRun();
    r.send(invite());
    expect(r.send({ type: 'digit', digit: '7' })).toEqual([
      { type: 'play', playId: 2, prompts: [{ name: 'menu_invalid' }, { name: 'menu', items: MENU.items }] },
      { type: 'set_timer', name: 'ivr', ms: 95_000 },
    ]);
    r.send({ type: 'digit', digit: '#' });
    expect(r.reportTypes).toEqual(['offered']);
    r.send({ type: 'digit', digit: '9' });
    expect(r.reportTypes).toEqual(['offered', 'queued']);
  });

  it('no key within the menu time after the menu has played: queued without a topic', () => {
    const r = new CallRun();
    r.send(invite());
    expect(r.send({ type: 'prompt_done', playId: 1 }, 12_000)).toEqual([{ type: 'set_timer', name: 'ivr', ms: 5000 }]);
    r.send({ type: 'timer', name: 'ivr' }, 5000);
    expect(r.reportTypes).toEqual(['offered', 'queued']);
    expect(r.reports[1]).toEqual({ id: 'c1-2', callId: 'c1', type: 'queued', at: '2026-12-05T10:00:17.000Z' });
    expect(r.call.phase).toBe('waiting');
  });

  it('a region without a menu: queued at once; the greeting, then the estimate (not cutting it off) and hold music', () => {
    const r = new CallRun();
    r.send(invite({ menu: { timeoutSeconds: 5, items: [] } }));
    expect(r.reportTypes).toEqual(['offered', 'queued']);
    expect(ofType(r.last, 'play')).toEqual([]);
    expect(ofType(r.send({ type: 'wait_estimate', seconds: 300 }, 30), 'play')).toEqual([
      { type: 'play', playId: 1, prompts: [{ name: 'greeting' }, { name: 'wait', seconds: 300 }, { name: 'hold_music' }] },
    ]);
  });

  it('the caller hangs up in the IVR: abandoned, and the call is forgotten', () => {
    const r = new CallRun();
    r.send(invite());
    expect(r.send({ type: 'caller_hangup', by: 'bye' }, 2000)).toEqual([
      { type: 'report', event: { id: 'c1-2', callId: 'c1', type: 'abandoned', at: '2026-12-05T10:00:02.000Z', reason: 'hung_up_in_ivr' } },
      { type: 'clear_timer', name: 'ivr' },
      { type: 'forget' },
    ]);
  });
});

describe('a caller waiting', () => {
  it('hears the estimated wait when it comes, then hold music; every N seconds the estimate is asked for again', () => {
    const r = CallRun.queued();
    expect(r.send({ type: 'wait_estimate', seconds: 130 })).toEqual([{ type: 'play', playId: 3, prompts: [{ name: 'wait', seconds: 130 }, { name: 'hold_music' }] }]);
    expect(r.send({ type: 'timer', name: 'announce' }, 30_000)).toEqual([{ type: 'fetch_wait' }, { type: 'set_timer', name: 'announce', ms: 30_000 }]);
    expect(r.send({ type: 'wait_estimate', seconds: null })).toEqual([]);
    expect(r.send({ type: 'wait_estimate', seconds: 70 })).toEqual([{ type: 'play', playId: 4, prompts: [{ name: 'wait', seconds: 70 }, { name: 'hold_music' }] }]);
  });

  it('hangs up: abandoned, nothing else to do', () => {
    const r = CallRun.queued();
    r.send({ type: 'caller_hangup', by: 'bye' }, 1000);
    expect(r.reportTypes).toEqual(['offered', 'ivr_choice', 'queued', 'abandoned']);
    expect(r.last).toContainEqual({ type: 'forget' });
  });
});

describe('ringing an operator', () => {
  it('connect rings every contact at once; ringing is reported once, at the first 180/183', () => {
    const r = CallRun.queued();
    const actions = r.send(connect(), 1000);
    expect(actions).toEqual([
      {
        type: 'ring',
        operator: 'ivanova',
        legs: [
          { legId: 'c1/1', contact: 'sip:ivanova@10.0.0.5' },
          { legId: 'c1/2', contact: 'sip:ivanova@10.0.0.6' },
        ],
      },
      { type: 'clear_timer', name: 'announce' },
      { type: 'set_timer', name: 'ring_safety', ms: 45_000 },
    ]);
    expect(r.reportTypes).not.toContain('ringing');
    r.send(leg('c1/2', 'provisional', 180), 300);
    r.send(leg('c1/1', 'provisional', 183), 100);
    r.send(leg('c1/2', 'provisional', 180), 100);
    expect(r.reports.filter((e) => e.type === 'ringing')).toEqual([{ id: 'c1-4', callId: 'c1', type: 'ringing', at: '2026-12-05T10:00:04.300Z', operator: 'ivanova' }]);
  });

  it('an operator with no registered contact: nothing rung, nothing reported', () => {
    const r = CallRun.queued();
    expect(r.send(connect('petrov', []))).toEqual([]);
    expect(r.send({ type: 'decision', decision: { kind: 'stop_ringing', operator: 'petrov' } })).toEqual([]);
    expect(r.reportTypes).toEqual(['offered', 'ivr_choice', 'queued']);
  });

  it('the first 200 wins: answered, the other legs cancelled, hold music stopped, media bridged', () => {
    const r = CallRun.ringing();
    r.send(leg('c1/1', 'provisional', 180));
    expect(r.send(leg('c1/2', 'answered', 200), 4000)).toEqual([
      { type: 'cancel_legs', legIds: ['c1/1'] },
      { type: 'report', event: { id: 'c1-5', callId: 'c1', type: 'answered', at: '2026-12-05T10:00:08.000Z', operator: 'ivanova' } },
      { type: 'clear_timer', name: 'ring_safety' },
      { type: 'stop_playing' },
      { type: 'bridge', legId: 'c1/2' },
    ]);
    expect(r.call.phase).toBe('talking');
    // the cancelled phone picked up at the same moment: hung up, never bridged
    expect(r.send(leg('c1/1', 'answered', 200))).toEqual([{ type: 'bye_leg', legId: 'c1/1' }]);
    expect(r.reportTypes).toEqual(['offered', 'ivr_choice', 'queued', 'ringing', 'answered']);
  });

  it('stop_ringing: the legs cancelled, the caller back to hold music with announcements; a late 200 is hung up, not bridged', () => {
    const r = CallRun.ringing();
    expect(r.send({ type: 'decision', decision: { kind: 'stop_ringing', operator: 'ivanova' } }, 20_000)).toEqual([
      { type: 'cancel_legs', legIds: ['c1/1', 'c1/2'] },
      { type: 'clear_timer', name: 'ring_safety' },
      { type: 'set_timer', name: 'announce', ms: 30_000 },
    ]);
    expect(r.call.phase).toBe('waiting');
    expect(r.send(leg('c1/1', 'failed', 487))).toEqual([]);
    expect(r.send(leg('c1/2', 'answered', 200))).toEqual([{ type: 'bye_leg', legId: 'c1/2' }]);
    expect(r.all.filter((a) => a.type === 'bridge' || a.type === 'stop_playing')).toEqual([]);
    expect(r.reportTypes).toEqual(['offered', 'ivr_choice', 'queued']);
    // the next operator rings
    expect(ofType(r.send(connect('petrov', ['sip:petrov@10.0.0.7'])), 'ring')).toEqual([{ type: 'ring', operator: 'petrov', legs: [{ legId: 'c1/3', contact: 'sip:petrov@10.0.0.7' }] }]);
  });

  it('the same operator rung again after stop_ringing: a 200 on a leg of the ring taken back is hung up, the new ring goes on', () => {
    const r = CallRun.ringing();
    r.send({ type: 'decision', decision: { kind: 'stop_ringing', operator: 'ivanova' } });
    r.send(connect('ivanova', ['sip:ivanova@10.0.0.5']));
    expect(r.send(leg('c1/1', 'answered', 200))).toEqual([{ type: 'bye_leg', legId: 'c1/1' }]);
    expect(ofType(r.send(leg('c1/3', 'answered', 200)), 'bridge')).toEqual([{ type: 'bridge', legId: 'c1/3' }]);
  });

  it('every phone declines: nothing reported, the caller waits for otvet to take the ring back', () => {
    const r = CallRun.ringing();
    expect(r.send(leg('c1/1', 'failed', 486))).toEqual([]);
    expect(r.send(leg('c1/2', 'failed', 603))).toEqual([]);
    expect(r.call.ring?.operator).toBe('ivanova');
    expect(r.send({ type: 'decision', decision: { kind: 'stop_ringing', operator: 'ivanova' } })).toEqual([
      { type: 'clear_timer', name: 'ring_safety' },
      { type: 'set_timer', name: 'announce', ms: 30_000 },
    ]);
  });

  it('when otvet never takes the ring back, our own ring limit does', () => {
    const r = CallRun.ringing();
    expect(r.send({ type: 'timer', name: 'ring_safety' }, 45_000)).toEqual([
      { type: 'cancel_legs', legIds: ['c1/1', 'c1/2'] },
      { type: 'set_timer', name: 'announce', ms: 30_000 },
    ]);
    expect(r.call.ring).toBeNull();
  });

  it('the caller hangs up while the phone rings: abandoned, the legs cancelled, the call kept until they have answered', () => {
    const r = CallRun.ringing();
    r.send(leg('c1/1', 'provisional', 180));
    const actions = r.send({ type: 'caller_hangup', by: 'bye' }, 2000);
    expect(r.reportTypes).toEqual(['offered', 'ivr_choice', 'queued', 'ringing', 'abandoned']);
    expect(actions).toContainEqual({ type: 'cancel_legs', legIds: ['c1/1', 'c1/2'] });
    expect(actions).toContainEqual({ type: 'set_timer', name: 'linger', ms: 32_000 });
    expect(actions).not.toContainEqual({ type: 'forget' });
    expect(r.send(leg('c1/1', 'failed', 487))).toEqual([]);
    // answered as the CANCEL crossed it: hung up; the last leg done, the call is forgotten
    expect(r.send(leg('c1/2', 'answered', 200))).toEqual([{ type: 'bye_leg', legId: 'c1/2' }, { type: 'clear_timer', name: 'linger' }, { type: 'forget' }]);
    expect(r.reportTypes.at(-1)).toBe('abandoned');
  });

  it('a CANCEL from the caller is a hang-up too', () => {
    const r = CallRun.ringing();
    r.send({ type: 'caller_hangup', by: 'cancel' });
    expect(r.reportTypes.at(-1)).toBe('abandoned');
    expect(r.last).toContainEqual({ type: 'cancel_legs', legIds: ['c1/1', 'c1/2'] });
  });
});

describe('a conversation', () => {
  const talking = () => {
    const r = CallRun.ringing();
    r.send(leg('c1/1', 'provisional', 180));
    r.send(leg('c1/1', 'answered', 200), 5000);
    r.send(leg('c1/2', 'failed', 487));
    return r;
  };

  it('the caller hangs up: ended, the operator leg hung up', () => {
    const r = talking();
    expect(r.send({ type: 'caller_hangup', by: 'bye' }, 60_000)).toEqual([
      { type: 'bye_leg', legId: 'c1/1' },
      { type: 'report', event: { id: 'c1-6', callId: 'c1', type: 'ended', at: '2026-12-05T10:01:09.000Z', reason: 'caller_hung_up' } },
      { type: 'forget' },
    ]);
  });

  it('the operator hangs up: ended, the caller hung up', () => {
    const r = talking();
    expect(r.send(leg('c1/1', 'bye'), 60_000)).toEqual([
      { type: 'bye_caller' },
      { type: 'report', event: { id: 'c1-6', callId: 'c1', type: 'ended', at: '2026-12-05T10:01:09.000Z', reason: 'operator_hung_up' } },
      { type: 'forget' },
    ]);
  });

  it('hangup from the workstation: both legs hung up, ended', () => {
    const r = talking();
    expect(r.send({ type: 'decision', decision: { kind: 'hangup' } }, 60_000)).toEqual([
      { type: 'bye_caller' },
      { type: 'bye_leg', legId: 'c1/1' },
      { type: 'report', event: { id: 'c1-6', callId: 'c1', type: 'ended', at: '2026-12-05T10:01:09.000Z', reason: 'operator_ended' } },
      { type: 'forget' },
    ]);
    expect(r.reportTypes).toEqual(['offered', 'ivr_choice', 'queued', 'ringing', 'answered', 'ended']);
  });

  it('hangup while the phone still rings: the caller hung up, the legs cancelled, ended', () => {
    const r = CallRun.ringing();
    const actions = r.send({ type: 'decision', decision: { kind: 'hangup' } });
    expect(actions[0]).toEqual({ type: 'bye_caller' });
    expect(actions).toContainEqual({ type: 'cancel_legs', legIds: ['c1/1', 'c1/2'] });
    expect(r.reportTypes.at(-1)).toBe('ended');
  });

  it('after the end, nothing that comes changes anything', () => {
    const r = talking();
    r.send({ type: 'caller_hangup', by: 'bye' });
    const before = r.call;
    for (const input of [leg('c1/1', 'bye'), connect(), { type: 'digit', digit: '1' } as const, { type: 'timer', name: 'announce' } as const, { type: 'caller_hangup', by: 'bye' } as const]) {
      expect(r.send(input, 1000)).toEqual([]);
    }
    expect(r.call).toEqual(before);
  });

  it('a bridge decision (answered at the workstation) while the phone rings: its 200 is bridged without a second answered', () => {
    const r = CallRun.ringing();
    expect(r.send({ type: 'decision', decision: { kind: 'bridge', operator: 'ivanova' } })).toEqual([]);
    r.send(leg('c1/2', 'provisional', 180));
    const actions = r.send(leg('c1/2', 'answered', 200));
    expect(actions).toContainEqual({ type: 'bridge', legId: 'c1/2' });
    expect(r.reportTypes).toEqual(['offered', 'ivr_choice', 'queued']);
  });

  it('a bridge decision when no phone rings: the contacts it brings are rung, and the one that answers is bridged', () => {
    const r = CallRun.queued();
    expect(ofType(r.send({ type: 'decision', decision: { kind: 'bridge', operator: 'ivanova', contacts: ['sip:ivanova@10.0.0.5'] } }), 'ring')).toHaveLength(1);
    expect(ofType(r.send(leg('c1/1', 'answered', 200)), 'bridge')).toEqual([{ type: 'bridge', legId: 'c1/1' }]);
    expect(r.reportTypes).toEqual(['offered', 'ivr_choice', 'queued']);
  });
});

describe('what the reports carry', () => {
  it('times from now, ids in the call’s order, and the caller’s number in offered only', () => {
    const r = CallRun.ringing();
    r.send(leg('c1/1', 'provisional', 180), 500);
    r.send(leg('c1/1', 'answered', 200), 500);
    r.send({ type: 'caller_hangup', by: 'bye' }, 500);
    expect(r.reports.map((e) => e.id)).toEqual(['c1-1', 'c1-2', 'c1-3', 'c1-4', 'c1-5', 'c1-6']);
    expect(r.reports.map((e) => Date.parse(e.at) - T0)).toEqual([0, 3000, 3000, 4500, 5000, 5500]);
    const withNumber = r.reports.filter((e) => JSON.stringify(e).includes('9161234512'));
    expect(withNumber.map((e) => e.type)).toEqual(['offered']);
    expect(r.all.filter((a) => a.type !== 'report' && JSON.stringify(a).includes('9161234512'))).toEqual([]);
  });
});
