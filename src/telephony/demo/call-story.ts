// The demo's call told as otvet records it: each event once, in a sentence, as it arrives (a state
// polled now and then would skip the short ones: a call rung at once is never seen waiting).
import type { DemoCall } from './otvet-admin.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function sentence(call: DemoCall, e: DemoCall['events'][number]): string {
  const operator = call.operator?.username ?? 'the operator';
  switch (e.type) {
    case 'offered':
      return 'the edge answered: the greeting and the menu of topics play';
    case 'ivr_choice':
      return str(e.data.topic) ? `the caller pressed a key: topic «${str(e.data.topic)}»` : 'no key pressed: the general queue';
    case 'queued':
      return 'waiting in the queue, with hold music';
    case 'ringing':
      return e.source === 'acd' ? `otvet's ACD chose ${operator}` : `${operator}'s phone rings`;
    case 'answered':
      return `talking with ${operator}`;
    case 'ended':
      return e.source === 'workstation' ? `${operator} ended the call on the workstation` : `the edge hung up (${str(e.data.reason) ?? 'ended'})`;
    case 'wrapped_up':
      return `wrapped up${str(e.data.outcome) ? ` (${str(e.data.outcome)})` : ''}: the call's record is closed`;
    case 'abandoned':
      return `abandoned: the caller left before an operator answered${str(e.data.reason) ? ` (${str(e.data.reason)})` : ''}`;
    default:
      return e.type;
  }
}

/** Marks the wrap-up's hint as told (event ids never have a space). */
const WRAP_UP_HINT = 'wrap-up hint';

/** The sentences for the events not told yet (their ids are added to `told`); once, a hint when the wrap-up is due. */
export function newSentences(call: DemoCall, told: Set<string>): string[] {
  const lines = call.events.filter((e) => !told.has(e.id)).map((e) => (told.add(e.id), sentence(call, e)));
  if (call.state === 'wrap_up' && !told.has(WRAP_UP_HINT)) {
    told.add(WRAP_UP_HINT);
    lines.push(`${call.operator?.username ?? 'the operator'} wraps it up on the workstation now`);
  }
  return lines;
}

/** Nothing more will happen to the call. */
export const isOver = (call: DemoCall): boolean => call.state === 'abandoned' || (call.state === 'ended' && call.wrappedAt !== null);
