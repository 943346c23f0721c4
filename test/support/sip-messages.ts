// SIP messages built field by field for the transaction tests (no parser involved), and a sender that
// records what a transaction sent and when on a ManualClock.
import type { HeaderField, SipMessage, SipRequest, SipResponse } from '../../src/telephony/sip/message.ts';
import { header } from '../../src/telephony/sip/message.ts';
import type { Clock } from '../../src/telephony/sip/transactions/clock.ts';

export interface RequestShape {
  branch?: string;
  sentBy?: string;
  transport?: string;
  cseq?: number;
  callId?: string;
  fromTag?: string;
  toTag?: string;
  uri?: string;
  extra?: HeaderField[];
  /** Leave the Via out (the stack adds its own). */
  noVia?: boolean;
}

export function request(method: string, shape: RequestShape = {}): SipRequest {
  const { branch = 'z9hG4bK-1', sentBy = '192.0.2.10:5060', transport = 'UDP', cseq = 1, callId = 'call-1@192.0.2.10', fromTag = 'from-1' } = shape;
  const headers: HeaderField[] = [
    { name: 'Via', value: `SIP/2.0/${transport} ${sentBy};branch=${branch}` },
    { name: 'Max-Forwards', value: '70' },
    { name: 'From', value: `"Caller" <sip:caller@example.com>;tag=${fromTag}` },
    { name: 'To', value: `<sip:122@example.com>${shape.toTag ? `;tag=${shape.toTag}` : ''}` },
    { name: 'Call-ID', value: callId },
    { name: 'CSeq', value: `${cseq} ${method}` },
    ...(shape.extra ?? []),
    { name: 'Content-Length', value: '0' },
  ];
  return { kind: 'request', method, uri: shape.uri ?? 'sip:122@example.com', headers: shape.noVia ? headers.slice(1) : headers, body: Buffer.alloc(0) };
}

/** A response to `req` (its Via, From, To with `toTag`, Call-ID, CSeq). */
export function response(req: SipRequest, status: number, toTag?: string): SipResponse {
  const copy = req.headers.filter((h) => ['Via', 'From', 'Call-ID', 'CSeq'].includes(h.name));
  const to = header(req, 'To')!;
  const headers: HeaderField[] = [...copy, { name: 'To', value: toTag && !/;tag=/.test(to) ? `${to};tag=${toTag}` : to }, { name: 'Content-Length', value: '0' }];
  return { kind: 'response', status, reason: `Status ${status}`, headers, body: Buffer.alloc(0) };
}

export interface Sent {
  at: number;
  message: SipMessage;
}

/** A Send that records each message with the clock's time; `fail` makes the next sends reject. */
export function recorder(clock: Clock) {
  const sent: Sent[] = [];
  const state = { fail: undefined as Error | undefined };
  const send = (message: SipMessage): Promise<void> => {
    sent.push({ at: clock.now(), message });
    return state.fail ? Promise.reject(state.fail) : Promise.resolve();
  };
  return {
    send,
    sent,
    times: () => sent.map((s) => s.at),
    fail(error: Error) {
      state.fail = error;
    },
  };
}

/** A description of a sent message for assertions: `INVITE`, `ACK`, `486`. */
export function label(message: SipMessage): string {
  return message.kind === 'request' ? message.method : String(message.status);
}

/** Resolves with the first `count` values an event source gives (for tests over real sockets: no timing). */
export function collect<T>(subscribe: (push: (value: T) => void) => void, count: number): Promise<T[]> {
  return new Promise((resolve) => {
    const got: T[] = [];
    subscribe((value) => {
      got.push(value);
      if (got.length === count) resolve(got);
    });
  });
}
