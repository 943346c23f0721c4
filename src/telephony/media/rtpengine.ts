// The edge's client of rtpengine (ng protocol, docs: rtpengine's ng_control_protocol): offer/answer
// rewrite each leg's SDP so media flows through rtpengine, delete ends a call and returns its
// figures, play media sends a prompt or hold audio to one participant. Node never touches RTP.
// Key names are rtpengine's own ("call-id", "record call"); options here are typed camelCase.
//
// How a call runs (rtpengine.test.ts does it against the real daemon, 10.5 as in Debian 12):
// - every offer/answer with flags 'trust address' and 'port latching', replace origin and session
//   connection, ICE remove, record call no. Tags are the SIP ones: from-tag the caller's, to-tag the
//   other side's, in the answer too (rtpengine swaps them itself).
// - IVR before any operator: offer the caller's SDP, answer with the edge's placeholder SDP (to-tag
//   and via-branch of the edge's own); the answer's SDP goes into the edge's 200 OK to the caller.
//   Then play media with the caller's from-tag; key presses come to the DtmfListener.
// - each INVITE to an operator's phone: offer with its own via-branch (a new branch, its own port
//   toward the operator), answer with the operator's to-tag and that via-branch. With port latching
//   the caller keeps its port: no re-INVITE toward the trunk.
// - a peer that re-offers (re-INVITE or UPDATE with new SDP), answered by the edge without asking the
//   other side: offer with the re-offering peer's tag as from-tag (the other's as to-tag) and the
//   branch of the pair, then answer with the other side's current SDP; the answer's SDP goes back to
//   the peer. rtpengine keeps its ports (port latching) and sends to the peer's new address.
// - hang-up: delete with the caller's from-tag, which returns the figures (a delete without a tag
//   deletes too, but returns none).
import { NgClient, RtpengineError, type NgClientOptions } from './ng-client.ts';
import type { NgDict, NgRequest, NgRequestValue } from './ng-message.ts';
import { readCallStats, type CallStats } from './call-stats.ts';

export { RtpengineError } from './ng-client.ts';

/** Flags of offer and answer (rtpengine accepts them with spaces or hyphens). */
export type SdpFlag =
  | 'trust address'
  | 'SIP source address'
  | 'symmetric'
  | 'asymmetric'
  | 'strict source'
  | 'media handover'
  | 'port latching'
  | 'no port latching'
  | 'reset'
  | 'no rtcp attribute'
  | 'full rtcp attribute'
  | 'loop protect'
  | 'single codec'
  | 'reuse codecs'
  | 'allow transcoding'
  | 'original sendrecv'
  | 'inject DTMF'
  | 'detect DTMF'
  | 'generate RTCP'
  | 'pierce NAT'
  | 'NAT-wait';

export type ReplaceOption = 'origin' | 'session connection' | 'SDP version' | 'username' | 'session name' | 'zero address';

export interface SdpOptions {
  callId: string;
  fromTag: string;
  sdp: string;
  viaBranch?: string;
  /** A name rtpengine keeps for this participant (reported in query, usable instead of a tag). */
  label?: string;
  flags?: SdpFlag[];
  replace?: ReplaceOption[];
  /** `remove` strips ICE attributes: trunks and desk phones speak plain RTP. */
  ice?: 'remove' | 'force' | 'default' | 'force-relay' | 'optional';
  recordCall?: 'yes' | 'no';
  transportProtocol?: 'RTP/AVP' | 'RTP/AVPF' | 'RTP/SAVP' | 'RTP/SAVPF' | 'UDP/TLS/RTP/SAVP' | 'UDP/TLS/RTP/SAVPF';
  /** The address to put into the rewritten SDP instead of the interface's (behind NAT). */
  mediaAddress?: string;
  addressFamily?: 'IP4' | 'IP6';
  /** Logical interfaces [from, to], for an rtpengine with several named --interface. */
  direction?: [string, string];
  codec?: { strip?: string[]; offer?: string[]; transcode?: string[]; mask?: string[]; accept?: string[]; except?: string[] };
  ptime?: number;
  DTLS?: 'off' | 'passive' | 'active';
  SDES?: string[];
  /**
   * RTP and RTCP on one port: a browser's WebRTC requires it (`offer` toward the browser), a trunk
   * or desk phone may not speak it (`demux` toward them).
   */
  rtcpMux?: ('offer' | 'require' | 'demux' | 'accept' | 'reject')[];
}

export interface OfferOptions extends SdpOptions {
  /** A re-offer inside a dialog (a re-INVITE or UPDATE): the other side's tag. */
  toTag?: string;
}
export interface AnswerOptions extends SdpOptions {
  toTag: string;
}

export interface SdpResult {
  sdp: string;
  warning?: string;
}

/** Whom a command is about: one participant by tag or label, or everyone in the call. */
export type Participant = { fromTag: string } | { label: string } | { all: true };
export type PlayMediaOptions = { callId: string; repeatTimes?: number } & Participant & ({ file: string } | { blob: Uint8Array });

export interface DeleteOptions {
  callId: string;
  /** Give it: rtpengine returns the call's figures only for a delete that names a tag. */
  fromTag?: string;
  toTag?: string;
  viaBranch?: string;
  /** Seconds rtpengine keeps the call after the delete (0: at once; default: its --delete-delay). */
  deleteDelay?: number;
  /** An unknown call fails the request instead of returning a warning. */
  fatal?: boolean;
}

export interface DeleteResult {
  /** Absent when rtpengine did not know the call (then `warning` says so). */
  stats?: CallStats;
  warning?: string;
}

