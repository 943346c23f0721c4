// otvet's decisions about a call, each idempotent: a decision seen before (by id) or one that the
// call's state already satisfies (a second `connect` for the operator ringing) changes nothing;
// one that no longer fits the call (a `connect` after the caller left) is ignored.
import type { Decision } from './call-inputs.ts';
import type { Effects } from './call-effects.ts';
import { cancelLegs, finish } from './call-end.ts';
import { phoneRinging, startRing, stopRing } from './call-legs.ts';
import { offerCallback, requeue, toCallbackPending } from './call-waiting.ts';

/** Decision ids remembered per call (a reconnect replays only the last few). */
const REMEMBERED = 16;

export function onDecision(fx: Effects, d: Decision): void {
  const c = fx.call;
  if (d.decisionId !== undefined) {
    if (c.decisions.includes(d.decisionId)) return;
    c.decisions = [...c.decisions, d.decisionId].slice(-REMEMBERED);
  }
  switch (d.kind) {
    case 'connect':
      return connect(fx, d.operator, d.contacts);
    case 'callback':
      return callback(fx, d.operator, d.contacts);
    case 'stop_ringing':
      return stopRinging(fx, d.operator);
    case 'offer_callback':
      return offerCallback(fx);
    case 'bridge':
      return bridge(fx, d.operator, d.contacts);
    case 'hangup':
      return hangup(fx);
    case 'transfer':
      return transfer(fx, d.operator);
  }
}

function connect(fx: Effects, operator: string, contacts: string[]): void {
  const c = fx.call;
  // otvet rings another operator for a conversation in progress only after it was passed on: the
  // ACD decides on the transfer's batch before that batch commits, so its connect can overtake the
  // transfer itself, which then finds the call waiting and changes nothing.
  if (c.phase === 'talking' && c.talking && c.talking.operator !== operator) transfer(fx, undefined);
  if (c.phase !== 'waiting' || !c.callerUp) return;
  if (c.ring?.operator === operator) return;
  if (c.ring) stopRing(fx, false);
  startRing(fx, operator, contacts);
}

/** Call the caller back, then ring the operator once they answer (a caller already on the line: ring at once). */
function callback(fx: Effects, operator: string, contacts: string[]): void {
  const c = fx.call;
  if (c.phase === 'waiting') return connect(fx, operator, contacts);
  if (c.phase === 'calling_back') {
    c.callback = { operator, contacts: [...contacts] };
    return;
  }
  if (c.phase !== 'callback_pending') return;
  if (c.caller === null) {
    // (a callback is offered only to a caller with a number: this cannot be served)
    fx.report('ended', { reason: 'no_number_to_call_back' });
    return finish(fx);
  }
  // Nobody to ring: do not make the caller pick up for nothing; otvet's ring timeout takes the decision back.
  if (!contacts.length) return;
  c.callback = { operator, contacts: [...contacts] };
  c.phase = 'calling_back';
  fx.clearTimer('callback_keep');
  fx.push({ type: 'call_caller', to: c.caller, from: c.dialled });
  // Our own cap on ringing the caller, for when otvet's stop_ringing does not come (a trunk may ring for ever).
  fx.setTimer('ring_safety', c.timing.ringSafetySeconds * 1000);
}

function stopRinging(fx: Effects, operator: string | undefined): void {
  const c = fx.call;
  if (c.phase === 'calling_back') {
    if (operator !== undefined && operator !== c.callback?.operator) return;
    return stopCallingBack(fx);
  }
  if (c.phase !== 'waiting' || !c.ring) return;
  if (operator !== undefined && operator !== c.ring.operator) return;
  stopRing(fx);
}

/** Give up calling the caller (otvet's stop_ringing, or our own cap on it): wait for the next `callback`. */
export function stopCallingBack(fx: Effects): void {
  fx.push({ type: 'cancel_caller' });
  toCallbackPending(fx);
}

/** The operator answered from the workstation: bridge the phone that picks up (ringing it if none rings yet). */
function bridge(fx: Effects, operator: string | undefined, contacts: string[] | undefined): void {
  const c = fx.call;
  if (c.phase !== 'waiting' || !c.callerUp) return;
  if (c.ring && phoneRinging(fx) && (operator === undefined || operator === c.ring.operator)) {
    c.ring.workstation = true;
    return;
  }
  const who = operator ?? c.ring?.operator;
  if (who === undefined || !contacts?.length) return;
  if (c.ring) stopRing(fx, false);
  startRing(fx, who, contacts, true);
}

/** The operator ended the call from the workstation: both legs hung up, `ended`. */
function hangup(fx: Effects): void {
  const c = fx.call;
  if (c.phase === 'idle' || c.phase === 'ended') return;
  if (c.callerUp) fx.push({ type: 'bye_caller' });
  if (c.talking) fx.push({ type: 'bye_leg', legId: c.talking.legId });
  if (c.phase === 'calling_back') fx.push({ type: 'cancel_caller' });
  cancelLegs(fx);
  fx.report('ended', { reason: 'operator_ended' });
  finish(fx);
}

/**
 * The operator passed the conversation back to a queue: their phone hung up, with no `ended` (otvet
 * knows, and the call goes on), the caller back in the queue until the next `connect`. Only a
 * conversation is transferred, and only the operator's own (when the decision names them).
 */
function transfer(fx: Effects, operator: string | undefined): void {
  const c = fx.call;
  if (c.phase !== 'talking' || !c.talking) return;
  if (operator !== undefined && operator !== c.talking.operator) return;
  const legId = c.talking.legId;
  fx.push({ type: 'bye_leg', legId });
  c.talking = null;
  requeue(fx, legId);
}
