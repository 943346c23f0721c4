import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.ts';

describe('ManualClock', () => {
  it('runs what falls due in time order, ties in the order scheduled, including calls scheduled on the way', () => {
    const clock = new ManualClock();
    const ran: string[] = [];
    clock.schedule(300, () => ran.push(`c@${clock.now()}`));
    clock.schedule(100, () => {
      ran.push(`a@${clock.now()}`);
      clock.schedule(50, () => ran.push(`a2@${clock.now()}`));
    });
    clock.schedule(100, () => ran.push(`b@${clock.now()}`));
    clock.advance(200);
    expect(ran).toEqual(['a@100', 'b@100', 'a2@150']);
    expect(clock.now()).toBe(200);
    clock.advance(100);
    expect(ran.at(-1)).toBe('c@300');
  });

  it('cancels, and steps to the next call', () => {
    const clock = new ManualClock();
    const ran: number[] = [];
    const cancel = clock.schedule(10, () => ran.push(10));
    clock.schedule(20, () => ran.push(20));
    cancel();
    cancel();
    expect(clock.step()).toBe(true);
    expect(ran).toEqual([20]);
    expect(clock.now()).toBe(20);
    expect(clock.step()).toBe(false);
  });
});
