// One call as the edge holds it: where it is in its life, the operator legs it rings, the timers it
// has set, the counters its ids come from. A plain value: step() returns a new one and never changes
// the one it was given, so the shell may keep, log (without `caller`) or compare them.
import type { Prompt, TimerName } from './call-actions.ts';
import { DEFAULT_TIMING, type CallTiming, type IvrMenu } from './call-inputs.ts';

export type Phase =
  /** Before the INVITE. */
  | 'idle'
  /** Greeting and menu; waiting for a key. */
  | 'ivr'
  /** Queued: hold music and announcements, perhaps an operator ringing. */
  | 'waiting'
  /** Bridged to an operator's phone. */
  | 'talking'
  /** The caller accepted a callback: the goodbye plays, then we hang up. */
  | 'leaving'
  /** No caller leg: waiting for otvet's `callback` decision. */
  | 'callback_pending'
  /** Callback: calling the caller through the trunk. */
  | 'calling_back'
  /** "Call later" plays, then we hang up. */
  | 'unavailable'
  | 'ended';

export interface OperatorLeg {
  legId: string;
  contact: string;
  operator: string;
  /** trying: INVITE sent; early: 180/183 heard; cancelling: CANCEL sent, the final response to come. */
  state: 'trying' | 'early' | 'cancelling';
}

/** An operator being rung for the call. */
export interface Ring {
  operator: string;
  /** `ringing` was reported for this ring. */
  reported: boolean;
  /** The operator answered from the workstation (a `bridge` decision): otvet knows; bridge without reporting `answered`. */
  workstation: boolean;
}

export interface EdgeCall {
  callId: string;
  region: string;
  /** Kept for a callback; reported only in `offered`; never logged. */
  caller: string | null;
  dialled: string;
  menu: IvrMenu;
  timing: CallTiming;
  phase: Phase;
  /** The caller's leg exists (answered by us, or answered our callback). */
  callerUp: boolean;
  invalidDigits: number;
  /** A callback was offered: key 1 accepts it while waiting. */
  callbackOffered: boolean;
  ring: Ring | null;
  /** Every operator leg not yet finished (ringing, or cancelled and not yet answered for). */
  legs: OperatorLeg[];
  /** The operator leg bridged to the caller. */
  /** The operator's leg in conversation; held while their phone holds the caller (hold music plays). */
  talking: { legId: string; operator: string; held?: true } | null;
  /** An operator has talked with the caller: the call's end is `ended`, never `abandoned`, even back in the queue after a transfer. */
  answered: boolean;
  /** Callback: whom to ring once the caller answers. */
  callback: { operator: string; contacts: string[] } | null;
  /** Announcements of the wait are on (not while an operator's phone rings). */
  announcing: boolean;
  /**
   * Queued, the first estimate not yet come: what is to play before it (a greeting), held back so
   * that the estimate follows it instead of cutting it off, and no hold music starts only to be
   * replaced a moment later. Null once played.
   */
  firstWait: Prompt[] | null;
  otvetReachable: boolean;
  /** Timers set and not yet fired or cleared. */
  timers: TimerName[];
  /** Id of the last `play`. */
  playId: number;
  /** Events reported so far (ids are `${callId}-${n}`). */
  events: number;
  /** Operator legs started so far (ids are `${callId}/${n}`). */
  legCount: number;
  /** Ids of the last decisions acted on (the stream may repeat them after a reconnect). */
  decisions: string[];
  /** `forget` was sent: nothing more happens. */
  forgotten: boolean;
}

/** A call before its INVITE (step() with an `invite` input starts it). */
export function newCall(): EdgeCall {
  return {
    callId: '',
    region: '',
    caller: null,
    dialled: '',
    menu: { timeoutSeconds: 0, items: [] },
    timing: DEFAULT_TIMING,
    phase: 'idle',
    callerUp: false,
    invalidDigits: 0,
    callbackOffered: false,
    ring: null,
    legs: [],
    talking: null,
    answered: false,
    callback: null,
    announcing: false,
    firstWait: null,
    otvetReachable: true,
    timers: [],
    playId: 0,
    events: 0,
    legCount: 0,
    decisions: [],
    forgotten: false,
  };
}

/** A deep copy, so a step never touches the call it was given. */
export function copyCall(c: EdgeCall): EdgeCall {
  return {
    ...c,
    menu: { ...c.menu, items: c.menu.items.map((i) => ({ ...i })) },
    timing: { ...c.timing },
    ring: c.ring && { ...c.ring },
    legs: c.legs.map((l) => ({ ...l })),
    talking: c.talking && { ...c.talking },
    callback: c.callback && { ...c.callback, contacts: [...c.callback.contacts] },
    firstWait: c.firstWait && [...c.firstWait],
    timers: [...c.timers],
    decisions: [...c.decisions],
  };
}
