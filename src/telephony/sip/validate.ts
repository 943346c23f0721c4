// What a parsed message must carry before the edge acts on it (RFC 3261 §8.2, §8.1.3.3), and the
// response a UAS builds to a request (§8.2.6). parse.ts checks only the message's frame; here each
// field the transaction and dialog layers rely on is parsed, so they never meet a malformed one.

import { header, headers } from './message.ts';
import type { HeaderField, SipMessage, SipRequest, SipResponse } from './message.ts';
import { SipParseError } from './errors.ts';
import { excerpt, hasControl } from './lexical.ts';
import { parseCSeq } from './cseq.ts';
import { parseNameAddr, tagOf } from './name-addr.ts';
import { parseDeltaSeconds, parseMaxForwards, parseRetryAfter } from './numbers.ts';
import { parseUri, uriScheme } from './uri.ts';
import { parseVia } from './via.ts';

/** Why a request must be answered 400 (the reason text), or undefined when it carries what §8.2 requires. */
export function validateRequest(req: SipRequest): string | undefined {
  return reasonOf(() => {
    const scheme = uriScheme(req.uri);
    if (scheme === 'sip' || scheme === 'sips') {
      // Headers in a Request-URI are not allowed (§19.1.5; RFC 4475 §3.1.2.11).
      if (parseUri(req.uri).headers.length > 0) throw new SipParseError('the Request-URI must not have headers (?…)');
    }
    checkCommon(req);
    const cseq = parseCSeq(single(req, 'CSeq'));
    if (cseq.method !== req.method) throw new SipParseError(`the CSeq method ${excerpt(cseq.method)} is not the request's method ${excerpt(req.method)}`);
    parseMaxForwards(single(req, 'Max-Forwards'));
    for (const c of headers(req, 'Contact')) {
      if (c === '*' && req.method === 'REGISTER') continue;
      const expires = parseNameAddr(c, 'Contact').params.get('expires');
      if (expires !== undefined && expires !== null) parseDeltaSeconds(expires, "Contact's expires");
    }
    for (const name of ['Route', 'Record-Route']) for (const v of headers(req, name)) parseNameAddr(v, name);
    const expires = optionalSingle(req, 'Expires');
    if (expires !== undefined) parseDeltaSeconds(expires);
  });
}

/** Why a response must be dropped (§8.1.3.3 and RFC 4475 §3.1.2.5), or undefined when it is well-formed enough to match a transaction. */
export function validateResponse(res: SipResponse): string | undefined {
  return reasonOf(() => {
    checkCommon(res);
    parseCSeq(single(res, 'CSeq'));
    for (const c of headers(res, 'Contact')) parseNameAddr(c, 'Contact');
    for (const w of headers(res, 'Warning')) {
      // warning-value = warn-code(3DIGIT) SP warn-agent SP warn-text
      if (!/^\d{3} \S+ "/.test(w)) throw new SipParseError(`Warning ${excerpt(w)} does not start with a 3-digit code and an agent`);
    }
    const retry = optionalSingle(res, 'Retry-After');
    if (retry !== undefined) parseRetryAfter(retry);
  });
}

/** validateRequest or validateResponse, whichever fits. */
export function validateMessage(m: SipMessage): string | undefined {
  return m.kind === 'request' ? validateRequest(m) : validateResponse(m);
}

/** To, From, Call-ID, Via and Date: the fields requests and responses share. */
function checkCommon(m: SipMessage): void {
  parseNameAddr(single(m, 'To'), 'To');
  parseNameAddr(single(m, 'From'), 'From');
  const callId = single(m, 'Call-ID');
  // callid = word [ "@" word ]; word's characters are all visible ASCII but ';' '@' ',' '=' '&' '#' '$' '^' '|'
  if (!/^[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+(?:@[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+)?$/.test(callId)) throw new SipParseError(`Call-ID ${excerpt(callId)} is not word[@word]`);
  const vias = headers(m, 'Via');
  if (vias.length === 0) throw new SipParseError('no Via header field');
  for (const v of vias) parseVia(v);
  const date = optionalSingle(m, 'Date');
  // rfc1123-date, always GMT (§20.17; RFC 4475 §3.1.2.12)
  if (date !== undefined && !/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(date)) {
    throw new SipParseError(`Date ${excerpt(date)} is not an RFC 1123 date in GMT`);
  }
}

function single(m: SipMessage, name: string): string {
  const v = optionalSingle(m, name);
  if (v === undefined) throw new SipParseError(`no ${name} header field`);
  return v;
}

function optionalSingle(m: SipMessage, name: string): string | undefined {
  const all = headers(m, name);
  if (all.length > 1) throw new SipParseError(`more than one ${name} header field`);
  return all[0];
}

function reasonOf(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (e) {
    if (e instanceof SipParseError) return e.reason;
    throw e;
  }
}

export interface ResponseExtra {
  /** Added to To when it has no tag yet (a UAS tags every response but 100 Trying, §8.2.6.2). */
  toTag?: string;
  /** Appended after the copied fields. */
  headers?: HeaderField[];
  body?: Buffer;
}

/** A response to `req` (§8.2.6): its Vias in order, From, To (tagged when asked), Call-ID, CSeq, and Timestamp for a 100. */
export function responseTo(req: SipRequest, status: number, reason: string, extra: ResponseExtra = {}): SipResponse {
  const out: HeaderField[] = req.headers.filter((h) => h.name === 'Via').map((h) => ({ name: h.name, value: h.value }));
  const copy = (name: string, value = header(req, name)) => {
    if (value !== undefined) out.push({ name, value });
  };
  copy('From');
  const to = header(req, 'To');
  copy('To', to !== undefined && extra.toTag !== undefined && tagOf(to) === undefined ? `${to};tag=${extra.toTag}` : to);
  copy('Call-ID');
  copy('CSeq');
  if (status === 100) copy('Timestamp');
  out.push(...(extra.headers ?? []));
  return { kind: 'response', status, reason: reasonPhrase(reason), headers: out, body: extra.body ?? Buffer.alloc(0) };
}

/**
 * A reason phrase as the grammar allows it (§25.1: no quotes, brackets or controls; UTF-8 is fine),
 * at most 200 characters: validation reasons quote the peer's input, which must not break the line.
 */
export function reasonPhrase(text: string): string {
  const cleaned = (hasControl(text) ? text.replace(/[\p{Cc}]/gu, ' ') : text).replace(/["<>\\[\]{}^`|#%]/g, "'");
  return cleaned.length > 200 ? `${cleaned.slice(0, 199)}…` : cleaned;
}
