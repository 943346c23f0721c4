// The SDP a message carries (RFC 3264 offer or answer): its body when Content-Type is application/sdp.
// The edge never reads SDP itself: rtpengine does; the legs only carry it.
import type { SipMessage } from './message.ts';
import { header } from './message.ts';

export const SDP_TYPE = 'application/sdp';

/** The body as text when it is SDP, else undefined (no body, or another type). */
export function sdpOf(message: SipMessage): string | undefined {
  const type = header(message, 'Content-Type')?.split(';')[0]?.trim().toLowerCase();
  return type === SDP_TYPE && message.body.length > 0 ? message.body.toString('utf8') : undefined;
}
