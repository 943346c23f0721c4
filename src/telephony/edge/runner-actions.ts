// The core's actions that touch SIP or rtpengine, carried out for one call in its order: the caller
// answered with rtpengine's SDP (or refused), prompts played, operators' phones rung on legs of their
// own (each an rtpengine branch, where a phone's new offer mid-call is answered too), the one that
// answers bridged (and taken back to the IVR's side on a transfer), legs cancelled and hung up, the caller called back (runner-callback.ts). What fails is logged and, where the call must know, fed back as
// an input.
import { directionOf } from '../media/sdp-direction.ts';
import { reasonPhrase } from '../sip/validate.ts';
import type { CallAction, NewLeg } from './call-actions.ts';
import { OutgoingLeg } from './outgoing-leg.ts';
import { callCaller, cancelCaller } from './runner-callback.ts';
import type { ActionContext, LiveCall, OperatorLegRun } from './runner-types.ts';

type SipAction = Exclude<CallAction, { type: 'set_timer' | 'clear_timer' | 'report' | 'fetch_wait' | 'forget' }>;

const REASONS: Record<number, string> = { 503: 'Service Unavailable', 486: 'Busy Here', 480: 'Temporarily Unavailable', 403: 'Forbidden' };

export async function runAction(ctx: ActionContext, live: LiveCall, action: SipAction): Promise<void> {
  switch (action.type) {
    case 'answer':
      return answer(ctx, live);
    case 'reject':
      live.inbound.reject(action.status, reasonPhrase(REASONS[action.status] ?? 'Service Unavailable'), action.retryAfterSeconds);
      return;
    case 'play':
      if (!live.mediaFailed && !live.mediaEnded) await live.player.play(action.playId, action.prompts);
      return;
    case 'stop_playing':
      if (!live.mediaFailed && !live.mediaEnded) await live.player.stop();
      return;
    case 'ring':
      for (const leg of action.legs) await ring(ctx, live, action.operator, leg);
      return;
    case 'cancel_legs':
      for (const legId of action.legIds) {
        const run = live.legs.get(legId);
        if (!run) continue;
        run.cancelled = true;
        run.leg?.cancel();
      }
      return;
    case 'bridge':
      return bridge(ctx, live, action.legId);
    case 'unbridge':
      return unbridge(ctx, live, action.legId);
    case 'bye_caller':
      live.caller.hangup();
      return;
    case 'bye_leg':
      live.legs.get(action.legId)?.leg?.hangup();
      return;
    case 'call_caller':
      return callCaller(ctx, live, action.to, action.from);
    case 'cancel_caller':
      return cancelCaller(live);
  }
}

/** The caller anchored in rtpengine, then our 200 with rtpengine's SDP; refused 503 when rtpengine fails. */
async function answer(ctx: ActionContext, live: LiveCall): Promise<void> {
  let sdp: string;
  try {
    sdp = await live.media.answerCaller(live.inbound.remoteSdp!);
  } catch (err) {
    live.mediaFailed = true;
    ctx.deps.logger.error({ err: String(err), callId: live.callId }, 'rtpengine could not take the call: refused 503');
    // (the core refuses the caller and tells otvet why)
    ctx.input(live.callId, { type: 'media_failed' });
    return;
  }
  // (false: the caller cancelled meanwhile; the leg's 'ended' tells the core)
  live.inbound.answer(sdp);
}

