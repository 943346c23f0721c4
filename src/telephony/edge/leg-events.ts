// What a call leg tells whoever drives the call (the per-call core's shell): small typed events, one
// fact each. Both kinds share the dialog's events; the outgoing leg (to an operator's phone, or a
// callback to the caller) adds those of ringing.

/** Why a leg ended. */
export type EndReason =
  /** The caller CANCELled before the answer (caller leg; answered 487). */
  | 'cancelled'
  /** The peer sent BYE. */
  | 'bye'
  /** We hung up: BYE, or (caller leg) 480 before the answer. */
  | 'hangup'
  /** We refused the call before answering it (caller leg: reject()). */
  | 'rejected'
  /** The peer's session timer lapsed without a refresh (RFC 4028 §10): we sent BYE. */
  | 'session_expired'
  /** Our refresh failed for good (408, 481, or no answer): the session is gone. */
  | 'refresh_failed'
  /** Our 2xx was never acknowledged (§13.3.1.4): we sent BYE. */
  | 'no_ack'
  /** The peer could not be reached any more. */
  | 'transport_error';

export interface LegEnded {
  reason: EndReason;
  by: 'remote' | 'local';
}

/** A key pressed, as SIP INFO carried it (RFC 4733 keys come from rtpengine, not from the legs). */
export interface DigitEvent {
  digit: string;
  durationMs?: number;
}

/** Events of a leg's dialog, whichever side set it up. */
export type DialogLegEvents = {
  ended: [ended: LegEnded];
  digit: [digit: DigitEvent];
  /** A new SDP from the peer (re-INVITE, UPDATE, or an ACK answering our offer): hold, unhold, a new address. */
  offer: [sdp: string];
  /** The peer refreshed the session (RFC 4028), or we did; the seconds until the next refresh is due. */
  refreshed: [seconds: number];
};

export type CallerLegEvents = DialogLegEvents & {
  /** The ACK of our 200 came: the call is up both ways. `sdp`: the answer in that ACK, when our 200 made the offer. */
  confirmed: [sdp?: string];
};

/** Why an outgoing leg's callee (an operator's phone, a caller called back) was not reached. */
export type FailReason = 'rejected' | 'cancelled' | 'timeout' | 'transport_error';

export type OutgoingLegEvents = DialogLegEvents & {
  /** 180 or 183 (with early media's SDP, if any). */
  provisional: [status: number, sdp?: string];
  /** A 200: the dialog is up, ACK sent. (A 200 that crosses our CANCEL is ACKed and hung up, and the leg fails 'cancelled'.) */
  answered: [sdp: string | undefined];
  /** A final 3xx–6xx, no answer in time, a CANCEL that took, or the callee unreachable: the leg never came up. */
  failed: [status: number, reason: FailReason];
};
