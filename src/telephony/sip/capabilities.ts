// What this user agent says it does (RFC 3261 §11, §20.5, §20.1, §20.37): the methods it allows, the
// bodies it accepts and the extensions it supports, on OPTIONS answers, INVITEs, 2xx responses and
// 405/415/420 refusals. Methods we know of but do not serve get 405; unknown ones 501 (§8.2.1).
import type { HeaderField, SipMessage } from './message.ts';
import { headers } from './message.ts';
import { DTMF_TYPES } from './dtmf-info.ts';

export const ALLOWED_METHODS = ['INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS', 'INFO', 'UPDATE'];
export const ACCEPTED_TYPES = ['application/sdp', ...DTMF_TYPES];
export const SUPPORTED_EXTENSIONS = ['timer'];

/** Methods of other SIP extensions: recognised, so refused with 405 rather than 501. */
const KNOWN_METHODS = new Set(['REGISTER', 'PRACK', 'SUBSCRIBE', 'NOTIFY', 'REFER', 'MESSAGE', 'PUBLISH']);

export function allowHeader(extra: string[] = []): HeaderField {
  return { name: 'Allow', value: [...ALLOWED_METHODS, ...extra].join(', ') };
}

/** Allow, Accept and Supported: what an OPTIONS answer carries (§11.2). */
export function capabilityHeaders(extraMethods: string[] = []): HeaderField[] {
  return [allowHeader(extraMethods), { name: 'Accept', value: ACCEPTED_TYPES.join(', ') }, { name: 'Supported', value: SUPPORTED_EXTENSIONS.join(', ') }];
}

/** 405 or 501 for a method we do not serve. */
export function refusalForMethod(method: string): { status: number; reason: string } {
  return KNOWN_METHODS.has(method) ? { status: 405, reason: 'Method Not Allowed' } : { status: 501, reason: 'Not Implemented' };
}

/** The option tags of a Require we do not support (§8.2.2.3: refused with 420 and Unsupported). */
export function unsupportedRequired(required: string[]): string[] {
  return required.map((r) => r.trim()).filter((r) => r !== '' && !SUPPORTED_EXTENSIONS.includes(r.toLowerCase()));
}

/** Whether the peer's Allow (split into one method a field by the parser) lists `method`. */
export function allowsMethod(message: SipMessage, method: string): boolean {
  return headers(message, 'Allow').some((m) => m.trim() === method);
}
