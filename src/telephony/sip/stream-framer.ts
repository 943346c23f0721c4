// Messages out of a byte stream (TCP now, WebSocket frames later): a message ends where its head's
// Content-Length says (mandatory on streams, RFC 3261 §18.3). Between messages, CRLFs are
// keep-alives (RFC 5626 §4.4.1): a double CRLF is a "ping" the transport answers with a CRLF
// "pong"; a single one is ignored. What is buffered never exceeds one message's size limit, and
// bytes are copied once per chunk (a peer trickling one byte at a time costs linear work). Any
// malformed frame throws SipParseError: a stream cannot be resynchronised, the transport closes it.

import type { SipMessage } from './message.ts';
import { PARSE_LIMITS, parseHead } from './parse.ts';
import type { ParsedHead } from './parse.ts';
import { SipParseError } from './errors.ts';

export interface Frames {
  /** Whole messages, in order. */
  messages: SipMessage[];
  /** Keep-alive pings (CRLFCRLF) seen between messages: answer each with a CRLF. */
  pings: number;
}

const CR = 0x0d;
const LF = 0x0a;

export class StreamFramer {
  private buf = Buffer.alloc(0);
  private start = 0;
  private end = 0;
  /** How far past `start` the search for the end of the head has looked. */
  private scanned = 0;
  /** The head of the message whose body is awaited, and where that body starts (past `start`). */
  private head: ParsedHead | undefined;
  /** LFs in the current run of CRLFs between messages: every second one ends a ping. */
  private lfRun = 0;
  private failed: SipParseError | undefined;

  constructor(readonly maxMessageBytes: number = PARSE_LIMITS.maxMessageBytes) {}

  /** Bytes buffered towards the next message. */
  get buffered(): number {
    return this.end - this.start;
  }

  /** Takes the next bytes of the stream; returns what they completed. Throws SipParseError on a malformed frame (and on every call after it). */
  push(chunk: Buffer): Frames {
    if (this.failed) throw this.failed;
    try {
      this.append(chunk);
      return this.extract();
    } catch (e) {
      if (e instanceof SipParseError) this.failed = e;
      throw e;
    }
  }

  private append(chunk: Buffer): void {
    const held = this.end - this.start;
    if (this.end + chunk.length > this.buf.length) {
      // Move what is held to the front, into a larger buffer when it does not fit.
      const target = held + chunk.length > this.buf.length ? Buffer.allocUnsafe(Math.max(held + chunk.length, this.buf.length * 2, 4096)) : this.buf;
      this.buf.copy(target, 0, this.start, this.end);
      this.buf = target;
      this.start = 0;
      this.end = held;
    }
    chunk.copy(this.buf, this.end);
    this.end += chunk.length;
  }

  private extract(): Frames {
    const frames: Frames = { messages: [], pings: 0 };
    for (;;) {
      if (!this.head) {
        frames.pings += this.skipKeepAlives();
        if (this.start === this.end) break;
        const headLength = this.findHeadEnd();
        if (headLength < 0) {
          if (this.end - this.start > this.maxMessageBytes) throw new SipParseError(`no end of the header section within ${this.maxMessageBytes} bytes`);
          break;
        }
        if (headLength > this.maxMessageBytes) throw new SipParseError(`the header section is longer than ${this.maxMessageBytes} bytes`);
        const head = parseHead(this.buf.subarray(this.start, this.start + headLength));
        if (head.contentLength === undefined) throw new SipParseError('no Content-Length: it is mandatory on a stream transport (RFC 3261 §18.3)');
        if (head.bodyStart + head.contentLength > this.maxMessageBytes) throw new SipParseError(`the message would be ${head.bodyStart + head.contentLength} bytes, more than ${this.maxMessageBytes}`);
        this.head = head;
      }
      const total = this.head.bodyStart + (this.head.contentLength as number);
      if (this.end - this.start < total) break;
      const message = this.head.message;
      message.body = Buffer.from(this.buf.subarray(this.start + this.head.bodyStart, this.start + total));
      frames.messages.push(message);
      this.start += total;
      this.head = undefined;
      this.scanned = 0;
    }
    if (this.start === this.end) this.start = this.end = 0;
    return frames;
  }

  /** Consumes CR and LF bytes before a message; returns the pings completed. */
  private skipKeepAlives(): number {
    let pings = 0;
    while (this.start < this.end) {
      const b = this.buf[this.start];
      if (b === LF) {
        this.lfRun++;
        if (this.lfRun === 2) {
          pings++;
          this.lfRun = 0;
        }
      } else if (b !== CR) {
        this.lfRun = 0;
        break;
      }
      this.start++;
    }
    return pings;
  }

  /** The head's length (through its empty line: LF LF or LF CR LF), or -1 when it has not all come yet. */
  private findHeadEnd(): number {
    const { buf, start, end } = this;
    let i = start + this.scanned;
    for (;;) {
      const lf = buf.indexOf(LF, i);
      if (lf < 0 || lf >= end) {
        this.scanned = end - start;
        return -1;
      }
      if (lf + 1 >= end || (buf[lf + 1] === CR && lf + 2 >= end)) {
        // Cannot tell yet whether this line break ends the head: look here again next time.
        this.scanned = lf - start;
        return -1;
      }
      if (buf[lf + 1] === LF) return lf + 2 - start;
      if (buf[lf + 1] === CR && buf[lf + 2] === LF) return lf + 3 - start;
      i = lf + 1;
    }
  }
}
