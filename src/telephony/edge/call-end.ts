// How a call ends: timers cleared, operator legs still ringing cancelled, and the call forgotten
// once no leg can answer any more (a leg cancelled may still answer 200: it must be hung up then,
// so the call lingers until each leg has said its last word, or until the linger timer). Also the
// ends the edge itself causes, each with its reason: rtpengine failing, the edge stopping.
import type { EndReason } from './call-actions.ts';
import type { Effects } from './call-effects.ts';

/** Long enough for any INVITE transaction to end (Timer B, 64 × T1). */
export const LINGER_MS = 32_000;

/** CANCEL every leg still ringing (all, or all but `except`). */
export function cancelLegs(fx: Effects, except?: string): void {
  const ringing = fx.call.legs.filter((l) => l.state !== 'cancelling' && l.legId !== except);
  if (!ringing.length) return;
  for (const leg of ringing) leg.state = 'cancelling';
  fx.push({ type: 'cancel_legs', legIds: ringing.map((l) => l.legId) });
}

/** Nothing more will happen to the call. */
export function forget(fx: Effects): void {
  const c = fx.call;
  if (c.forgotten) return;
  fx.clearAllTimers();
  c.phase = 'ended';
  c.forgotten = true;
  fx.push({ type: 'forget' });
}

/** The call is over (its last report and BYEs already sent by the caller of this). */
export function finish(fx: Effects): void {
  const c = fx.call;
  c.phase = 'ended';
  c.callerUp = false;
  c.ring = null;
  c.talking = null;
  c.callback = null;
  c.announcing = false;
  fx.clearAllTimers();
  cancelLegs(fx);
  if (c.legs.length) fx.setTimer('linger', LINGER_MS);
  else forget(fx);
}

/** A leg has finished: an ended call with no leg left is forgotten. */
export function legGone(fx: Effects, legId: string): void {
  const c = fx.call;
  c.legs = c.legs.filter((l) => l.legId !== legId);
  if (c.phase === 'ended' && !c.legs.length) forget(fx);
}

/** rtpengine could not anchor the caller: refused 503 (they were never answered), abandoned for the media. */
export function mediaFailed(fx: Effects): void {
  const c = fx.call;
  if (!c.callerUp || c.phase === 'idle' || c.phase === 'ended') return;
  fx.push({ type: 'reject', status: 503, retryAfterSeconds: 5 });
  c.callerUp = false;
  fx.report('abandoned', { reason: 'media_unavailable' });
  finish(fx);
}

/**
 * The edge ends the call (it is stopping): every leg hung up or cancelled, a call answered once `ended`,
 * anything before an answer `abandoned` (a pending callback too: nothing would call the caller back,
 * and otvet would otherwise ring operators for it), each with `reason`.
 */
export function endByEdge(fx: Effects, reason: EndReason): void {
  const c = fx.call;
  if (c.phase === 'idle' || c.phase === 'ended') return;
  if (c.callerUp) fx.push({ type: 'bye_caller' });
  if (c.phase === 'calling_back') fx.push({ type: 'cancel_caller' });
  if (c.talking) fx.push({ type: 'bye_leg', legId: c.talking.legId });
  // (a caller back in the queue after a transfer was answered: a conversation's end)
  if (c.talking || c.answered) fx.report('ended', { reason });
  else fx.report('abandoned', { reason });
  finish(fx);
}
