// A call's figures as `query` and `delete` report them, read into a shape the edge logs at the end
// of each call. rtpengine counts per participant (tag) what it received from that participant's
// endpoint, so one leg's figures are one direction: the caller's leg is caller → operator.
import type { NgDict, NgValue } from './ng-message.ts';

export interface PacketCounts {
  packets: number;
  bytes: number;
  errors: number;
}

export interface LegStats {
  /** The SIP tag rtpengine knows this participant by (From-tag or To-tag). */
  tag: string;
  label?: string;
  /** RTP received from this participant (summed over its media). */
  rtp: PacketCounts;
  rtcp: PacketCounts;
  /** rtpengine's local RTP port for this participant, where known. */
  localPort?: number;
  /** Where rtpengine sends this participant's media: learnt or from its SDP. */
  endpoint?: { address: string; port: number };
  codec?: string;
  /** Unix seconds of the last packet received from this participant (0: none). */
  lastPacketAt: number;
}

export interface CallStats {
  /** Unix seconds. */
  createdAt: number;
  totals: { rtp: PacketCounts; rtcp: PacketCounts };
  legs: LegStats[];
}

const zero = (): PacketCounts => ({ packets: 0, bytes: 0, errors: 0 });

function dict(v: NgValue | undefined): NgDict | undefined {
  return v !== undefined && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}
function list(v: NgValue | undefined): NgValue[] {
  return Array.isArray(v) ? v : [];
}
function num(v: NgValue | undefined): number {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}
function counts(v: NgValue | undefined): PacketCounts {
  const d = dict(v);
  return { packets: num(d?.packets), bytes: num(d?.bytes), errors: num(d?.errors) };
}
function add(a: PacketCounts, b: PacketCounts): void {
  a.packets += b.packets;
  a.bytes += b.bytes;
  a.errors += b.errors;
}

/** Reads a `query` or `delete` reply; undefined when it carries no figures (a delete of an unknown call). */
export function readCallStats(reply: NgDict): CallStats | undefined {
  const tags = dict(reply.tags);
  const totals = dict(reply.totals);
  if (!tags && !totals) return undefined;
  const legs: LegStats[] = [];
  for (const [key, value] of Object.entries(tags ?? {})) {
    const t = dict(value);
    if (!t) continue;
    const leg: LegStats = { tag: typeof t.tag === 'string' ? t.tag : key, rtp: zero(), rtcp: zero(), lastPacketAt: 0 };
    if (typeof t.label === 'string' && t.label) leg.label = t.label;
    for (const m of list(t.medias)) {
      const media = dict(m);
      if (typeof media?.codec === 'string' && !leg.codec) leg.codec = media.codec;
      for (const s of list(media?.streams)) {
        const stream = dict(s);
        if (!stream) continue;
        const isRtcp = list(stream.flags).includes('RTCP');
        add(isRtcp ? leg.rtcp : leg.rtp, counts(stream.stats));
        leg.lastPacketAt = Math.max(leg.lastPacketAt, num(stream['last packet']));
        if (!isRtcp) {
          if (stream['local port'] !== undefined && leg.localPort === undefined) leg.localPort = num(stream['local port']);
          const ep = dict(stream.endpoint);
          if (ep && typeof ep.address === 'string' && !leg.endpoint) leg.endpoint = { address: ep.address, port: num(ep.port) };
        }
      }
    }
    legs.push(leg);
  }
  return { createdAt: num(reply.created), totals: { rtp: counts(totals?.RTP), rtcp: counts(totals?.RTCP) }, legs };
}