export interface RtpengineStatistics {
  sessions: { own: number; foreign: number; total: number; transcodedMedia: number };
  rates: { packets: number; bytes: number; errors: number };
  totals: { uptimeSeconds: number; managedSessions: number; rejectedSessions: number; timeoutSessions: number; relayedPackets: number; relayedPacketErrors: number };
  /** The whole `statistics` dictionary, for what is not named above. */
  raw: NgDict;
}

export class Rtpengine {
  constructor(private readonly client: NgClient) {}

  static async open(options: NgClientOptions): Promise<Rtpengine> {
    return new Rtpengine(await NgClient.open(options));
  }

  get metrics() {
    return this.client.metrics;
  }

  async ping(): Promise<void> {
    await this.client.request({ command: 'ping' });
  }

  async offer(options: OfferOptions): Promise<SdpResult> {
    return sdpResult('offer', await this.client.request({ ...sdpRequest('offer', options), 'to-tag': options.toTag }));
  }

  async answer(options: AnswerOptions): Promise<SdpResult> {
    return sdpResult('answer', await this.client.request({ ...sdpRequest('answer', options), 'to-tag': options.toTag }));
  }

  async delete(options: DeleteOptions): Promise<DeleteResult> {
    const reply = await this.client.request({
      command: 'delete',
      'call-id': options.callId,
      'from-tag': options.fromTag,
      'to-tag': options.toTag,
      'via-branch': options.viaBranch,
      'delete-delay': options.deleteDelay,
      flags: options.fatal ? ['fatal'] : undefined,
    });
    return withWarning({ stats: readCallStats(reply) }, reply);
  }

  /** The call's figures now; fails with rtpengine's "Unknown call-id" for a call it does not have. */
  async query(callId: string, tags: { fromTag?: string; toTag?: string } = {}): Promise<CallStats> {
    const reply = await this.client.request({ command: 'query', 'call-id': callId, 'from-tag': tags.fromTag, 'to-tag': tags.toTag });
    return readCallStats(reply) ?? { createdAt: 0, totals: { rtp: zero(), rtcp: zero() }, legs: [] };
  }

  /** Plays a file on rtpengine's machine (WAV, anything ffmpeg reads) to a participant; its length when known. */
  async playMedia(options: PlayMediaOptions): Promise<{ durationMs?: number }> {
    const reply = await this.client.request({
      command: 'play media',
      'call-id': options.callId,
      ...participant(options),
      file: 'file' in options ? options.file : undefined,
      blob: 'blob' in options ? options.blob : undefined,
      'repeat-times': options.repeatTimes,
    });
    return typeof reply.duration === 'number' ? { durationMs: reply.duration } : {};
  }

  async stopMedia(options: { callId: string } & Participant): Promise<void> {
    await this.client.request({ command: 'stop media', 'call-id': options.callId, ...participant(options) });
  }

  /** Stops forwarding a participant's RFC 4733 events to the other side (they are still reported). */
  async blockDtmf(options: { callId: string } & Partial<Participant>): Promise<void> {
    await this.client.request({ command: 'block DTMF', 'call-id': options.callId, ...participant(options) });
  }

  async unblockDtmf(options: { callId: string } & Partial<Participant>): Promise<void> {
    await this.client.request({ command: 'unblock DTMF', 'call-id': options.callId, ...participant(options) });
  }

  async statistics(): Promise<RtpengineStatistics> {
    const reply = await this.client.request({ command: 'statistics' });
    const s = obj(reply.statistics);
    const current = obj(s.currentstatistics);
    const total = obj(s.totalstatistics);
    return {
      sessions: { own: num(current.sessionsown), foreign: num(current.sessionsforeign), total: num(current.sessionstotal), transcodedMedia: num(current.transcodedmedia) },
      rates: { packets: num(current.packetrate), bytes: num(current.byterate), errors: num(current.errorrate) },
      totals: {
        uptimeSeconds: num(total.uptime),
        managedSessions: num(total.managedsessions),
        rejectedSessions: num(total.rejectedsessions),
        timeoutSessions: num(total.timeoutsessions),
        relayedPackets: num(total.relayedpackets),
        relayedPacketErrors: num(total.relayedpacketerrors),
      },
      raw: s,
    };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

function sdpRequest(command: 'offer' | 'answer', o: SdpOptions): NgRequest {
  return {
    command,
    'call-id': o.callId,
    'from-tag': o.fromTag,
    sdp: o.sdp,
    'via-branch': o.viaBranch,
    label: o.label,
    flags: o.flags,
    replace: o.replace,
    ICE: o.ice,
    'record call': o.recordCall,
    'transport protocol': o.transportProtocol,
    'media address': o.mediaAddress,
    'address family': o.addressFamily,
    direction: o.direction,
    codec: o.codec,
    ptime: o.ptime,
    DTLS: o.DTLS,
    SDES: o.SDES,
    'rtcp-mux': o.rtcpMux,
  };
}

function participant(p: Partial<Participant>): Record<string, NgRequestValue> {
  if ('all' in p && p.all) return { flags: ['all'] };
  if ('label' in p && p.label !== undefined) return { label: p.label };
  if ('fromTag' in p && p.fromTag !== undefined) return { 'from-tag': p.fromTag };
  return {};
}

function sdpResult(command: string, reply: NgDict): SdpResult {
  if (typeof reply.sdp !== 'string') throw new RtpengineError(command, 'protocol', 'the reply has no sdp');
  return withWarning({ sdp: reply.sdp }, reply);
}

function withWarning<T extends object>(result: T, reply: NgDict): T & { warning?: string } {
  return typeof reply.warning === 'string' ? { ...result, warning: reply.warning } : result;
}

const zero = () => ({ packets: 0, bytes: 0, errors: 0 });
const obj = (v: unknown): NgDict => (v && typeof v === 'object' && !Array.isArray(v) ? (v as NgDict) : {});
const num = (v: unknown): number => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
};
