// The caller's side of a call as the runner drives it, whichever way it came up: the trunk's INVITE
// that the edge answered (caller-leg.ts), or the edge's callback that the caller answered
// (outgoing-leg.ts). From then on the two are one thing to the runner: the caller's keys, the end
// (either side's BYE), our BYE, and the re-INVITE that moves the caller's media to the bridge.
import type { DigitEvent, LegEnded } from './leg-events.ts';
import type { Outcome } from './leg-requests.ts';

export interface CallerSide {
  /** 'ended' once the leg is over (each kind has its own states before that). */
  readonly state: string;
  /** Ends the leg from our side: BYE once up; before that, the trunk's INVITE refused (480) or our callback CANCELled. */
  hangup(): void;
  /** A re-INVITE with new SDP, or the current one. */
  reinvite(sdp?: string): Promise<Outcome>;
  /** The leg is over (after it was up: a callback not answered fails on its own leg instead). */
  on(event: 'ended', listener: (ended: LegEnded) => void): unknown;
  /** A key in SIP INFO (RFC 4733 keys come from rtpengine). */
  on(event: 'digit', listener: (digit: DigitEvent) => void): unknown;
}
