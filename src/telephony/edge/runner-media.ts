// One call's media in rtpengine, as media/rtpengine.ts's recipe says: the caller's SDP offered and
// answered with a placeholder (the edge itself, the discard port) so the caller gets rtpengine's
// address in our 200 before any operator exists; each operator leg a branch of its own (its
// via-branch) offered the caller's SDP and answered with the phone's; prompts played to the caller's
// tag; the call deleted at the end with its figures. rtpengine's call-id is the edge's call id, so
// its key presses (DtmfListener) name the call directly.
// A callback runs the first exchange the other way: the placeholder offers (from the IVR's side),
// rtpengine's SDP goes in our INVITE to the caller, and their 200's SDP answers it; from then on the
// caller's tag offers to operators' branches as above. It is an rtpengine call of its own
// (`<call id>~cb<n>`): the first one may still be kept for rtpengine's delete delay.
// A peer's new SDP mid-call (re-INVITE, UPDATE) is offered for its side and answered with the other
// side's current SDP (the IVR's placeholder before the bridge), its direction fitted to the offer (a
// hold answered recvonly): the other side is not asked.
// A transfer takes the caller back from the phone: the caller's SDP offered to the IVR's side again and
// answered with the placeholder, as before the first bridge, so prompts reach the caller and the old
// phone's branch is no longer joined (its late re-offers are refused); the next phone gets a branch
// of its own as any; the old phone's participant is deleted (alone), so what it still sends reaches
// nobody.
// A browser's phone (a contact registered over WebSocket, ADR 0015) speaks WebRTC: its branch is
// offered ICE, DTLS-SRTP and RTCP multiplexed, and what goes back to the caller is plain RTP again;
// every SDP rtpengine writes is shaped for the side that receives it (webrtc-options.ts), the
// other side's new SDP mid-call too.
import type { CallStats } from '../media/call-stats.ts';
import type { Rtpengine } from '../media/rtpengine.ts';
import { RtpengineError } from '../media/rtpengine.ts';
import { answerFitting } from '../media/sdp-direction.ts';
import { LEG, sdpFor } from './webrtc-options.ts';

/** The IVR's side of the call before an operator: its tag and branch in rtpengine. */
const IVR_TAG = 'edge-ivr';
const IVR_BRANCH = 'edge-ivr';

/** An answer to `offer` from nobody: the offer's audio formats at 127.0.0.1, port 9 (discard). */
export function placeholderAnswer(offer: string): string {
  const lines = offer.split(/\r?\n/);
  const m = lines
    .find((l) => l.startsWith('m=audio '))
    ?.trim()
    .split(/\s+/);
  const proto = m?.[2] ?? 'RTP/AVP';
  const formats = m && m.length > 3 ? m.slice(3) : ['8', '0', '101'];
  const attrs = lines.filter((l) => {
    const pt = /^a=(?:rtpmap|fmtp):(\d+)\s/.exec(l)?.[1];
    return pt !== undefined && formats.includes(pt);
  });
  return ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=otvet-edge', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio 9 ${proto} ${formats.join(' ')}`, ...attrs, 'a=sendrecv', ''].join('\r\n');
}

