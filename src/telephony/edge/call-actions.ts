// What the per-call core asks its shell to do: report an event to otvet, answer or reject the
// caller, play prompts, set and clear named timers, ring operators' phones, bridge, hang up, call a
// caller back, forget the call. The core only says what; the shell (SIP stack, rtpengine, reporter)
// does it and feeds back what then happened as a CallInput.

/** An IVR menu item: a key and the knowledge-base section it stands for. */
export interface MenuItem {
  digit: number;
  section: string;
}

/** What the caller hears. The shell maps each to files of the prompt catalogue (media/prompts.ts). */
export type Prompt =
  | { name: 'greeting' }
  | { name: 'menu'; items: MenuItem[] }
  | { name: 'menu_invalid' }
  /** Plays until something else is played: a sequence that ends with it never finishes. */
  | { name: 'hold_music' }
  /** "The estimated wait is N minutes" (the catalogue rounds the seconds to its minutes). */
  | { name: 'wait'; seconds: number }
  | { name: 'callback_offer' }
  /** "Thank you, an operator will call you back. Goodbye." */
  | { name: 'callback_accepted' }
  | { name: 'connecting' }
  /** "The line cannot take your call now, please call later." */
  | { name: 'unavailable' };

/** The timers a call may hold, by name; setting one again replaces it. */
export type TimerName =
  /** No choice in the IVR: to the general queue. */
  | 'ivr'
  /** Time to fetch the wait estimate again and announce it. */
  | 'announce'
  /** The first wait estimate is late (otvet slow or unreachable): hold music without it. */
  | 'first_wait'
  /** Our own cap on ringing (an operator's phone, or the caller called back), for when otvet's stop_ringing does not come. */
  | 'ring_safety'
  /** A prompt that precedes a hang-up is taking longer than any could: hang up anyway. */
  | 'prompt_safety'
  /** otvet has been unreachable for long enough: tell a waiting caller and let them go. */
  | 'otvet_down'
  /** The call is over but operator legs being cancelled may still answer: wait for their last word. */
  | 'linger'
  /** How long a requested callback is kept waiting for otvet's `callback` decision. */
  | 'callback_keep';

/**
 * Why the edge says a call ended or was abandoned: the `reason` otvet keeps with the event (and as
 * the call's close reason when nobody answered). docs/telephony-events.md lists them.
 */
export type EndReason =
  | 'hung_up_in_ivr'
  | 'caller_hung_up'
  | 'operator_hung_up'
  | 'operator_ended'
  | 'service_unavailable'
  | 'callback_not_answered'
  | 'no_number_to_call_back'
  /** rtpengine could not take the call: the caller was refused 503. */
  | 'media_unavailable'
  /** The edge was stopped (SIGTERM) while the call was in progress. */
  | 'edge_stopped'
  /** The edge died (a crash, SIGKILL) while the call was in progress; reported when it started again. */
  | 'edge_restarted';

interface Common {
  /** Stable: `${callId}-${n}`, the n-th event of the call; the same call and inputs give the same ids. */
  id: string;
  callId: string;
  /** ISO 8601 (UTC). */
  at: string;
}

/**
 * An event for POST /api/v1/telephony/events (docs/telephony-events.md). The same shape as the
 * reporter's EdgeEvent (src/telephony/otvet/events.ts); the caller's number appears in `offered` only.
 */
export type ReportedEvent = Common &
  (
    | { type: 'offered'; region: string; caller: string | null; dialled: string }
    | { type: 'ivr_choice'; topic: string }
    | { type: 'queued' }
    | { type: 'ringing'; operator: string }
    | { type: 'answered'; operator: string }
    | { type: 'callback_requested' }
    | { type: 'abandoned'; reason?: EndReason }
    | { type: 'ended'; reason?: EndReason }
  );

/** One operator leg to start: an INVITE to one registered contact. */
export interface NewLeg {
  legId: string;
  contact: string;
}

export type CallAction =
  | { type: 'report'; event: ReportedEvent }
  /** 200 OK to the caller's INVITE, media anchored in rtpengine. */
  | { type: 'answer' }
  | { type: 'reject'; status: number; retryAfterSeconds: number }
  /** Replace whatever the caller hears with these prompts in order; `prompt_done` with this playId when they end. */
  | { type: 'play'; playId: number; prompts: Prompt[] }
  | { type: 'stop_playing' }
  | { type: 'set_timer'; name: TimerName; ms: number }
  | { type: 'clear_timer'; name: TimerName }
  /** Ask otvet for the call's estimated wait; the answer comes back as `wait_estimate`. */
  | { type: 'fetch_wait' }
  /** Fork: INVITE every contact of the operator at once, one leg each. */
  | { type: 'ring'; operator: string; legs: NewLeg[] }
  /** CANCEL these operator legs (their final responses still come back as leg events). */
  | { type: 'cancel_legs'; legIds: string[] }
  /** Connect the caller's media to this answered operator leg. */
  | { type: 'bridge'; legId: string }
  /** Take the caller's media back from this operator leg to the IVR's side (a transfer): prompts reach them again, the old phone nothing. */
  | { type: 'unbridge'; legId: string }
  | { type: 'bye_caller' }
  | { type: 'bye_leg'; legId: string }
  /** Callback: INVITE the caller through the trunk (`to` is their number, `from` the number they dialled). */
  | { type: 'call_caller'; to: string; from: string }
  /** Callback: give up calling the caller (CANCEL the INVITE, or BYE if it was just answered). */
  | { type: 'cancel_caller' }
  /** Nothing more will happen to this call: drop it and its timers. */
  | { type: 'forget' };
