// The SDP a message carries (RFC 3264 offer or answer): its body when Content-Type is application/sdp.
// The edge never reads SDP itself: rtpengine does; the legs only carry it, and tell a repeated offer
// (a session refresh) from a new one.
import type { SipMessage } from './message.ts';
import { header } from './message.ts';

export const SDP_TYPE = 'application/sdp';

/** The body as text when it is SDP, else undefined (no body, or another type). */
export function sdpOf(message: SipMessage): string | undefined {
  const type = header(message, 'Content-Type')?.split(';')[0]?.trim().toLowerCase();
  return type === SDP_TYPE && message.body.length > 0 ? message.body.toString('utf8') : undefined;
}

/**
 * Whether an offer repeats the previous SDP (RFC 3264 §8: an unchanged session keeps its o= line and
 * version): the same lines, whatever the line endings. A changed body with the version left alone
 * (peers that forget to raise it) counts as new.
 */
export function sameSdp(a: string, b: string): boolean {
  const lines = (sdp: string) =>
    sdp
      .split(/\r?\n/)
      .map((l) => l.trimEnd())
      .filter((l) => l !== '');
  const [x, y] = [lines(a), lines(b)];
  return x.length === y.length && x.every((l, i) => l === y[i]);
}
