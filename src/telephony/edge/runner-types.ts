// What the runner holds of a call (runner.ts) and what its action handlers are given
// (runner-actions.ts, runner-callback.ts): shared shapes, so that the handlers need not import the
// runner that calls them.
import type { Logger } from '../../platform/logger.ts';
import type { Rtpengine } from '../media/rtpengine.ts';
import type { CallWait } from '../otvet/api.ts';
import type { EdgeEvent } from '../otvet/events.ts';
import type { UserAgentCore } from '../sip/ua-core.ts';
import type { CallInput, CallTiming } from './call-inputs.ts';
import type { EdgeCall } from './call.ts';
import type { CallerLeg } from './caller-leg.ts';
import type { CallerSide } from './caller-side.ts';
import type { PhoneDialog } from './open-calls.ts';
import type { OutgoingLeg } from './outgoing-leg.ts';
import type { PromptFiles } from './prompt-files.ts';
import type { PhoneContact } from './runner-decisions.ts';
import type { CallMedia } from './runner-media.ts';
import type { Player } from './runner-player.ts';
import type { CallTimers } from './runner-timers.ts';

export interface RunnerDeps {
  rtpengine: Rtpengine;
  prompts: PromptFiles;
  reporter: { report(events: EdgeEvent[]): Promise<void>; readonly online: boolean };
  /** The calls open, on disk (open-calls.ts): a call is there before otvet can hear of it, until its last event. */
  openCalls: {
    opened(callId: string, at: string): Promise<void>;
    talking(callId: string, operator: string, phone?: PhoneDialog): Promise<void>;
    closed(callIds: string[]): Promise<void>;
  };
  api: { callWait(callId: string): Promise<CallWait | null> };
  /** The user agent core operator legs are sent through. */
  ua: UserAgentCore;
  /** The registrar: an operator's registered phones now. */
  contactsOf(username: string): PhoneContact[];
  /** The host written in the From of our INVITEs (to operators' phones, and callbacks). */
  publicHost: string;
  timing: CallTiming;
  logger: Logger;
  now?: () => number;
}

/** One call as the runner holds it. */
export interface LiveCall {
  callId: string;
  call: EdgeCall;
  /** The caller's side now: the trunk's INVITE, or the callback being made or answered (caller-side.ts). */
  caller: CallerSide;
  /** The trunk's INVITE, answered or refused as the core says. */
  inbound: CallerLeg;
  /** Where the trunk takes a callback to this caller. */
  callbackVia: string;
  /** A callback on its way: its own media and leg, until the caller answers or it fails. */
  callback: CallbackAttempt | undefined;
  /** Callbacks made so far (each an rtpengine call of its own). */
  callbacks: number;
  /** The caller's media now (a callback's once they answer it). */
  media: CallMedia;
  /** The caller is not anchored in rtpengine (its offer failed): no prompt is tried. */
  mediaFailed: boolean;
  /** rtpengine's call was deleted (and its figures logged). */
  mediaEnded: boolean;
  player: Player;
  timers: CallTimers;
  legs: Map<string, OperatorLegRun>;
  /** Operators' phones named by decisions: contact URI → where to send. */
  phones: Map<string, PhoneContact>;
  /** This call's actions run one after another. */
  chain: Promise<void>;
  /** This call's writes to the record of open calls and the journal, one after another. */
  writes: Promise<void>;
  /** Its record of open calls says it is closed. */
  closed: boolean;
  /** An event of the call could not be written to the journal: it stays open in the record, so the next start ends it. */
  unreported: boolean;
  release(): void;
  startedAt: number;
}

/** An operator leg as the runner holds it: its rtpengine branch and tag, its SIP leg once sent. */
export interface OperatorLegRun {
  legId: string;
  operator: string;
  contact: string;
  /** rtpengine's via-branch for this leg. */
  branch: string;
  /** rtpengine's tag for the phone. */
  tag: string;
  leg?: OutgoingLeg;
  /** The SDP of the phone's 200. */
  answerSdp?: string;
  /** Cancelled before its INVITE went out. */
  cancelled: boolean;
}

export interface ActionContext {
  deps: RunnerDeps;
  input(callId: string, input: CallInput): void;
  /** Work in the call's order, after what is queued already. */
  enqueue(live: LiveCall, work: () => Promise<void> | void): void;
  /** The caller's side from now on: its keys and its end heard. */
  takeCaller(live: LiveCall, side: CallerSide): void;
  /** The caller's media from now on, with a player of its own. */
  useMedia(live: LiveCall, media: CallMedia): void;
  /** A peer's new SDP mid-call answered by rtpengine, in the call's order. */
  reoffer(live: LiveCall, peer: 'caller' | 'operator', work: (media: CallMedia) => Promise<string>): Promise<string>;
}

/** One try at calling the caller back, until they answer or it fails. */
export interface CallbackAttempt {
  n: number;
  media: CallMedia;
  leg: OutgoingLeg | undefined;
  /** cancel_caller came (perhaps before the INVITE went out). */
  cancelled: boolean;
}
