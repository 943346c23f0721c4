// One call's media in rtpengine, as media/rtpengine.ts's recipe says: the caller's SDP offered and
// answered with a placeholder (the edge itself, the discard port) so the caller gets rtpengine's
// address in our 200 before any operator exists; each operator leg a branch of its own (its
// via-branch) offered the caller's SDP and answered with the phone's; prompts played to the caller's
// tag; the call deleted at the end with its figures. rtpengine's call-id is the edge's call id, so
// its key presses (DtmfListener) name the call directly.
import type { CallStats } from '../media/call-stats.ts';
import type { Rtpengine, SdpOptions } from '../media/rtpengine.ts';
import { RtpengineError } from '../media/rtpengine.ts';

/** What every offer and answer carries (the recipe at the top of rtpengine.ts). */
const LEG: Pick<SdpOptions, 'flags' | 'replace' | 'ice' | 'recordCall'> = {
  flags: ['trust address', 'port latching'],
  replace: ['origin', 'session connection'],
  ice: 'remove',
  recordCall: 'no',
};

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

/** The port of an SDP's first audio stream. */
export function audioPort(sdp: string): number | undefined {
  const m = /^m=audio (\d+)/m.exec(sdp);
  return m ? Number(m[1]) : undefined;
}

export class CallMedia {
  /** The SDP last sent to the caller (rtpengine's address for them). */
  toCaller: string | undefined;

  constructor(
    private readonly rtp: Rtpengine,
    readonly callId: string,
    /** The caller's From tag: rtpengine's name for the caller. */
    readonly callerTag: string,
    private readonly callerSdp: string,
  ) {}

  /** Anchors the caller in rtpengine: the SDP of our 200 OK to them. */
  async answerCaller(): Promise<string> {
    await this.rtp.offer({ ...LEG, callId: this.callId, fromTag: this.callerTag, viaBranch: IVR_BRANCH, label: 'caller', sdp: this.callerSdp });
    const { sdp } = await this.rtp.answer({ ...LEG, callId: this.callId, fromTag: this.callerTag, toTag: IVR_TAG, viaBranch: IVR_BRANCH, sdp: placeholderAnswer(this.callerSdp) });
    this.toCaller = sdp;
    return sdp;
  }

  /** The SDP to offer an operator's phone on one leg (its own branch, its own port toward the phone). */
  async offerLeg(branch: string): Promise<string> {
    return (await this.rtp.offer({ ...LEG, callId: this.callId, fromTag: this.callerTag, viaBranch: branch, sdp: this.callerSdp })).sdp;
  }

  /**
   * Joins the caller to the phone that answered on this branch. The SDP for the caller when it
   * changed (a re-INVITE must carry it); undefined when the caller keeps its port (port latching).
   */
  async answerLeg(branch: string, tag: string, phoneSdp: string): Promise<string | undefined> {
    const { sdp } = await this.rtp.answer({ ...LEG, callId: this.callId, fromTag: this.callerTag, toTag: tag, viaBranch: branch, label: 'operator', sdp: phoneSdp });
    const changed = this.toCaller === undefined || audioPort(sdp) !== audioPort(this.toCaller);
    if (changed) this.toCaller = sdp;
    return changed ? sdp : undefined;
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