/** The audio a callback offers: what trunks take (A-law, µ-law) and RFC 4733 keys. */
const CALLBACK_AUDIO = ['m=audio 9 RTP/AVP 8 0 101', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16'].join('\r\n');

/** An offer from nobody, for a callback: the usual audio formats at 127.0.0.1, port 9 (discard). */
export function placeholderOffer(): string {
  return placeholderAnswer(CALLBACK_AUDIO);
}

/** rtpengine's call-id for a call's n-th callback. */
export function callbackMediaId(callId: string, n: number): string {
  return `${callId}~cb${n}`;
}

/** The edge's call id of an rtpengine call-id (its own, or a callback's). */
export function edgeCallIdOf(mediaCallId: string): string {
  const at = mediaCallId.indexOf('~');
  return at < 0 ? mediaCallId : mediaCallId.slice(0, at);
}

/** The port of an SDP's first audio stream. */
export function audioPort(sdp: string): number | undefined {
  const m = /^m=audio (\d+)/m.exec(sdp);
  return m ? Number(m[1]) : undefined;
}

/** The operator's phone the caller is joined to: its rtpengine branch and tag, and its SDP now. */
interface Joined {
  branch: string;
  tag: string;
  phoneSdp: string;
  webrtc: boolean;
}

export class CallMedia {
  /** The SDP last sent to the caller (rtpengine's address for them). */
  toCaller: string | undefined;
  /** The caller's SDP: their INVITE's offer, or their answer to our callback; then their latest re-offer. */
  private callerSdp: string | undefined;
  private joined: Joined | undefined;
  /** The branches toward browsers (WebRTC). */
  private readonly webrtc = new Set<string>();
  /** Branches of phones the caller was taken back from (a transfer). */
  private readonly released = new Set<string>();

  constructor(
    private readonly rtp: Rtpengine,
    /** rtpengine's call-id: the edge's call id, or a callback's (callbackMediaId). */
    readonly callId: string,
    /** rtpengine's name for the caller: their From tag, or ours for a callback. */
    readonly callerTag: string,
  ) {}

  /** Anchors the caller's offer in rtpengine: the SDP of our 200 OK to them. */
  async answerCaller(offer: string): Promise<string> {
    this.callerSdp = offer;
    await this.rtp.offer({ ...LEG, callId: this.callId, fromTag: this.callerTag, viaBranch: IVR_BRANCH, label: 'caller', sdp: offer });
    const { sdp } = await this.rtp.answer({ ...LEG, callId: this.callId, fromTag: this.callerTag, toTag: IVR_TAG, viaBranch: IVR_BRANCH, sdp: placeholderAnswer(offer) });
    this.toCaller = sdp;
    return sdp;
  }

  /** Callback: the offer of our INVITE to the caller (rtpengine's address for them), made from the IVR's side. */
  async offerCaller(): Promise<string> {
    const { sdp } = await this.rtp.offer({ ...LEG, callId: this.callId, fromTag: IVR_TAG, viaBranch: IVR_BRANCH, sdp: placeholderOffer() });
    this.toCaller = sdp;
    return sdp;
  }

  /** Callback: the caller's answer (their 200's SDP) anchors them. */
  async callerAnswered(answer: string): Promise<void> {
    await this.rtp.answer({ ...LEG, callId: this.callId, fromTag: IVR_TAG, toTag: this.callerTag, viaBranch: IVR_BRANCH, label: 'caller', sdp: answer });
    this.callerSdp = answer;
  }

  /** The SDP to offer an operator's phone on one leg (its own branch, its own port toward the phone); `webrtc` for a browser's. */
  async offerLeg(branch: string, webrtc = false): Promise<string> {
    if (this.callerSdp === undefined) throw new Error('the caller is not anchored in rtpengine yet');
    if (webrtc) this.webrtc.add(branch);
    return (await this.rtp.offer({ ...sdpFor('phone', 'offer', webrtc), callId: this.callId, fromTag: this.callerTag, viaBranch: branch, sdp: this.callerSdp })).sdp;
  }

  /**
   * Joins the caller to the phone that answered on this branch. The SDP for the caller when it
   * changed (a re-INVITE must carry it); undefined when the caller keeps its port (port latching).
   */
  async answerLeg(branch: string, tag: string, phoneSdp: string): Promise<string | undefined> {
    const webrtc = this.webrtc.has(branch);
    const { sdp } = await this.rtp.answer({ ...sdpFor('caller', 'answer', webrtc), callId: this.callId, fromTag: this.callerTag, toTag: tag, viaBranch: branch, label: 'operator', sdp: phoneSdp });
    this.joined = { branch, tag, phoneSdp, webrtc };
    const changed = this.toCaller === undefined || audioPort(sdp) !== audioPort(this.toCaller);
    if (changed) this.toCaller = sdp;
    return changed ? sdp : undefined;
  }

  /**
   * Takes the caller back from the operator's phone to the IVR's side (a transfer), as before the
   * first bridge. The SDP for the caller when its port changed (a re-INVITE must carry it).
   */
  async unbridge(): Promise<string | undefined> {
    if (this.callerSdp === undefined) throw new Error('the caller is not anchored in rtpengine yet');
    if (this.joined) this.released.add(this.joined.branch);
    this.joined = undefined;
    const before = this.toCaller;
    const sdp = await this.callerOffers(this.callerSdp);
    return before !== undefined && audioPort(sdp) === audioPort(before) ? undefined : sdp;
  }

  /**
   * Ends a phone's part of the call once the caller was taken from it (a transfer): what it still
   * sends (its BYE on the way) no longer reaches the caller. A delete naming its tag alone ends that
   * participant only; the caller's call goes on.
   */
  async dropPhone(tag: string): Promise<void> {
    await this.rtp.delete({ callId: this.callId, fromTag: tag, deleteDelay: 0 });
  }

  /** The caller's new SDP (its re-INVITE or UPDATE): rtpengine's answer for our 200, with the operator's phone (or the IVR) as it is. */
  async callerOffers(sdp: string): Promise<string> {
    const other = this.joined ?? { branch: IVR_BRANCH, tag: IVR_TAG, phoneSdp: placeholderAnswer(sdp), webrtc: false };
    await this.rtp.offer({ ...sdpFor('phone', 'offer', other.webrtc), callId: this.callId, fromTag: this.callerTag, toTag: other.tag, viaBranch: other.branch, sdp });
    const answer = await this.rtp.answer({
      ...sdpFor('caller', 'answer', other.webrtc),
      callId: this.callId,
      fromTag: this.callerTag,
      toTag: other.tag,
      viaBranch: other.branch,
      sdp: answerFitting(sdp, other.phoneSdp),
    });
    this.callerSdp = sdp;
    this.toCaller = answer.sdp;
    return answer.sdp;
  }

  /** The new SDP of the phone on this branch (its re-INVITE or UPDATE): rtpengine's answer for our 200, with the caller as it is. */
  async phoneOffers(branch: string, tag: string, sdp: string): Promise<string> {
    if (this.callerSdp === undefined) throw new Error('the caller is not anchored in rtpengine yet');
    // (answering it would join the caller to that phone again)
    if (this.released.has(branch)) throw new Error('the caller was taken from this phone (a transfer)');
    const webrtc = this.webrtc.has(branch);
    await this.rtp.offer({ ...sdpFor('caller', 'offer', webrtc), callId: this.callId, fromTag: tag, toTag: this.callerTag, viaBranch: branch, sdp });
    const answer = await this.rtp.answer({
      ...sdpFor('phone', 'answer', webrtc),
      callId: this.callId,
      fromTag: tag,
      toTag: this.callerTag,
      viaBranch: branch,
      sdp: answerFitting(sdp, this.callerSdp),
    });
    if (this.joined?.branch === branch) this.joined.phoneSdp = sdp;
    return answer.sdp;
  }

  /** Plays a file to the caller (replacing what plays); its length when rtpengine says. */
  async play(file: string, repeatTimes?: number): Promise<number | undefined> {
    return (await this.rtp.playMedia({ callId: this.callId, fromTag: this.callerTag, file, ...(repeatTimes ? { repeatTimes } : {}) })).durationMs;
  }

  /** Stops what plays to the caller; nothing playing is no failure. */
  async stop(): Promise<void> {
    try {
      await this.rtp.stopMedia({ callId: this.callId, fromTag: this.callerTag });
    } catch (e) {
      if (!(e instanceof RtpengineError && e.kind === 'error')) throw e;
    }
  }

  /** Ends the call in rtpengine: its final figures, undefined when rtpengine no longer had it. */
  async delete(): Promise<CallStats | undefined> {
    return (await this.rtp.delete({ callId: this.callId, fromTag: this.callerTag })).stats;
  }
}

/** The figures logged at the end of a call: packets and bytes each way, as rtpengine received them (no numbers, no names). */
export function mediaSummary(stats: CallStats, callerTag: string) {
  const caller = stats.legs.find((l) => l.tag === callerTag);
  // Every other participant is on the operator's side: the IVR placeholder sends nothing.
  const others = stats.legs.filter((l) => l.tag !== callerTag);
  const sum = (k: 'packets' | 'bytes') => others.reduce((n, l) => n + l.rtp[k], 0);
  return {
    callerToOperator: { packets: caller?.rtp.packets ?? 0, bytes: caller?.rtp.bytes ?? 0 },
    operatorToCaller: { packets: sum('packets'), bytes: sum('bytes') },
    errors: stats.totals.rtp.errors,
  };
}
