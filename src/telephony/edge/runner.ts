// The calls the edge holds, each driven by the pure core (call.ts): every fact about a call (its
// INVITE, keys, timers, otvet's decisions, what the legs say, otvet's reachability) is stepped
// through `step()` and the actions it returns are carried out (runner-actions.ts) in order, one
// call's actions one after another (a peer's new SDP mid-call among them), while other calls go on. Nothing here throws into the SIP stack,
// the sockets or the decisions stream: failures are logged (without callers' numbers) and become
// inputs where the call must know (a failed rtpengine offer: the caller is refused 503). The
// caller's side is the trunk's INVITE or, once answered, a callback (runner-callback.ts): one
// interface (caller-side.ts), its keys and its end heard alike, its media the call's from then on.
// Each call is in the record of open calls (open-calls.ts) before its first event goes to the
// journal, with its operator and their phone's dialog once bridged, and closed after its last: what
// an edge started after a crash needs to end it (restart.ts).
import { randomBytes } from 'node:crypto';
import { maskPhoneNumbers } from '../../platform/phone-numbers.ts';
import type { DtmfEvent } from '../media/dtmf-listener.ts';
import type { Decision as StreamDecision } from '../otvet/decisions.ts';
import type { EdgeEvent } from '../otvet/events.ts';
import { header } from '../sip/message.ts';
import { tagOf } from '../sip/name-addr.ts';
import type { Admitted, Refused } from './admission.ts';
import type { CallAction } from './call-actions.ts';
import type { CallInput, IvrMenu } from './call-inputs.ts';
import { newCall, step } from './call.ts';
import type { CallerLeg } from './caller-leg.ts';
import type { CallerSide } from './caller-side.ts';
import { runAction } from './runner-actions.ts';
import { decisionInput } from './runner-decisions.ts';
import { CallMedia, edgeCallIdOf, mediaSummary } from './runner-media.ts';
import { Player } from './runner-player.ts';
import { CallTimers } from './runner-timers.ts';
import type { LiveCall, RunnerDeps } from './runner-types.ts';

/** A new call from the trunk, after routing: its leg, what otvet is told, and admission's verdict. */
export interface IncomingCall {
  leg: CallerLeg;
  region: string;
  /** The caller's number as the trunk sent it (null: hidden); reported in `offered`, never logged. */
  caller: string | null;
  dialled: string;
  /** Where the trunk takes a callback to this caller (trunk-routing.ts); the number is added then. */
  callbackVia: string;
  menu: () => Promise<IvrMenu>;
  admission: Admitted | Refused;
}

export class CallRunner {
  readonly calls = new Map<string, LiveCall>();
  private online: boolean;
  private stopping = false;
  /** Writes on their way to the journal and the record of open calls (stop() waits for them: the reporter then sends the events). */
  private readonly writing = new Set<Promise<void>>();

