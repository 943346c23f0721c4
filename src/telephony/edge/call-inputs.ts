// What can happen to a call, as the shell tells the per-call core: the caller's INVITE, their keys,
// timers firing, otvet's decisions, what operators' phones and the caller's leg answer, otvet's
// reachability and the wait estimate, and what ends a call from the edge's side (rtpengine failing,
// the edge stopping). Each input is a fact; the core decides what follows.
import type { MenuItem, TimerName } from './call-actions.ts';

/** A region's IVR menu, as otvet serves it. */
export interface IvrMenu {
  /** Play the greeting before the menu (default: yes). */
  greeting?: boolean;
  /** Seconds after the menu ends without a key before the caller goes to the general queue. */
  timeoutSeconds: number;
  items: MenuItem[];
}

/** The edge's own timings (from its configuration). */
export interface CallTiming {
  /** Seconds between announcements of the estimated wait. */
  announceEverySeconds: number;
  /** Our cap on ringing an operator, above otvet's ring timeout (20 s by default) so its stop_ringing comes first. */
  ringSafetySeconds: number;
  /** How long a waiting caller is kept while otvet is unreachable before being told to call later. */
  otvetGraceSeconds: number;
}

export const DEFAULT_TIMING: CallTiming = { announceEverySeconds: 60, ringSafetySeconds: 45, otvetGraceSeconds: 60 };

/** The caller's INVITE, after the trunk and the dialled number named the region. */
export interface InviteInput {
  type: 'invite';
  callId: string;
  region: string;
  /** As received from the trunk; null when hidden. */
  caller: string | null;
  dialled: string;
  menu: IvrMenu;
  /** Whether the reporter can reach otvet now. */
  otvetReachable: boolean;
  timing?: CallTiming;
  /** Refused by admission control (too many new calls, or held at once): 503 with Retry-After. */
  refused?: { retryAfterSeconds: number };
}

/** One of otvet's decisions about this call, with what the shell looked up for it. */
export type Decision = { decisionId?: string } & (
  | { kind: 'connect'; operator: string; contacts: string[] }
  | { kind: 'callback'; operator: string; contacts: string[] }
  | { kind: 'stop_ringing'; operator?: string }
  | { kind: 'offer_callback' }
  /** The operator answered from the workstation; contacts (if known) to ring when no phone rings yet. */
  | { kind: 'bridge'; operator?: string; contacts?: string[] }
  | { kind: 'hangup' }
  /** The operator passed the conversation back to a queue (otvet freed them): the operator named, when named, is the one talking. */
  | { kind: 'transfer'; operator?: string }
);

/** What an operator's phone said on one leg. */
/** held / resumed: the phone's re-offer put the caller on hold (sendonly, inactive) or took them back. */
export type LegEvent = 'provisional' | 'answered' | 'failed' | 'bye' | 'held' | 'resumed';

export type CallInput =
  | InviteInput
  /** A DTMF key (RFC 4733 or SIP INFO): '0'–'9', '*', '#'. */
  | { type: 'digit'; digit: string }
  | { type: 'timer'; name: TimerName }
  /** The prompts of `play` with this id have all been played (never sent for a sequence ending in hold music). */
  | { type: 'prompt_done'; playId: number }
  | { type: 'decision'; decision: Decision }
  /** 180/183 (provisional), 200 (answered), 4xx–6xx (failed), a BYE (bye), a hold or its end (held, resumed) on one operator leg. */
  | { type: 'leg'; legId: string; event: LegEvent; status?: number }
  /** The caller hung up: BYE, or CANCEL before the answer went out. */
  | { type: 'caller_hangup'; by: 'bye' | 'cancel' }
  /** Callback: the caller answered the edge's call. */
  | { type: 'callback_answered' }
  /** Callback: the caller's number did not answer (busy, no answer, error). */
  | { type: 'callback_failed'; status: number }
  | { type: 'otvet_unreachable' }
  | { type: 'otvet_back' }
  /** The estimated wait from otvet; null when it has none. */
  | { type: 'wait_estimate'; seconds: number | null }
  /** rtpengine could not anchor the caller's media: the caller cannot be answered. */
  | { type: 'media_failed' }
  /** The edge is stopping (SIGTERM, stop()): every call ends now. */
  | { type: 'edge_stopping' };
