// A SIP message as the edge handles it (RFC 3261 §7): a request or a response, its header fields in
// the order they came (names canonical, compact forms expanded), and a raw body. Parsing lives in
// parse.ts and writing in serialize.ts; this file holds the shapes every other part shares.

/** One header field. `name` is canonical (`Via`, `Call-ID`, `CSeq`…), `value` as received, trimmed. */
export interface HeaderField {
  name: string;
  value: string;
}

export interface SipRequest {
  kind: 'request';
  method: string;
  /** The Request-URI as written; parse it with parseUri() when you need its parts. */
  uri: string;
  headers: HeaderField[];
  body: Buffer;
}

export interface SipResponse {
  kind: 'response';
  status: number;
  reason: string;
  headers: HeaderField[];
  body: Buffer;
}

export type SipMessage = SipRequest | SipResponse;

/** Where a message came from or goes to, and over what. */
export interface Peer {
  transport: 'udp' | 'tcp' | 'ws';
  address: string;
  port: number;
}

/** The value of the first field with this name (case-insensitive, compact forms too), or undefined. */
export function header(message: SipMessage, name: string): string | undefined {
  const want = canonicalName(name);
  return message.headers.find((h) => h.name === want)?.value;
}

/** Every value of a field, in order (a field may repeat, or carry a comma-separated list: both are split by the parser). */
export function headers(message: SipMessage, name: string): string[] {
  const want = canonicalName(name);
  return message.headers.filter((h) => h.name === want).map((h) => h.value);
}

/** Compact forms (RFC 3261 §7.3.3 and later RFCs) to their full names. */
const COMPACT: Record<string, string> = {
  i: 'Call-ID',
  m: 'Contact',
  e: 'Content-Encoding',
  l: 'Content-Length',
  c: 'Content-Type',
  f: 'From',
  s: 'Subject',
  k: 'Supported',
  t: 'To',
  v: 'Via',
  o: 'Event',
  r: 'Refer-To',
  b: 'Referred-By',
  x: 'Session-Expires',
  u: 'Allow-Events',
};

/** Names whose usual spelling is not plain Title-Case. */
const SPECIAL: Record<string, string> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'mime-version': 'MIME-Version',
  rack: 'RAck',
  rseq: 'RSeq',
  'min-se': 'Min-SE',
};

/** The names most messages carry, by their exact and lower-case spellings: most look-ups end here (the parser and header() ask for every field). */
const COMMON =
  'Via Max-Forwards To From Call-ID CSeq Contact Content-Type Content-Length Route Record-Route Allow Supported Require Expires User-Agent Server Authorization WWW-Authenticate Proxy-Authorization Proxy-Authenticate Date Subject Timestamp Session-Expires Min-SE Allow-Events Event Accept Retry-After Reason Warning P-Asserted-Identity';
const KNOWN = new Map<string, string>();
for (const n of COMMON.split(' ')) {
  KNOWN.set(n, n);
  KNOWN.set(n.toLowerCase(), n);
}

/** The canonical spelling of a header name: `call-id` → `Call-ID`, `v` → `Via`, `x-foo` → `X-Foo`. */
export function canonicalName(name: string): string {
  const known = KNOWN.get(name);
  if (known !== undefined) return known;
  const lower = name.toLowerCase();
  const knownLower = KNOWN.get(lower);
  if (knownLower !== undefined) return knownLower;
  if (lower.length === 1 && COMPACT[lower]) return COMPACT[lower];
  if (SPECIAL[lower]) return SPECIAL[lower];
  return lower.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}
