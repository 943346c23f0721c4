// The rtpengine options of each SDP the edge has it write, by who receives it. Trunks and desk phones
// speak plain RTP (LEG, the recipe at the top of media/rtpengine.ts). A browser's phone (a contact
// registered over WebSocket, ADR 0015) speaks WebRTC: ICE, DTLS-SRTP (SDES keys beside DTLS are
// useless), RTCP multiplexed on the RTP port (Chromium refuses an SDP without it); and the caller
// across from a browser gets plain RTP back (ICE removed, RTCP on its own port again). Tried with
// Chromium against the real rtpengine: test/browser/edge-webrtc-media.test.ts.
import type { SdpOptions } from '../media/rtpengine.ts';

type LegOptions = Pick<SdpOptions, 'flags' | 'replace' | 'ice' | 'recordCall' | 'transportProtocol' | 'SDES' | 'rtcpMux'>;

/** What every offer and answer between plain-RTP peers carries. */
export const LEG: LegOptions = {
  flags: ['trust address', 'port latching'],
  replace: ['origin', 'session connection'],
  ice: 'remove',
  recordCall: 'no',
};

/** An offer toward a browser (the caller's SDP on a browser's branch, or the caller's re-offer). */
const OFFER_TO_BROWSER: LegOptions = { ...LEG, ice: 'force', transportProtocol: 'UDP/TLS/RTP/SAVPF', SDES: ['off'], rtcpMux: ['offer'] };
/** An answer toward a browser (to its re-INVITE): its offer multiplexes RTCP, and the answer accepts that. */
const ANSWER_TO_BROWSER: LegOptions = { ...LEG, ice: 'force', transportProtocol: 'UDP/TLS/RTP/SAVPF', SDES: ['off'], rtcpMux: ['accept'] };
/** An offer or answer toward the caller when a browser is across: plain RTP again. */
const TO_CALLER_FROM_BROWSER: LegOptions = { ...LEG, ice: 'remove', transportProtocol: 'RTP/AVP', rtcpMux: ['demux'] };

/**
 * The options of an SDP rtpengine writes for `to` (the operator's phone or the caller) on a branch
 * that is a browser's (`webrtc`) or a desk phone's.
 */
export function sdpFor(to: 'phone' | 'caller', kind: 'offer' | 'answer', webrtc: boolean): LegOptions {
  if (!webrtc) return LEG;
  if (to === 'caller') return TO_CALLER_FROM_BROWSER;
  return kind === 'offer' ? OFFER_TO_BROWSER : ANSWER_TO_BROWSER;
}
