// RTP endpoints for media tests: a UDP socket that sends RTP (RFC 3550) and RFC 4733 DTMF events,
// and records what arrives; the SDP that describes it; the address and port an SDP names for audio.
import dgram from 'node:dgram';

export const PCMA = 8;
export const PCMU = 0;
export const TELEPHONE_EVENT = 101;

export interface RtpPacket {
  payloadType: number;
  marker: boolean;
  seq: number;
  timestamp: number;
  ssrc: number;
  payload: Buffer;
}

export function encodeRtp(p: RtpPacket): Buffer {
  const h = Buffer.alloc(12);
  h[0] = 0x80; // version 2, no padding, extension or CSRCs
  h[1] = (p.marker ? 0x80 : 0) | (p.payloadType & 0x7f);
  h.writeUInt16BE(p.seq & 0xffff, 2);
  h.writeUInt32BE(p.timestamp >>> 0, 4);
  h.writeUInt32BE(p.ssrc >>> 0, 8);
  return Buffer.concat([h, p.payload]);
}

export function decodeRtp(b: Buffer): RtpPacket | undefined {
  if (b.length < 12 || b[0]! >> 6 !== 2) return undefined;
  const csrcs = b[0]! & 0x0f;
  return { payloadType: b[1]! & 0x7f, marker: (b[1]! & 0x80) !== 0, seq: b.readUInt16BE(2), timestamp: b.readUInt32BE(4), ssrc: b.readUInt32BE(8), payload: b.subarray(12 + 4 * csrcs) };
}

/** The RFC 4733 payload: event, end bit and volume, duration in timestamp units. */
export function dtmfPayload(event: number, end: boolean, duration: number, volume = 10): Buffer {
  const b = Buffer.alloc(4);
  b[0] = event;
  b[1] = (end ? 0x80 : 0) | (volume & 0x3f);
  b.writeUInt16BE(duration, 2);
  return b;
}

/** Plain RTP audio, PCMA and PCMU at 8 kHz, with telephone-event, as a trunk or desk phone offers it. */
export function audioSdp(port: number, sessionId: number): string {
  return [
    'v=0',
    `o=- ${sessionId} 1 IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${port} RTP/AVP ${PCMA} ${PCMU} ${TELEPHONE_EVENT}`,
    `a=rtpmap:${PCMA} PCMA/8000`,
    `a=rtpmap:${PCMU} PCMU/8000`,
    `a=rtpmap:${TELEPHONE_EVENT} telephone-event/8000`,
    `a=fmtp:${TELEPHONE_EVENT} 0-16`,
    'a=ptime:20',
    'a=sendrecv',
    '',
  ].join('\r\n');
}

/** Where an SDP wants its audio: the media-level c= line, else the session's, and the m=audio port. */
export function audioEndpoint(sdp: string): { address: string; port: number; payloadTypes: number[] } {
  const lines = sdp.split(/\r?\n/);
  const m = lines.findIndex((l) => l.startsWith('m=audio '));
  if (m < 0) throw new Error(`no m=audio in SDP:\n${sdp}`);
  const [, port, , ...pts] = lines[m]!.slice(2).split(' ');
  const next = lines.findIndex((l, i) => i > m && l.startsWith('m='));
  const mediaC = lines.slice(m, next < 0 ? undefined : next).find((l) => l.startsWith('c='));
  const c = mediaC ?? lines.slice(0, m).find((l) => l.startsWith('c='));
  if (!c) throw new Error(`no c= line for audio in SDP:\n${sdp}`);
  return { address: c.split(' ')[2]!, port: Number(port), payloadTypes: pts.map(Number) };
}

/** A UDP endpoint that sends RTP with one SSRC and keeps every RTP packet it receives. */
export class RtpPeer {
  readonly received: RtpPacket[] = [];
  /** Where the last packet came from: rtpengine's port for this peer, once it has sent something. */
  source: { address: string; port: number } | undefined;
  private seq = Math.floor(Math.random() * 1000);
  private timestamp = Math.floor(Math.random() * 100000);
  readonly ssrc = Math.floor(Math.random() * 0xffffffff);
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly socket: dgram.Socket,
    readonly port: number,
  ) {
    socket.on('message', (msg, rinfo) => {
      const p = decodeRtp(msg);
      if (!p) return;
      this.received.push(p);
      this.source = { address: rinfo.address, port: rinfo.port };
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async open(): Promise<RtpPeer> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new RtpPeer(socket, socket.address().port);
  }

  send(to: { address: string; port: number }, packet: Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.send(packet, to.port, to.address, (e) => (e ? reject(e) : resolve())));
  }

  /** `count` packets of 20 ms of A-law silence-ish audio, paced 20 ms apart. */
  async sendAudio(to: { address: string; port: number }, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      await this.send(to, encodeRtp({ payloadType: PCMA, marker: i === 0, seq: this.seq++, timestamp: this.timestamp, ssrc: this.ssrc, payload: Buffer.alloc(160, 0xd5) }));
      this.timestamp += 160;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** A key press as RFC 4733 events: start (marker), updates every 20 ms, three end packets; one timestamp throughout. */
  async sendDtmf(to: { address: string; port: number }, digit: number, durationMs = 200): Promise<void> {
    const start = this.timestamp;
    const steps = Math.max(1, Math.round(durationMs / 20));
    for (let i = 1; i <= steps; i++) {
      const end = i === steps;
      const copies = end ? 3 : 1;
      for (let c = 0; c < copies; c++) {
        await this.send(to, encodeRtp({ payloadType: TELEPHONE_EVENT, marker: i === 1, seq: this.seq++, timestamp: start, ssrc: this.ssrc, payload: dtmfPayload(digit, end, i * 160) }));
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    this.timestamp = start + steps * 160;
  }

  /** Resolves once `predicate` holds for what has been received, or rejects after `ms`. */
  async waitFor(predicate: (received: RtpPacket[]) => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate(this.received)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`RTP peer on ${this.port}: condition not met in ${ms} ms (${this.received.length} packets received)`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

/** The RTP peers a test file opens, each closed by close() (in its afterAll). */
export function rtpPeers(): { open(): Promise<RtpPeer>; close(): Promise<void> } {
  const opened: RtpPeer[] = [];
  return {
    async open() {
      const p = await RtpPeer.open();
      opened.push(p);
      return p;
    },
    close: async () => void (await Promise.all(opened.splice(0).map((p) => p.close()))),
  };
}
