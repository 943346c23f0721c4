// How a call's progress moves its operator: ringing -> talking -> wrap-up -> ready (or the break
// they asked for). A call that stops ringing unanswered sends the operator on a "missed" break;
// one the caller abandoned while ringing returns them to ready, still first in line; one they
// transferred frees them at once.
import type { CallEvent, CallRecord } from './call-fold.ts';
import type { AgentRow, AgentUpdate } from './agents-queries.ts';

export interface CallChange {
  before: CallRecord | null;
  after: CallRecord;
  /** Events admitted in this change. */
  events: CallEvent[];
}

/** The operators a change concerns: who had the call before and who has it now. */
export function operatorsOf(change: CallChange): number[] {
  return [...new Set([change.before?.operatorId, change.after.operatorId].filter((x): x is number => typeof x === 'number'))];
}

export function agentUpdate(agent: AgentRow, change: CallChange, now: Date): AgentUpdate | null {
  const { after } = change;
  const mine = agent.call_id === after.callId;
  const free = agent.call_id === null && (agent.state === 'ready' || agent.state === 'ringing');
  if (after.operatorId === agent.user_id) {
    switch (after.state) {
      case 'ringing':
        return mine || free ? { state: 'ringing', callId: after.callId } : null;
      case 'talking':
        return mine || free || agent.state !== 'talking' ? { state: 'talking', callId: after.callId } : null;
      case 'wrap_up':
        return mine ? { state: 'wrap_up' } : null;
      case 'ended':
        return mine ? backToWork(agent, now) : null;
      default:
        break;
    }
  }
  if (!mine) return null;
  // Passed on while they talked (to a queue or a named colleague): their part is done, the call
  // is wrapped up by whoever ends it.
  if (agent.state === 'talking' && change.events.some((e) => e.type === 'transferred')) return backToWork(agent, now);
  // The call left this operator without being answered by them.
  if (after.state === 'ended') return backToWork(agent, now);
  if (agent.state === 'ringing') {
    const missed = change.events.some((e) => e.type === 'queued' && e.data.reason === 'ring_no_answer' && e.data.operatorId === agent.user_id);
    return missed ? { state: 'break', reason: 'missed', callId: null } : { state: 'ready', callId: null };
  }
  if (after.state === 'abandoned' || after.state === 'waiting') return { state: 'ready', callId: null, idleSince: now };
  return null;
}

function backToWork(agent: AgentRow, now: Date): AgentUpdate {
  return agent.break_after ? { state: 'break', reason: agent.break_after, callId: null, breakAfter: null, idleSince: now } : { state: 'ready', callId: null, idleSince: now };
}
