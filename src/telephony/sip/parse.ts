// Bytes to a SipMessage (RFC 3261 §7 and §25). The parser is the edge's first contact with whatever
// the network sends, so it is strict where the grammar is (start line, header names, Content-Length),
// bounded everywhere (message size, lines, fields) so hostile input costs little, and throws only
// SipParseError. It checks syntax only: what a request must carry (§8.2) is validate.ts's job, and
// the parts of a value (URIs, Via, CSeq) are parsed on demand by uri.ts, via.ts, cseq.ts.

import { canonicalName } from './message.ts';
import type { HeaderField, SipMessage } from './message.ts';
import { TOKEN, excerpt as quote, hasControl, trimLws } from './lexical.ts';
import { SipParseError } from './errors.ts';

export { SipParseError };

export const PARSE_LIMITS = {
  /** The largest message taken, head and body (a UDP datagram is at most 64 KiB anyway). */
  maxMessageBytes: 65_536,
  /** Lines in the head, continuation lines included. */
  maxLines: 512,
  /** Bytes in one physical line. */
  maxLineBytes: 8_192,
  /** A header field with its continuation lines joined (below maxLineBytes, so a field always fits one line when written again). */
  maxFieldBytes: 8_000,
  /** Header fields after comma-separated lists are split (below maxLines, so they fit one a line when written again). */
  maxFields: 500,
} as const;

export interface ParseOptions {
  /** From a stream (TCP, WS): Content-Length is mandatory and must be exactly the bytes that follow (RFC 3261 §18.3). */
  stream?: boolean;
}

// Headers whose grammar is a comma-separated list (RFC 3261 §20 and extensions): each element becomes
// its own field, as if it had been sent on its own line (§7.3.1). Not split: Authorization,
// WWW-Authenticate, Proxy-Authenticate/-Authorization and Authentication-Info (commas separate their
// parameters), Date (its value has a comma) and any header this list does not know.
const LIST_HEADERS = new Set([
  'Accept',
  'Accept-Contact',
  'Accept-Encoding',
  'Accept-Language',
  'Accept-Resource-Priority',
  'Alert-Info',
  'Allow',
  'Allow-Events',
  'Call-Info',
  'Contact',
  'Content-Encoding',
  'Content-Language',
  'Error-Info',
  'History-Info',
  'In-Reply-To',
  'P-Asserted-Identity',
  'P-Preferred-Identity',
  'Path',
  'Proxy-Require',
  'Reason',
  'Record-Route',
  'Reject-Contact',
  'Request-Disposition',
  'Require',
  'Resource-Priority',
  'Route',
  'Security-Client',
  'Security-Server',
  'Security-Verify',
  'Service-Route',
  'Supported',
  'Unsupported',
  'Via',
  'Warning',
]);

const CR = 0x0d;
const LF = 0x0a;
const SCHEME_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const VERSION = /^SIP\/(\d{1,3})\.(\d{1,3})$/i;
const STATUS_LINE = /^SIP\/(\d{1,3})\.(\d{1,3}) (\d{3})(?: ([^\r\n]*))?$/i;

/** Parses one message. A datagram may carry bytes after the body (they are dropped, §18.3); a stream frame may not. */
export function parseMessage(data: Buffer, opts: ParseOptions = {}): SipMessage {
  if (data.length > PARSE_LIMITS.maxMessageBytes) throw new SipParseError(`the message has ${data.length} bytes, more than the limit of ${PARSE_LIMITS.maxMessageBytes}`);
  const head = parseHead(data);
  head.message.body = readBody(data, head, opts.stream === true);
  return head.message;
}

/** A message's head: the message with an empty body, where its body starts, and its Content-Length if it has one. */
export interface ParsedHead {
  message: SipMessage;
  bodyStart: number;
  contentLength: number | undefined;
}

/**
 * Parses the start line and header fields of the message at the start of `data` (leading CRLFs
 * skipped), up to and including the empty line. The stream framer calls it as soon as a head is
 * complete, to learn how many body bytes to wait for.
 */
export function parseHead(data: Buffer): ParsedHead {
  const { lines, bodyStart } = splitHead(data);
  const startLine = lines[0] as string;
  const headers = parseHeaders(lines);
  const contentLength = readContentLength(headers);
  const body = Buffer.alloc(0);
  if (/^SIP\//i.test(startLine)) {
    const m = STATUS_LINE.exec(startLine);
    if (!m) throw new SipParseError(`line 1: not a status line (SIP/2.0 SP 3-digit code SP reason): ${quote(startLine)}`);
    checkVersion(m[1] as string, m[2] as string);
    const status = Number(m[3]);
    if (status < 100 || status > 699) throw new SipParseError(`line 1: status code ${status} is not between 100 and 699`);
    return { message: { kind: 'response', status, reason: m[4] ?? '', headers, body }, bodyStart, contentLength };
  }
  const parts = startLine.split(' ');
  if (parts.length !== 3) throw new SipParseError(`line 1: a request line is Method SP Request-URI SP SIP/2.0, with single spaces and nothing after: ${quote(startLine)}`);
  const [method, uri, version] = parts as [string, string, string];
  if (!TOKEN.test(method)) throw new SipParseError(`line 1: the method ${quote(method)} is not a token`);
  if (!SCHEME_URI.test(uri) || hasControl(uri)) throw new SipParseError(`line 1: the Request-URI ${quote(uri)} is not an absolute URI`);
  const v = VERSION.exec(version);
  if (!v) throw new SipParseError(`line 1: ${quote(version)} is not a SIP version`);
  checkVersion(v[1] as string, v[2] as string);
  return { message: { kind: 'request', method, uri, headers, body }, bodyStart, contentLength };
}

