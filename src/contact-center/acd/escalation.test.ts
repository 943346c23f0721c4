// Escalation steps without a database: when skills widen, where and when a call overflows.
import { describe, expect, it } from 'vitest';
import type { Queue, Queues } from '../queues.ts';
import { overflowTarget, stepsDue, unstaffedTarget } from './escalation.ts';

const queue = (id: number, region: string, escalation: Queue['escalation'] = []): Queue => ({
  id,
  region,
  name: 'general',
  title: 'general',
  skills: [],
  escalation,
  callbackThresholdSeconds: 0,
  ringTimeoutSeconds: 20,
  wrapUpSeconds: null,
});
const reserve = queue(100, 'federal');
const neighbour = queue(50, '50');
const far = queue(40, '40');
const home = queue(77, '77', [
  { afterSeconds: 60, action: 'widen_skills' },
  { whenNoOperators: true, action: 'overflow', to: ['50', 'federal'] },
  { afterSeconds: 180, action: 'overflow', to: ['40', 'federal'] },
]);
const all = [reserve, neighbour, far, home];
const queues: Pick<Queues, 'get' | 'resolve'> = {
  get: (id) => all.find((q) => q.id === id),
  resolve: (region, name) => all.find((q) => q.region === region && (!name || q.name === name)),
};
const staffed = (...regions: string[]) => new Set(regions);

describe('overflowTarget', () => {
  it('the first named region that takes calls: the reserve centre always, a neighbour only with someone at work', () => {
    expect(overflowTarget(queues, ['50', 'federal'], '77', staffed('50'))).toBe(neighbour);
    expect(overflowTarget(queues, ['50', 'federal'], '77', staffed())).toBe(reserve);
    expect(overflowTarget(queues, ['federal', '50'], '77', staffed('50'))).toBe(reserve);
  });

  it('never the region the call comes from, nor a region without a queue', () => {
    expect(overflowTarget(queues, ['77', '50'], '77', staffed('77', '50'))).toBe(neighbour);
    expect(overflowTarget(queues, ['99'], '77', staffed('99'))).toBeUndefined();
    expect(overflowTarget(queues, ['50'], '77', staffed())).toBeUndefined();
  });
});

describe('unstaffedTarget', () => {
  it('follows the queue\'s "no operators" step', () => {
    expect(unstaffedTarget(queues, 77, '77', staffed('50'))).toBe(neighbour);
    expect(unstaffedTarget(queues, 77, '77', staffed())).toBe(reserve);
  });

  it('nowhere for a queue without such a step, an unknown queue, or no queue', () => {
    expect(unstaffedTarget(queues, 50, '50', staffed())).toBeUndefined();
    expect(unstaffedTarget(queues, 12345, '77', staffed())).toBeUndefined();
    expect(unstaffedTarget(queues, null, '77', staffed())).toBeUndefined();
  });
});

describe('stepsDue', () => {
  it('nothing before the first step is due', () => {
    expect(stepsDue(queues, home, 59, false, staffed())).toEqual({ widen: false });
  });

  it('widens the skills once the wait reaches the step (at the second itself)', () => {
    expect(stepsDue(queues, home, 60, false, staffed())).toEqual({ widen: true });
  });

  it('overflows after its wait to the first target that takes calls, still widened', () => {
    expect(stepsDue(queues, home, 180, false, staffed('40'))).toEqual({ widen: true, overflowTo: far });
    expect(stepsDue(queues, home, 500, false, staffed())).toEqual({ widen: true, overflowTo: reserve });
  });

  it('a call overflows once; the "no operators" step (no wait given) is not a timed step', () => {
    expect(stepsDue(queues, home, 500, true, staffed())).toEqual({ widen: true });
    const onlyUnstaffed = queue(1, '77', [{ whenNoOperators: true, action: 'overflow', to: ['federal'] }]);
    expect(stepsDue(queues, onlyUnstaffed, 10_000, false, staffed())).toEqual({ widen: false });
  });

  it('an overflow step with nowhere to go says so (no target), and a queue without steps does nothing', () => {
    const nowhere = queue(2, '77', [{ afterSeconds: 10, action: 'overflow', to: ['50'] }]);
    expect(stepsDue(queues, nowhere, 20, false, staffed())).toEqual({ widen: false, overflowTo: undefined });
    expect(stepsDue(queues, reserve, 10_000, false, staffed())).toEqual({ widen: false });
  });
});
