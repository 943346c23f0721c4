// The SIP edge's logic for one call, as a pure function: what happened (a CallInput) and the time,
// to the call's next state and what the shell must do (CallActions). No SIP, sockets or timers here:
// the shell runs the actions and feeds back what follows, so every path of a call is a unit test.
// The parts: call-ivr.ts (start, menu), call-waiting.ts (queue, announcements, callback offer),
// call-legs.ts (operators' phones), call-decisions.ts (otvet's decisions), call-end.ts (the end, also
// when rtpengine fails or the edge stops).
import type { CallAction, TimerName } from './call-actions.ts';
import type { CallInput } from './call-inputs.ts';
import { copyCall, type EdgeCall } from './call-state.ts';
import { Effects } from './call-effects.ts';
import { endByEdge, finish, forget, mediaFailed } from './call-end.ts';
import { onIvrDigit, onIvrTimeout, onInvite, onMenuPlayed } from './call-ivr.ts';
import { onLeg, startRing, stopRing } from './call-legs.ts';
import { onDecision, stopCallingBack } from './call-decisions.ts';
import { acceptCallback, afterPrompt, onAnnounceTimer, onFirstWaitTimer, onWaitEstimate, toCallbackPending, toUnavailable } from './call-waiting.ts';

export type { CallAction, EndReason, Prompt, ReportedEvent, TimerName, MenuItem, NewLeg } from './call-actions.ts';
export type { CallInput, CallTiming, Decision, InviteInput, IvrMenu, LegEvent } from './call-inputs.ts';
export { DEFAULT_TIMING } from './call-inputs.ts';
export { newCall, type EdgeCall, type Phase } from './call-state.ts';

/** One input applied to a call: its next state and the actions, in the order to run them. `call` is not changed. */
export function step(call: EdgeCall, input: CallInput, now: number): { call: EdgeCall; actions: CallAction[] } {
  const fx = new Effects(copyCall(call), now);
  if (!call.forgotten) apply(fx, input);
  return { call: fx.call, actions: fx.actions };
}

function apply(fx: Effects, input: CallInput): void {
  const c = fx.call;
  if (input.type === 'invite') return onInvite(fx, input);
  if (c.phase === 'idle') return;
  switch (input.type) {
    case 'digit':
      if (c.phase === 'ivr') return onIvrDigit(fx, input.digit);
      if (c.phase === 'waiting' && c.callbackOffered && input.digit === '1') return acceptCallback(fx);
      return;
    case 'timer':
      fx.fired(input.name);
      return onTimer(fx, input.name);
    case 'prompt_done':
      if (input.playId !== c.playId) return;
      if (c.phase === 'ivr') return onMenuPlayed(fx);
      return afterPrompt(fx);
    case 'decision':
      if (c.phase === 'ended') return;
      return onDecision(fx, input.decision);
    case 'leg':
      return onLeg(fx, input.legId, input.event);
    case 'caller_hangup':
      return callerHungUp(fx);
    case 'callback_answered':
      return callbackAnswered(fx);
    case 'callback_failed':
      if (c.phase !== 'calling_back') return;
      fx.report('abandoned', { reason: 'callback_not_answered' });
      return finish(fx);
    case 'otvet_unreachable':
      c.otvetReachable = false;
      if ((c.phase === 'ivr' || c.phase === 'waiting') && !c.timers.includes('otvet_down')) fx.setTimer('otvet_down', c.timing.otvetGraceSeconds * 1000);
      return;
    case 'otvet_back':
      c.otvetReachable = true;
      fx.clearTimer('otvet_down');
      return;
    case 'wait_estimate':
      return onWaitEstimate(fx, input.seconds);
    case 'media_failed':
      return mediaFailed(fx);
    case 'edge_stopping':
      return endByEdge(fx, 'edge_stopped');
  }
}

function onTimer(fx: Effects, name: TimerName): void {
  const c = fx.call;
  switch (name) {
    case 'ivr':
      if (c.phase === 'ivr') onIvrTimeout(fx);
      return;
    case 'announce':
      return onAnnounceTimer(fx);
    case 'first_wait':
      return onFirstWaitTimer(fx);
    case 'ring_safety':
      // otvet's stop_ringing did not come (otvet unreachable, or the decision lost): stop on our own.
      if (c.phase === 'waiting' && c.ring) stopRing(fx);
      else if (c.phase === 'calling_back') stopCallingBack(fx);
      return;
    case 'prompt_safety':
      return afterPrompt(fx);
    case 'otvet_down':
      if (!c.otvetReachable && (c.phase === 'ivr' || c.phase === 'waiting')) toUnavailable(fx);
      return;
    case 'linger':
      if (c.phase === 'ended') forget(fx);
      return;
    case 'callback_keep':
      if (c.phase === 'callback_pending') forget(fx);
      return;
  }
}

/** The caller hung up: before an answer `abandoned` (operator legs cancelled), after it `ended` (the operator hung up; after a transfer, none). */
function callerHungUp(fx: Effects): void {
  const c = fx.call;
  switch (c.phase) {
    case 'ivr':
      fx.report('abandoned', { reason: 'hung_up_in_ivr' });
      return finish(fx);
    case 'waiting':
      // (back in the queue after a transfer, the call had been answered: otvet's operator wraps it up)
      if (c.answered) fx.report('ended', { reason: 'caller_hung_up' });
      else fx.report('abandoned', {});
      return finish(fx);
    case 'talking':
      fx.push({ type: 'bye_leg', legId: c.talking!.legId });
      fx.report('ended', { reason: 'caller_hung_up' });
      return finish(fx);
    case 'leaving':
      // The goodbye was cut short; the callback stands.
      return toCallbackPending(fx);
    case 'unavailable':
      fx.report('ended', { reason: 'service_unavailable' });
      return finish(fx);
    default:
      return;
  }
}

/** Callback: the caller picked up; they hear "connecting" while the operator's phones ring. */
function callbackAnswered(fx: Effects): void {
  const c = fx.call;
  if (c.phase !== 'calling_back' || !c.callback) {
    // We gave up calling (stop_ringing) as they answered: hang up.
    if (c.phase === 'callback_pending' || c.phase === 'ended') fx.push({ type: 'bye_caller' });
    return;
  }
  const { operator, contacts } = c.callback;
  c.callback = null;
  c.callerUp = true;
  // (key 1 now is no second acceptance of the offer this caller already took)
  c.callbackOffered = false;
  c.phase = 'waiting';
  fx.play({ name: 'connecting' }, { name: 'hold_music' });
  startRing(fx, operator, contacts);
}
