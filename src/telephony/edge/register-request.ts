// What a REGISTER asks of the bindings (RFC 3261 §10.2, §10.3 step 6), read without touching them:
// each Contact with the expiry granted (its expires parameter, else the Expires header, else the
// default; above the maximum cut to it; below the minimum refused with 423), `*` to remove them all,
// or nothing (a query for the current bindings). The message has passed validate.ts already.
import { header, headers } from '../sip/message.ts';
import type { SipRequest } from '../sip/message.ts';
import { parseNameAddr } from '../sip/name-addr.ts';
import type { NameAddr } from '../sip/name-addr.ts';
import { parseDeltaSeconds } from '../sip/numbers.ts';
import { SipParseError } from '../sip/errors.ts';
import { parseUri } from '../sip/uri.ts';
import type { ContactChange } from './contacts.ts';

export interface ExpiryLimits {
  /** Below this (and above 0) a contact is refused with 423 and Min-Expires (§10.3 step 6; at most 3600). */
  min: number;
  /** Above this, granted this. */
  max: number;
  /** When the REGISTER names no expiry (§10.2.1.1 leaves it to the registrar). */
  default: number;
}

export type RegisterPlan =
  | { kind: 'query' }
  | { kind: 'update'; contacts: ContactChange[] | '*' }
  /** 400 (a malformed Contact or misused `*`) or 423 (too brief: Min-Expires goes with it). */
  | { kind: 'refuse'; status: 400 | 423; reason: string };

export function readRegister(req: SipRequest, limits: ExpiryLimits): RegisterPlan {
  const values = headers(req, 'Contact');
  const expiresHeader = header(req, 'Expires');
  const headerExpires = expiresHeader === undefined ? undefined : parseDeltaSeconds(expiresHeader);
  if (values.length === 0) return { kind: 'query' };
  if (values.includes('*')) {
    // §10.2.2: `*` only alone, and only with Expires: 0.
    if (values.length > 1) return { kind: 'refuse', status: 400, reason: 'Contact: * must be the only Contact' };
    if (headerExpires !== 0) return { kind: 'refuse', status: 400, reason: 'Contact: * needs Expires: 0' };
    return { kind: 'update', contacts: '*' };
  }
  const contacts: ContactChange[] = [];
  for (const value of values) {
    let na: NameAddr;
    try {
      na = parseNameAddr(value, 'Contact');
      parseUri(na.uri); // only sip: and sips: contacts: the edge must be able to call them
    } catch (e) {
      if (e instanceof SipParseError) return { kind: 'refuse', status: 400, reason: e.reason };
      throw e;
    }
    const params = new Map(na.params);
    const own = params.get('expires');
    params.delete('expires');
    const asked = own !== undefined && own !== null ? parseDeltaSeconds(own, "Contact's expires") : (headerExpires ?? limits.default);
    if (asked > 0 && asked < limits.min) return { kind: 'refuse', status: 423, reason: 'Interval Too Brief' };
    contacts.push({ uri: na.uri, params, expires: Math.min(asked, limits.max) });
  }
  return { kind: 'update', contacts };
}
