// What a leg's dialog is made with and reports to (leg-dialog.ts): the UA core, the dialog, where
// requests go, the SDP on either side, the answerer of the peer's offers, the sink for its events.
import type { Dialog } from '../sip/dialog.ts';
import type { Peer } from '../sip/message.ts';
import type { UserAgentCore } from '../sip/ua-core.ts';
import type { DigitEvent, LegEnded } from './leg-events.ts';

/** What the dialog reports; the leg turns each into its event. */
export interface LegDialogSink {
  confirmed(sdp?: string): void;
  ended(ended: LegEnded): void;
  digit(digit: DigitEvent): void;
  offer(sdp: string): void;
  refreshed(seconds: number): void;
}

/** Builds our SDP answer to the peer's offer (rtpengine's answer, in the edge); default: the current SDP. */
export type OfferAnswerer = (offer: string) => string | Promise<string>;

export interface LegDialogOptions {
  core: UserAgentCore;
  dialog: Dialog;
  /** Where our requests go: the flow the dialog came on (or its resolved next hop). */
  flow: Peer;
  /** Our Contact URI. */
  contact: string;
  /** The SDP we last sent, and the peer's. */
  sdp: { local: string; remote?: string };
  answerOffer?: OfferAnswerer;
  /** The peer's Allow listed UPDATE: our refreshes use it (no SDP), else a re-INVITE. */
  peerAllowsUpdate: boolean;
  sink: LegDialogSink;
}
