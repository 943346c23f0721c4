// Calling the caller back through the trunk (the core's call_caller): an rtpengine call of its own
// offered from the edge's side, an outgoing leg (outgoing-leg.ts, the UAC that rings operators'
// phones) to the caller's number at the trunk the call came from, From the number they dialled. The
// leg is the call's caller side from the start (caller-side.ts): once the caller answers, its SDP
// anchors them and, for the runner, it is the caller's leg like an answered INVITE from the trunk
// (keys, BYE either way, hold audio, the bridge's re-INVITE). A failure (486, 480, 408, 503…) is
// `callback_failed` with its status; cancel_caller CANCELs it (BYE once answered). The caller's
// number is in the leg's Request-URI and To only, and in no log line.
import { maskPhoneNumbers } from '../../platform/phone-numbers.ts';
import { OutgoingLeg } from './outgoing-leg.ts';
import { CallMedia, callbackMediaId } from './runner-media.ts';
import type { ActionContext, CallbackAttempt, LiveCall } from './runner-types.ts';
import { callbackUri } from './trunk-routing.ts';

/** rtpengine's name for the caller on a callback's media (its own call: no other caller there). */
const CALLER_TAG = 'caller';

export async function callCaller(ctx: ActionContext, live: LiveCall, to: string, from: string): Promise<void> {
  const { deps } = ctx;
  const n = ++live.callbacks;
  const attempt: CallbackAttempt = { n, media: new CallMedia(deps.rtpengine, callbackMediaId(live.callId, n), CALLER_TAG), leg: undefined, cancelled: false };
  live.callback = attempt;
  /** The attempt is over without an answer: its media let go, the core told (unless it already gave up on it). */
  const failed = (status: number) => {
    attempt.media.delete().catch(() => {});
    if (live.callback !== attempt) return;
    live.callback = undefined;
    ctx.input(live.callId, { type: 'callback_failed', status });
  };
  let sdp: string;
  try {
    sdp = await attempt.media.offerCaller();
  } catch (err) {
    deps.logger.error({ err: String(err), callId: live.callId }, 'rtpengine could not offer media for a callback');
    return failed(503);
  }
  if (attempt.cancelled) return failed(487);
  const leg = new OutgoingLeg(deps.ua, {
    target: callbackUri(live.callbackVia, to),
    from: `"${from}" <sip:${from}@${deps.publicHost}>`,
    sdp,
    // (the caller moving their media once they have answered: this attempt's media is theirs)
    answerOffer: (offer) => ctx.reoffer(live, 'caller', () => attempt.media.callerOffers(offer)),
  });
  attempt.leg = leg;
  ctx.takeCaller(live, leg);
  leg.on('failed', (status, reason) => {
    deps.logger.info({ callId: live.callId, callback: n, status, reason }, 'the caller did not answer the callback');
    failed(status);
  });
  leg.on('answered', (answer) => ctx.enqueue(live, () => answered(ctx, live, attempt, answer)));
  await leg.start().catch((err: unknown) => {
    // (the error may quote the Request-URI: the caller's number masked)
    deps.logger.warn({ err: maskPhoneNumbers(String(err)), callId: live.callId }, 'a callback INVITE could not be sent');
  });
}

/** The caller picked up: their SDP anchors them, the callback's media is the call's, the core hears it. */
async function answered(ctx: ActionContext, live: LiveCall, attempt: CallbackAttempt, answer: string | undefined): Promise<void> {
  const { logger } = ctx.deps;
  const leg = attempt.leg!;
  if (live.callback !== attempt || attempt.cancelled) {
    // (given up meanwhile: the leg hangs up itself on cancel, or here)
    leg.hangup();
    return void attempt.media.delete().catch(() => {});
  }
  live.callback = undefined;
  const giveUp = (why: string, err?: unknown) => {
    logger.error({ err: err === undefined ? undefined : String(err), callId: live.callId, callback: attempt.n }, why);
    leg.hangup();
    attempt.media.delete().catch(() => {});
    ctx.input(live.callId, { type: 'callback_failed', status: 488 });
  };
  if (answer === undefined) return giveUp('the caller answered the callback without SDP: hung up');
  try {
    await attempt.media.callerAnswered(answer);
  } catch (err) {
    return giveUp('rtpengine could not anchor the caller who answered the callback: hung up', err);
  }
  ctx.useMedia(live, attempt.media);
  ctx.input(live.callId, { type: 'callback_answered' });
}

/** Stop calling the caller: CANCEL (BYE once answered; before the INVITE went out, it never will). */
export function cancelCaller(live: LiveCall): void {
  const attempt = live.callback;
  if (!attempt) return;
  attempt.cancelled = true;
  attempt.leg?.cancel();
}