  constructor(readonly deps: RunnerDeps) {
    this.online = deps.reporter.online;
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** A new call from the trunk: refused at once (503), or answered with the IVR once its region's menu is known. */
  async incoming(p: IncomingCall): Promise<void> {
    const { leg } = p;
    if (!p.admission.ok || this.stopping) {
      const retry = p.admission.ok ? 5 : p.admission.retryAfterSeconds;
      if (p.admission.ok) p.admission.release();
      leg.reject(503, 'Service Unavailable', retry);
      return;
    }
    const sdp = leg.remoteSdp;
    if (sdp === undefined) {
      // (an INVITE without an offer would need our offer in the 200 and the answer in the ACK: not supported yet)
      p.admission.release();
      leg.reject(488, 'Not Acceptable Here: an SDP offer is needed');
      return;
    }
    const callId = `edge-${randomBytes(12).toString('base64url')}`;
    const callerTag = tagOf(header(leg.invite, 'From')) ?? 'caller';
    const live: LiveCall = {
      callId,
      call: newCall(),
      caller: leg,
      inbound: leg,
      callbackVia: p.callbackVia,
      callback: undefined,
      callbacks: 0,
      media: undefined as unknown as CallMedia,
      mediaFailed: false,
      mediaEnded: false,
      player: undefined as unknown as Player,
      timers: new CallTimers(),
      legs: new Map(),
      phones: new Map(),
      chain: Promise.resolve(),
      writes: Promise.resolve(),
      closed: false,
      unreported: false,
      release: p.admission.release,
      startedAt: this.now(),
    };
    this.useMedia(live, new CallMedia(this.deps.rtpengine, callId, callerTag));
    leg.answerOffersWith((offer) => this.reoffer(live, 'caller', (media) => media.callerOffers(offer)));
    this.calls.set(callId, live);
    this.takeCaller(live, leg);
    // (a trunk's Call-ID may hold the caller's number: masked like any text that might)
    this.deps.logger.info({ callId, sipCallId: maskPhoneNumbers(leg.callId), region: p.region, dialled: p.dialled }, 'call offered');
    const menu = await p.menu().catch(() => ({ timeoutSeconds: 10, items: [] }));
    if (leg.state === 'ended') {
      // Gone while the menu was read: otvet never heard of it.
      this.calls.delete(callId);
      return;
    }
    // On disk before its first event can reach otvet, so an edge started after a crash can end it.
    this.write(live, () => this.deps.openCalls.opened(callId, new Date(this.now()).toISOString()), 'the call could not be written to the record of open calls');
    this.input(callId, { type: 'invite', callId, region: p.region, caller: p.caller, dialled: p.dialled, menu, otvetReachable: this.online, timing: this.deps.timing });
  }

  /** One fact about a call: stepped, and its actions queued (and returned). Unknown calls are ignored. */
  input(callId: string, input: CallInput): CallAction[] {
    const live = this.calls.get(callId);
    if (!live) return [];
    let result;
    try {
      result = step(live.call, input, this.now());
    } catch (err) {
      this.deps.logger.error({ err, callId, input: input.type }, 'the call core failed on an input');
      return [];
    }
    const wasTalking = live.call.talking;
    live.call = result.call;
    const events = result.actions.flatMap((a) => (a.type === 'report' ? [a.event] : []));
    if (events.length) this.report(live, events);
    const talking = result.call.talking;
    if (talking && talking.legId !== wasTalking?.legId) {
      const phone = live.legs.get(talking.legId)?.leg?.dialogState;
      this.write(live, () => this.deps.openCalls.talking(callId, talking.operator, phone), 'the conversation could not be written to the record of open calls');
    }
    for (const action of result.actions) if (action.type !== 'report') this.act(live, action);
    return result.actions;
  }

  /** The step's events to the journal, after the call's earlier writes; the call closed in the record after its last. */
  private report(live: LiveCall, events: EdgeEvent[]): void {
    const report = () =>
      this.deps.reporter.report(events).catch((err: unknown) => {
        live.unreported = true;
        throw err;
      });
    this.write(live, report, 'an event could not be written to the journal');
    if (events.some((e) => e.type === 'ended' || e.type === 'abandoned')) this.close(live);
  }

  /** No longer open: after its last event is in the journal (not when one of its events could not be written there). */
  private close(live: LiveCall): void {
    if (live.closed) return;
    live.closed = true;
    this.write(live, () => (live.unreported ? Promise.resolve() : this.deps.openCalls.closed([live.callId])), 'the call could not be closed in the record of open calls');
  }

  /** One write of the call's, after the ones before it (a failed one is logged and does not hold back the next); stop() waits for them. */
  private write(live: LiveCall, work: () => Promise<void>, failure: string): void {
    const written: Promise<void> = (live.writes = live.writes
      .then(work)
      .catch((err: unknown) => this.deps.logger.error({ err: String(err), callId: live.callId }, failure))
      .finally(() => this.writing.delete(written)));
    this.writing.add(written);
  }

  /** A key press reported by rtpengine: the caller's only (the operator's keys are theirs), on the call's media now. */
  onDtmf(e: DtmfEvent): void {
    const live = this.calls.get(edgeCallIdOf(e.callId));
    if (live && e.callId === live.media.callId && e.sourceTag === live.media.callerTag) this.input(live.callId, { type: 'digit', digit: e.digit });
  }

  /** The caller's side of the call from now on (the trunk's INVITE, or a callback): its keys and its end. */
  takeCaller(live: LiveCall, side: CallerSide): void {
    live.caller = side;
    side.on('digit', (d) => {
      if (live.caller === side) this.input(live.callId, { type: 'digit', digit: d.digit });
    });
    side.on('ended', (ended) => {
      live.release();
      if (live.caller !== side) return;
      if (ended.by === 'remote') this.input(live.callId, { type: 'caller_hangup', by: ended.reason === 'cancelled' ? 'cancel' : 'bye' });
      this.enqueue(live, () => this.endMedia(live));
    });
  }

  /** The caller's media from now on (a callback's once answered): played to by a player of its own. */
  useMedia(live: LiveCall, media: CallMedia): void {
    live.player?.close();
    live.media = media;
    live.mediaFailed = false;
    live.mediaEnded = false;
    live.player = new Player(media, this.deps.prompts, { done: (playId) => this.input(live.callId, { type: 'prompt_done', playId }), later: (work) => this.enqueue(live, work) }, this.deps.logger);
  }

  /** One of otvet's decisions. */
  onDecision(d: StreamDecision): void {
    const live = this.calls.get(d.callId);
    if (!live) {
      this.deps.logger.debug({ callId: d.callId, decision: d.type }, 'a decision for a call the edge does not hold');
      return;
    }
    const found = decisionInput(d, (username) => this.deps.contactsOf(username));
    if (!found) return;
    for (const phone of found.phones) live.phones.set(phone.uri, phone);
    const actions = this.input(live.callId, { type: 'decision', decision: found.decision });
    // (a repeat, or one that no longer fits the call: a transfer of a call not in conversation, say)
    if (!actions.length) this.deps.logger.debug({ callId: d.callId, decision: d.type, id: d.id, phase: live.call.phase }, 'a decision that changes nothing for the call: ignored');
  }

  /** otvet became reachable or unreachable (the reporter's view). */
  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    for (const callId of [...this.calls.keys()]) this.input(callId, { type: online ? 'otvet_back' : 'otvet_unreachable' });
  }

