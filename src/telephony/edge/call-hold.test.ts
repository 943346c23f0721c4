// The operator puts the caller on hold from their phone (a re-INVITE with sendonly or inactive, as
// the workstation's Hold does): the caller hears hold music, not silence, until the phone takes
// them back (sendrecv again); a refresh that repeats the hold changes nothing.
import { describe, expect, it } from 'vitest';
import { CallRun, leg, ofType } from './call-test-support.ts';

describe('the operator holds the caller', () => {
  it('plays hold music to the caller while held, and stops it when the phone takes the caller back', () => {
    const r = CallRun.talking();
    const playId = r.playId;
    expect(r.send(leg('c1/1', 'held'), 10_000)).toEqual([{ type: 'play', playId: playId + 1, prompts: [{ name: 'hold_music' }] }]);
    expect(r.send(leg('c1/1', 'held'), 30_000)).toEqual([]);
    expect(r.send(leg('c1/1', 'resumed'), 5000)).toEqual([{ type: 'stop_playing' }]);
    expect(r.send(leg('c1/1', 'resumed'))).toEqual([]);
    expect(r.call.phase).toBe('talking');
    // nothing of it goes to otvet
    expect(r.reportTypes).toEqual(['offered', 'ivr_choice', 'queued', 'ringing', 'answered']);
  });

  it('a leg that is not the conversation’s holds nothing', () => {
    const r = CallRun.talking();
    expect(r.send(leg('c1/2', 'held'))).toEqual([]);
    const ringing = CallRun.ringing();
    expect(ofType(ringing.send(leg('c1/1', 'held')), 'play')).toEqual([]);
  });

  it('the operator hanging up while holding ends the call as ever', () => {
    const r = CallRun.talking();
    r.send(leg('c1/1', 'held'), 10_000);
    expect(ofType(r.send(leg('c1/1', 'bye'), 1000), 'report').map((a) => a.event.type)).toEqual(['ended']);
  });
});