/** One INVITE to one of the operator's phones, with its own rtpengine branch. */
async function ring(ctx: ActionContext, live: LiveCall, operator: string, l: NewLeg): Promise<void> {
  const { deps } = ctx;
  const n = live.legs.size + 1;
  const run: OperatorLegRun = { legId: l.legId, operator, contact: l.contact, branch: `leg-${n}`, tag: `operator-${n}`, cancelled: false };
  live.legs.set(l.legId, run);
  const failed = (status: number) => ctx.input(live.callId, { type: 'leg', legId: l.legId, event: 'failed', status });
  if (live.mediaFailed || live.mediaEnded) return failed(503);
  // (the flow it registered over: a browser's phone registers over WebSocket, and speaks WebRTC)
  const phone = live.phones.get(l.contact);
  let sdp: string;
  try {
    sdp = await live.media.offerLeg(run.branch, phone?.target.transport === 'ws');
  } catch (err) {
    deps.logger.error({ err: String(err), callId: live.callId, legId: l.legId }, 'rtpengine could not offer a leg to an operator’s phone');
    return failed(503);
  }
  if (run.cancelled) return failed(487);
  const dialled = live.call.dialled || 'otvet';
  const leg = new OutgoingLeg(deps.ua, {
    target: l.contact,
    ...(phone ? { flow: phone.target } : {}),
    from: `"${dialled}" <sip:${dialled}@${deps.publicHost}>`,
    sdp,
    headers: [{ name: 'X-Otvet-Call', value: live.callId }],
    answerOffer: async (offer) => {
      const answer = await ctx.reoffer(live, 'operator', (media) => media.phoneOffers(run.branch, run.tag, offer));
      // (a hold, sendonly or inactive, gets the caller hold music; the core acts only on a change)
      const direction = directionOf(offer);
      ctx.input(live.callId, { type: 'leg', legId: l.legId, event: direction === 'sendonly' || direction === 'inactive' ? 'held' : 'resumed' });
      return answer;
    },
  });
  run.leg = leg;
  const input = (event: 'provisional' | 'answered' | 'failed' | 'bye', status?: number) => ctx.input(live.callId, { type: 'leg', legId: l.legId, event, ...(status === undefined ? {} : { status }) });
  leg.on('provisional', () => input('provisional'));
  leg.on('answered', (answerSdp) => {
    run.answerSdp = answerSdp;
    input('answered');
  });
  leg.on('failed', (status) => input('failed', status));
  leg.on('ended', () => input('bye'));
  await leg.start().catch((err: unknown) => {
    deps.logger.warn({ err: String(err), callId: live.callId, legId: l.legId }, 'an INVITE to an operator’s phone could not be sent');
  });
}

/** The caller joined to the phone that answered: rtpengine's answer for its branch (and a re-INVITE if the caller's port moved). */
async function bridge(ctx: ActionContext, live: LiveCall, legId: string): Promise<void> {
  const { logger } = ctx.deps;
  const run = live.legs.get(legId);
  const hangUp = (why: string, err?: unknown) => {
    logger.error({ err: err === undefined ? undefined : String(err), callId: live.callId, legId }, why);
    run?.leg?.hangup();
    ctx.input(live.callId, { type: 'leg', legId, event: 'bye' });
  };
  if (!run?.leg || run.answerSdp === undefined) return hangUp('the operator’s phone answered without SDP: hung up');
  let forCaller: string | undefined;
  try {
    forCaller = await live.media.answerLeg(run.branch, run.tag, run.answerSdp);
  } catch (err) {
    return hangUp('rtpengine could not bridge the caller to the operator’s phone: hung up', err);
  }
  if (forCaller === undefined) return;
  const outcome = await live.caller.reinvite(forCaller);
  if (outcome.status >= 300) logger.warn({ callId: live.callId, status: outcome.status }, 'the caller’s leg refused the re-INVITE that moves its media');
}

/**
 * A transfer: the caller taken back from the phone on `legId` to the IVR's side (a re-INVITE if their
 * port moved), that phone's participant ended in rtpengine. A failure is logged: the phone is hung
 * up anyway, and the caller hears what plays next if rtpengine has them at all.
 */
async function unbridge(ctx: ActionContext, live: LiveCall, legId: string): Promise<void> {
  const { logger } = ctx.deps;
  if (live.mediaFailed || live.mediaEnded) return;
  let forCaller: string | undefined;
  try {
    forCaller = await live.media.unbridge();
  } catch (err) {
    logger.error({ err: String(err), callId: live.callId, legId }, 'rtpengine could not take the caller back from the operator’s phone');
    return;
  }
  const run = live.legs.get(legId);
  if (run) await live.media.dropPhone(run.tag).catch((err: unknown) => logger.warn({ err: String(err), callId: live.callId, legId }, 'rtpengine did not end the old phone’s part of the call'));
  if (forCaller === undefined) return;
  const outcome = await live.caller.reinvite(forCaller);
  if (outcome.status >= 300) logger.warn({ callId: live.callId, status: outcome.status }, 'the caller’s leg refused the re-INVITE that moves its media');
}
