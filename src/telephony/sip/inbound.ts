// Bytes from a transport to a message the stack may act on. Whatever arrives is either a request or
// response fit for the transaction layer, a 400 to send back to its source (a request broken but
// answerable), or dropped with a reason; nothing here throws. Requests get `received`/`rport` stamped.
import type { Peer, SipMessage, SipRequest, SipResponse } from './message.ts';
import { badRequestFor } from './bad-request.ts';
import { SipParseError } from './errors.ts';
import { parseMessage } from './parse.ts';
import { serializeMessage } from './serialize.ts';
import { validateMessage } from './validate.ts';
import { stampReceived } from './via-received.ts';

export type Inbound =
  | { kind: 'request'; request: SipRequest }
  | { kind: 'response'; response: SipResponse }
  /** Refused, but answerable: send this 400 back to the source. */
  | { kind: 'reply'; response: SipResponse; reason: string }
  /** Refused and unanswerable (or a keep-alive): nothing goes back. */
  | { kind: 'drop'; reason: string; keepalive?: boolean };

/** `input`: bytes to parse (a datagram, a WebSocket frame), or a message a stream framer parsed. */
export function readInbound(input: Buffer | SipMessage, source: Peer): Inbound {
  let message: SipMessage;
  if (Buffer.isBuffer(input)) {
    if (isKeepAlive(input)) return { kind: 'drop', reason: 'keep-alive', keepalive: true };
    try {
      message = parseMessage(input, { stream: source.transport === 'tcp' });
    } catch (error) {
      const reason = error instanceof SipParseError ? error.reason : `parser failure: ${String(error)}`;
      return refuse(input, reason);
    }
  } else {
    message = input;
  }
  const problem = problemWith(message);
  if (problem) return message.kind === 'request' ? refuse(Buffer.isBuffer(input) ? input : reserialized(input), problem) : { kind: 'drop', reason: problem };
  if (message.kind === 'response') return { kind: 'response', response: message };
  stampReceived(message, source);
  return { kind: 'request', request: message };
}

/** A parsed message back to bytes, for badRequestFor to read what it can (empty if it cannot be written). */
function reserialized(message: SipMessage): Buffer {
  try {
    return serializeMessage(message);
  } catch {
    return Buffer.alloc(0);
  }
}

function refuse(data: Buffer, reason: string): Inbound {
  const response = badRequestFor(data);
  return response ? { kind: 'reply', response, reason } : { kind: 'drop', reason };
}

/** What §8.2 requires of a request (§8.1.3.3 of a response), so the layers above never meet a malformed field. */
function problemWith(message: SipMessage): string | undefined {
  try {
    return validateMessage(message);
  } catch (error) {
    return `validation failure: ${String(error)}`;
  }
}

function isKeepAlive(data: Buffer): boolean {
  if (data.length > 4) return false;
  for (const byte of data) if (byte !== 0x0d && byte !== 0x0a) return false;
  return true;
}
