import { describe, expect, it } from 'vitest';
import { SessionRefresh } from './session-refresh.ts';
import { ManualClock } from './transactions/clock.ts';

function running() {
  const clock = new ManualClock();
  const seen: string[] = [];
  const timer = new SessionRefresh(clock, { refresh: () => seen.push(`refresh@${clock.now() / 1000}`), expire: () => seen.push(`expire@${clock.now() / 1000}`) });
  return { clock, seen, timer };
}

describe('SessionRefresh', () => {
  it('as the refresher: refreshes at half the interval; ends the session at the interval if no refresh succeeds', () => {
    const { clock, seen, timer } = running();
    timer.start(1800, true);
    clock.advance(900_000);
    expect(seen).toEqual(['refresh@900']);
    timer.start(1800, true); // the refresh succeeded
    clock.advance(1800_000);
    expect(seen).toEqual(['refresh@900', 'refresh@1800', 'expire@2700']);
    expect(timer.current).toBeUndefined();
  });

  it('when the peer refreshes: nothing to send, the session ends at the interval less min(32 s, a third) unless a refresh comes', () => {
    const { clock, seen, timer } = running();
    timer.start(90, false);
    clock.advance(59_000);
    timer.start(90, false);
    clock.advance(59_000);
    expect(seen).toEqual([]);
    clock.advance(1000);
    expect(seen).toEqual(['expire@119']);
  });

  it('stops everything when the dialog ends', () => {
    const { clock, seen, timer } = running();
    timer.start(90, true);
    timer.stop();
    clock.advance(1_000_000);
    expect(seen).toEqual([]);
    expect(clock.size).toBe(0);
  });
});