  /** Calls with a caller on the line, or being called back. */
  get active(): number {
    let n = 0;
    for (const live of this.calls.values()) if (live.caller.state !== 'ended') n++;
    return n;
  }

  /** Ends every call (reported with the reason `edge_stopped`), its legs and media; waits a few seconds at most. */
  async stop(waitMs = 3000): Promise<void> {
    this.stopping = true;
    for (const live of [...this.calls.values()]) {
      this.input(live.callId, { type: 'edge_stopping' });
      // (the core's BYEs wait behind what the call was doing: the legs are hung up at once as well)
      live.caller.hangup();
      for (const run of live.legs.values()) run.leg?.hangup();
      this.enqueue(live, () => this.endMedia(live));
    }
    let timer: NodeJS.Timeout | undefined;
    const settled = async () => {
      await Promise.allSettled([...this.calls.values()].map((l) => l.chain));
      await Promise.allSettled([...this.writing]);
    };
    await Promise.race([settled(), new Promise((r) => (timer = setTimeout(r, waitMs)))]);
    clearTimeout(timer);
    for (const live of this.calls.values()) this.drop(live);
  }

  /**
   * A peer's new SDP mid-call (re-INVITE, UPDATE) through rtpengine, in the call's order (after a
   * bridge queued before it), on the call's media then: rtpengine's answer for the peer. A failure
   * is logged and rejected (the peer is answered 488 and keeps its media as it was).
   */
  reoffer(live: LiveCall, peer: 'caller' | 'operator', work: (media: CallMedia) => Promise<string>): Promise<string> {
    return new Promise<string>((resolve, reject) =>
      this.enqueue(live, async () => {
        try {
          if (live.mediaFailed || live.mediaEnded) throw new Error('the call has no media in rtpengine');
          resolve(await work(live.media));
        } catch (err) {
          this.deps.logger.warn({ err: String(err), callId: live.callId, peer }, 'a new SDP offer mid-call could not be answered: 488');
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      }),
    );
  }

  /** Timers and reports at once; everything that talks to SIP or rtpengine in the call's order. */
  private act(live: LiveCall, action: CallAction): void {
    switch (action.type) {
      case 'set_timer':
        return live.timers.set(action.name, action.ms, (name) => this.input(live.callId, { type: 'timer', name }));
      case 'clear_timer':
        return live.timers.clear(action.name);
      case 'report':
        return this.report(live, [action.event]);
      case 'fetch_wait':
        this.deps.api
          .callWait(live.callId)
          .then((w) => this.input(live.callId, { type: 'wait_estimate', seconds: w?.estimatedWaitSeconds ?? null }))
          .catch((err: unknown) => this.deps.logger.debug({ err: String(err), callId: live.callId }, 'the wait estimate could not be read'));
        return;
      case 'forget':
        // (a call that ends with no last event: a refused one, a callback given up)
        this.close(live);
        this.enqueue(live, async () => {
          await this.endMedia(live);
          this.drop(live);
        });
        return;
      default:
        this.enqueue(live, () => runAction(this, live, action));
    }
  }

  /** Work in the call's order, after what is queued already. */
  enqueue(live: LiveCall, work: () => Promise<void> | void): void {
    live.chain = live.chain.then(work).catch((err: unknown) => this.deps.logger.error({ err, callId: live.callId }, 'a call action failed'));
  }

  /** rtpengine's call deleted once, its figures logged: packets and bytes each way. */
  private async endMedia(live: LiveCall): Promise<void> {
    if (live.mediaEnded) return;
    live.mediaEnded = true;
    live.player.close();
    try {
      const stats = await live.media.delete();
      const callback = live.media.callId === live.callId ? {} : { callback: live.callbacks };
      this.deps.logger.info(
        { callId: live.callId, ...callback, seconds: Math.round((this.now() - live.startedAt) / 1000), media: stats ? mediaSummary(stats, live.media.callerTag) : null },
        'call media ended',
      );
    } catch (err) {
      this.deps.logger.warn({ err: String(err), callId: live.callId }, 'rtpengine did not delete the call');
    }
  }

  private drop(live: LiveCall): void {
    live.timers.clearAll();
    live.player.close();
    live.release();
    if (this.calls.get(live.callId) === live) this.calls.delete(live.callId);
  }
}
