// What a queue's escalation steps say for a waiting call: wider skills after so long, overflow to
// the first of a step's targets that takes calls — the federal reserve centre always, a neighbour
// region only while someone there is at work.
import type { Queue, Queues } from '../queues.ts';

export function overflowTarget(queues: Pick<Queues, 'resolve'>, to: string[], from: string, staffed: Set<string>): Queue | undefined {
  for (const region of to) {
    if (region === from) continue;
    const queue = queues.resolve(region, 'general');
    if (queue && (region === 'federal' || staffed.has(region))) return queue;
  }
  return undefined;
}

/** For a call of a region where nobody is at work: the target of its queue's "no operators" step. */
export function unstaffedTarget(queues: Pick<Queues, 'get' | 'resolve'>, queueId: number | null, from: string, staffed: Set<string>): Queue | undefined {
  const step = queues.get(queueId ?? 0)?.escalation.find((s) => s.action === 'overflow' && s.whenNoOperators);
  return step && step.action === 'overflow' ? overflowTarget(queues, step.to, from, staffed) : undefined;
}

/** The steps due for a call that has waited this long: skills widened, and where it overflows to. */
export function stepsDue(queues: Pick<Queues, 'resolve'>, queue: Queue, waitedSeconds: number, overflowed: boolean, staffed: Set<string>): { widen: boolean; overflowTo?: Queue | undefined } {
  let widen = false;
  for (const step of queue.escalation) {
    if (step.afterSeconds === undefined || waitedSeconds < step.afterSeconds) continue;
    if (step.action === 'widen_skills') widen = true;
    if (step.action === 'overflow' && !overflowed) return { widen, overflowTo: overflowTarget(queues, step.to, queue.region, staffed) };
  }
  return { widen };
}
