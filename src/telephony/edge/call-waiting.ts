// A caller in the queue: hold music, the estimated wait announced every N seconds (paused while an
// operator's phone rings), a callback offered and accepted with key 1, and "call later" when otvet
// stays unreachable.
import type { Prompt } from './call-actions.ts';
import type { Effects } from './call-effects.ts';
import { cancelLegs, finish } from './call-end.ts';

/** The longest a prompt before a hang-up may take ("call later", "we will call you back"). */
export const PROMPT_SAFETY_MS = 30_000;

/** How long the first wait estimate is waited for before hold music starts without it. */
export const FIRST_WAIT_MS = 1500;

/**
 * Into the queue: `ivr_choice` (when a topic was chosen), `queued`, then `before` (a greeting), the
 * first estimate and hold music as one play once the estimate comes (or hold music without it after
 * FIRST_WAIT_MS): a play started at once would be cut off by the estimate a moment later.
 */
export function enqueue(fx: Effects, topic: string | null, before: Prompt[] = []): void {
  const c = fx.call;
  if (topic !== null) fx.report('ivr_choice', { topic });
  fx.report('queued', {});
  c.phase = 'waiting';
  fx.clearTimer('ivr');
  // The first estimate is announced as soon as it comes; then every N seconds.
  fx.push({ type: 'fetch_wait' });
  c.announcing = true;
  fx.setTimer('announce', c.timing.announceEverySeconds * 1000);
  c.firstWait = before;
  fx.setTimer('first_wait', FIRST_WAIT_MS);
  if (!c.otvetReachable && !c.timers.includes('otvet_down')) fx.setTimer('otvet_down', c.timing.otvetGraceSeconds * 1000);
}

/**
 * Back in the queue after a conversation (a transfer): the caller's media taken back from `legId` to the IVR's
 * side, "connecting" and hold music (the estimate comes with the next announcement), as a caller
 * waiting otherwise.
 */
export function requeue(fx: Effects, legId: string): void {
  const c = fx.call;
  c.phase = 'waiting';
  fx.push({ type: 'unbridge', legId });
  fx.play({ name: 'connecting' }, { name: 'hold_music' });
  resumeAnnouncements(fx);
  if (!c.otvetReachable && !c.timers.includes('otvet_down')) fx.setTimer('otvet_down', c.timing.otvetGraceSeconds * 1000);
}

/** What was held back for the first estimate plays now, with `wait` when there is one. */
function playFirst(fx: Effects, wait: Prompt[]): void {
  const c = fx.call;
  const before = c.firstWait ?? [];
  c.firstWait = null;
  fx.clearTimer('first_wait');
  fx.play(...before, ...wait, { name: 'hold_music' });
}

/** The first estimate is late: what was held back, and hold music, without it. */
export function onFirstWaitTimer(fx: Effects): void {
  const c = fx.call;
  if (c.phase === 'waiting' && c.callerUp && c.firstWait) playFirst(fx, []);
}

export function pauseAnnouncements(fx: Effects): void {
  const c = fx.call;
  c.announcing = false;
  fx.clearTimer('announce');
  // (an operator's phone rings: the caller hears the hold music meanwhile, not silence)
  if (c.firstWait && c.callerUp) playFirst(fx, []);
}

export function resumeAnnouncements(fx: Effects): void {
  const c = fx.call;
  if (c.announcing || c.phase !== 'waiting' || !c.callerUp) return;
  c.announcing = true;
  fx.setTimer('announce', c.timing.announceEverySeconds * 1000);
}

/** Time to announce: ask otvet for the estimate (announced when it comes), and again in N seconds. */
export function onAnnounceTimer(fx: Effects): void {
  const c = fx.call;
  if (c.phase !== 'waiting' || !c.announcing) return;
  fx.push({ type: 'fetch_wait' });
  fx.setTimer('announce', c.timing.announceEverySeconds * 1000);
}

export function onWaitEstimate(fx: Effects, seconds: number | null): void {
  const c = fx.call;
  if (c.phase !== 'waiting' || !c.announcing || !c.callerUp) return;
  const known = seconds !== null && Number.isFinite(seconds) && seconds >= 0;
  if (c.firstWait) return playFirst(fx, known ? [{ name: 'wait', seconds }] : []);
  if (known) fx.play({ name: 'wait', seconds }, { name: 'hold_music' });
}

/** otvet's offer_callback: once, and only to a caller whose number we can call back. */
export function offerCallback(fx: Effects): void {
  const c = fx.call;
  if (c.phase !== 'waiting' || !c.callerUp || c.caller === null || c.callbackOffered) return;
  c.callbackOffered = true;
  fx.play({ name: 'callback_offer' }, { name: 'hold_music' });
}

/** How long a requested callback waits for otvet's `callback` decision before the edge lets it go. */
export const CALLBACK_KEEP_MS = 24 * 3600_000;

/** The goodbye or "call later" has been played (or should have been by now): hang up. */
export function afterPrompt(fx: Effects): void {
  const c = fx.call;
  if (c.phase === 'leaving') {
    fx.push({ type: 'bye_caller' });
    toCallbackPending(fx);
  } else if (c.phase === 'unavailable') {
    fx.push({ type: 'bye_caller' });
    fx.report('ended', { reason: 'service_unavailable' });
    finish(fx);
  }
}

/** No caller leg any more: wait for otvet's `callback` decision. */
export function toCallbackPending(fx: Effects): void {
  const c = fx.call;
  c.phase = 'callback_pending';
  c.callerUp = false;
  c.callback = null;
  fx.clearTimers('prompt_safety', 'ring_safety');
  fx.setTimer('callback_keep', CALLBACK_KEEP_MS);
}

/** Key 1 after the offer: `callback_requested`, the goodbye, then we hang up and wait for otvet's `callback`. */
export function acceptCallback(fx: Effects): void {
  const c = fx.call;
  fx.report('callback_requested', {});
  c.ring = null;
  cancelLegs(fx);
  pauseAnnouncements(fx);
  fx.clearTimers('ring_safety', 'otvet_down');
  c.phase = 'leaving';
  fx.play({ name: 'callback_accepted' });
  fx.setTimer('prompt_safety', PROMPT_SAFETY_MS);
}

/** "The line cannot take your call now, call later", then we hang up (see afterPrompt). */
export function toUnavailable(fx: Effects): void {
  const c = fx.call;
  c.ring = null;
  cancelLegs(fx);
  pauseAnnouncements(fx);
  fx.clearTimers('ring_safety', 'ivr', 'otvet_down');
  c.phase = 'unavailable';
  fx.play({ name: 'unavailable' });
  fx.setTimer('prompt_safety', PROMPT_SAFETY_MS);
}