function checkVersion(major: string, minor: string): void {
  if (Number(major) !== 2 || Number(minor) !== 0) throw new SipParseError(`line 1: SIP version ${Number(major)}.${Number(minor)} is not supported (only 2.0)`);
}

/** The head's lines (start line first, CRLF or a bare LF removed) and where the body starts. */
function splitHead(data: Buffer): { lines: string[]; bodyStart: number } {
  // CRLFs before the start line are ignored (§7.5): keep-alives and stream leftovers.
  let pos = 0;
  while (pos < data.length && (data[pos] === CR || data[pos] === LF)) pos++;
  if (pos === data.length) throw new SipParseError('the message is empty');
  const lines: string[] = [];
  for (;;) {
    const lf = data.indexOf(LF, pos);
    if (lf < 0) throw new SipParseError(`the header section does not end with an empty line (after line ${lines.length})`);
    const end = lf > pos && data[lf - 1] === CR ? lf - 1 : lf;
    if (end === pos) return { lines, bodyStart: lf + 1 };
    if (end - pos > PARSE_LIMITS.maxLineBytes) throw new SipParseError(`line ${lines.length + 1} is longer than ${PARSE_LIMITS.maxLineBytes} bytes`);
    if (lines.length >= PARSE_LIMITS.maxLines) throw new SipParseError(`the head has more than ${PARSE_LIMITS.maxLines} lines`);
    if (data.subarray(pos, end).includes(CR)) throw new SipParseError(`line ${lines.length + 1} has a CR that does not end it`);
    lines.push(data.toString('utf8', pos, end));
    pos = lf + 1;
  }
}

/** Header lines to fields: continuation lines folded in, names canonical, list headers split. */
function parseHeaders(lines: string[]): HeaderField[] {
  // Each field's physical lines; a continuation line (LWS, §7.3.1) joins the field above with one space.
  const raw: { parts: string[]; bytes: number; line: number }[] = [];
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i] as string;
    let field = raw[raw.length - 1];
    if (text[0] === ' ' || text[0] === '\t') {
      if (!field) throw new SipParseError(`line ${i + 1} starts with whitespace but there is no header field before it to continue`);
      const part = trimLws(text);
      field.parts.push(part);
      field.bytes += 1 + Buffer.byteLength(part);
    } else {
      field = { parts: [text], bytes: Buffer.byteLength(text), line: i + 1 };
      raw.push(field);
    }
    if (field.bytes > PARSE_LIMITS.maxFieldBytes) throw new SipParseError(`line ${field.line}: the header field is longer than ${PARSE_LIMITS.maxFieldBytes} bytes`);
  }
  const fields: HeaderField[] = [];
  for (const { parts, line } of raw) {
    const text = parts.length === 1 ? (parts[0] as string) : [trimLws(parts[0] as string), ...parts.slice(1)].join(' ');
    const colon = text.indexOf(':');
    if (colon < 0) throw new SipParseError(`line ${line}: a header field needs a colon: ${quote(text)}`);
    const rawName = trimLws(text.slice(0, colon));
    if (!TOKEN.test(rawName)) throw new SipParseError(`line ${line}: ${quote(rawName)} is not a header name`);
    const name = canonicalName(rawName);
    const value = trimLws(text.slice(colon + 1));
    const values = LIST_HEADERS.has(name) ? splitList(value, name, line) : [value];
    for (const v of values) fields.push({ name, value: v });
    if (fields.length > PARSE_LIMITS.maxFields) throw new SipParseError(`more than ${PARSE_LIMITS.maxFields} header fields`);
  }
  return fields;
}

/** Elements of a comma-separated list; commas inside quoted strings and <URIs> do not separate. Empty elements are dropped. */
export function splitList(value: string, name: string, line: number): string[] {
  const parts: string[] = [];
  let from = 0;
  let inQuote = false;
  let inAngle = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (inQuote) {
      if (c === '\\') i++;
      else if (c === '"') inQuote = false;
    } else if (c === '"') inQuote = true;
    else if (c === '<') inAngle = true;
    else if (c === '>') inAngle = false;
    else if (c === ',' && !inAngle) {
      parts.push(value.slice(from, i));
      from = i + 1;
    }
  }
  if (inQuote) throw new SipParseError(`line ${line}: ${name} has a quoted string with no closing quote`);
  parts.push(value.slice(from));
  const elements = parts.map(trimLws).filter((p) => p !== '');
  // A list header may be empty (`Supported:`); it stays, as one empty field.
  return elements.length > 0 ? elements : [''];
}

function readContentLength(headers: HeaderField[]): number | undefined {
  let length: number | undefined;
  for (const h of headers) {
    if (h.name !== 'Content-Length') continue;
    if (!/^\d{1,10}$/.test(h.value)) throw new SipParseError(`Content-Length ${quote(h.value)} is not a number of bytes`);
    const n = Number(h.value);
    if (length !== undefined && n !== length) throw new SipParseError(`two Content-Length fields disagree (${length} and ${n})`);
    length = n;
  }
  return length;
}

function readBody(data: Buffer, head: ParsedHead, stream: boolean): Buffer {
  const { bodyStart: start, contentLength: length } = head;
  const available = data.length - start;
  if (length === undefined) {
    if (stream) throw new SipParseError('no Content-Length: it is mandatory on a stream transport (RFC 3261 §18.3)');
    return Buffer.from(data.subarray(start));
  }
  if (length > available) throw new SipParseError(`Content-Length is ${length} but only ${available} bytes follow the header section`);
  if (stream && length < available) throw new SipParseError(`Content-Length is ${length} but ${available} bytes follow the header section in this frame`);
  // Over UDP, octets past Content-Length are discarded (§18.3).
  return Buffer.from(data.subarray(start, start + length));
}
