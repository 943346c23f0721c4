// Callers' key presses as rtpengine reports them. Started with --dtmf-log-dest=<host>:<port>,
// rtpengine sends one JSON datagram per RFC 4733 event when the event ends (the end packet, sent
// three times by phones, is reported once), naming the call, the tag of the participant who
// pressed, and the digit as an event code. The edge maps (call, tag) to its IVR.
import type dgram from 'node:dgram';
import { udpSocket } from '../../platform/udp-socket.ts';

export interface DtmfEvent {
  callId: string;
  /** The tag of the participant who pressed the key. */
  sourceTag: string;
  /** Every tag of the call. */
  tags: string[];
  /** '0'–'9', '*', '#', 'A'–'D'. */
  digit: string;
  /** The RFC 4733 event code (0–15). */
  event: number;
  durationMs: number;
  /** Power level, 0 to 63 (-dBm0). */
  volume: number;
  /** The address the event packets came from. */
  sourceIp: string;
  /** Unix seconds, rtpengine's clock. */
  timestamp: number;
}

export interface DtmfListenerOptions {
  /** Where to listen (default 127.0.0.1, port 0: any free one; give rtpengine the port it got). */
  host?: string;
  port?: number;
  /** Accept datagrams only from these addresses (rtpengine's); default: from anywhere. */
  allowFrom?: string[];
  onEvent: (event: DtmfEvent) => void;
  /** A datagram that is not an event, with why (counted by the edge, never fatal). */
  onInvalid?: (reason: string) => void;
}

const DIGITS = '0123456789*#ABCD';

/** One datagram's JSON to an event, or why not. */
export function parseDtmfEvent(text: string): DtmfEvent | { invalid: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { invalid: 'not JSON' };
  }
  if (!v || typeof v !== 'object') return { invalid: 'not an object' };
  const o = v as Record<string, unknown>;
  if (o.type !== undefined && o.type !== 'DTMF') return { invalid: `type ${String(o.type)}` };
  if (typeof o.callid !== 'string' || typeof o.source_tag !== 'string') return { invalid: 'no callid or source_tag' };
  if (typeof o.event !== 'number' || !Number.isInteger(o.event) || o.event < 0 || o.event >= DIGITS.length) return { invalid: `event ${String(o.event)}` };
  const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  return {
    callId: o.callid,
    sourceTag: o.source_tag,
    tags: Array.isArray(o.tags) ? o.tags.filter((t): t is string => typeof t === 'string') : [],
    digit: DIGITS[o.event]!,
    event: o.event,
    durationMs: n(o.duration),
    volume: n(o.volume),
    sourceIp: typeof o.source_ip === 'string' ? o.source_ip : '',
    timestamp: n(o.timestamp),
  };
}

export class DtmfListener {
  private constructor(
    private readonly socket: dgram.Socket,
    readonly address: string,
    readonly port: number,
  ) {}

  static async open(options: DtmfListenerOptions): Promise<DtmfListener> {
    const host = options.host ?? '127.0.0.1';
    // (a key press lost while the process is held up would leave the caller in the menu)
    const socket = udpSocket(host);
    const allow = options.allowFrom ? new Set(options.allowFrom) : undefined;
    socket.on('message', (msg, rinfo) => {
      if (allow && !allow.has(rinfo.address)) return options.onInvalid?.(`from ${rinfo.address}, not rtpengine`);
      const parsed = parseDtmfEvent(msg.toString('utf8'));
      if ('invalid' in parsed) options.onInvalid?.(parsed.invalid);
      else options.onEvent(parsed);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port ?? 0, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('error', (e) => options.onInvalid?.(`socket: ${e.message}`));
    const a = socket.address();
    return new DtmfListener(socket, a.address, a.port);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
