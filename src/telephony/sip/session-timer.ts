// Session timers (RFC 4028) as pure rules: reading Session-Expires and Min-SE, what a UAS answers to
// an INVITE or UPDATE (§9: 422 below our minimum when the peer supports timers, else the interval it
// asked for with the refresher it named or one we pick), what a UAC reads from a 2xx (§7.2), and
// when the side that does not refresh gives up (§10: the interval less min(32 s, a third of it)).
import { SipParseError } from './errors.ts';
import { excerpt, trimLws } from './lexical.ts';
import type { HeaderField, SipMessage } from './message.ts';
import { header, headers } from './message.ts';
import { parseDeltaSeconds } from './numbers.ts';
import { parseParams } from './params.ts';

export type Refresher = 'uac' | 'uas';

export interface SessionExpires {
  seconds: number;
  refresher?: Refresher;
}

/** Our side's rules: the interval we ask for (and offer when the peer names none) and the least we accept. */
export interface SessionTimerPolicy {
  /** Seconds (RFC 4028 recommends 1800). */
  interval: number;
  /** Seconds, at least 90 (§5). */
  minSE: number;
}

export const DEFAULT_SESSION_TIMER: SessionTimerPolicy = { interval: 1800, minSE: 90 };

/** The least Min-SE anyone may use (§5). */
export const MIN_SE_FLOOR = 90;

/** What the UAS does about the session timer of an INVITE or UPDATE it would accept. */
export type UasTimerDecision =
  /** 422 Session Interval Too Small, with our Min-SE. */
  | { kind: 'reject'; minSE: number }
  /** No session timer on this dialog (the peer neither asked nor supports it). */
  | { kind: 'none' }
  | { kind: 'timer'; seconds: number; refresher: Refresher; require: boolean };

/** Session-Expires: delta-seconds *(;se-params), refresher=uac|uas among them. Throws SipParseError. */
export function parseSessionExpires(value: string): SessionExpires {
  const v = trimLws(value);
  const semi = v.indexOf(';');
  const seconds = parseDeltaSeconds(semi >= 0 ? v.slice(0, semi) : v, 'Session-Expires');
  if (seconds === 0) throw new SipParseError('Session-Expires must be above zero');
  const params = parseParams(semi >= 0 ? v.slice(semi) : '', 'Session-Expires');
  const refresher = params.get('refresher');
  const out: SessionExpires = { seconds };
  if (refresher !== undefined) {
    const r = refresher?.toLowerCase();
    if (r !== 'uac' && r !== 'uas') throw new SipParseError(`Session-Expires refresher ${excerpt(String(refresher))} is neither uac nor uas`);
    out.refresher = r;
  }
  return out;
}

export function formatSessionExpires(se: SessionExpires): string {
  return se.refresher ? `${se.seconds};refresher=${se.refresher}` : String(se.seconds);
}

/** Min-SE: delta-seconds *(;generic-param). */
export function parseMinSE(value: string): number {
  const v = trimLws(value);
  const semi = v.indexOf(';');
  return parseDeltaSeconds(semi >= 0 ? v.slice(0, semi) : v, 'Min-SE');
}

/** Whether a message lists `timer` in Supported (or Require). */
export function supportsTimer(message: SipMessage): boolean {
  return [...headers(message, 'Supported'), ...headers(message, 'Require')].some((v) => trimLws(v).toLowerCase() === 'timer');
}

/** Session-Expires and Min-SE of a message, undefined where absent or unreadable (an unreadable one is taken as absent). */
export function readTimerFields(message: SipMessage): { se?: SessionExpires; minSE?: number } {
  const out: { se?: SessionExpires; minSE?: number } = {};
  const se = header(message, 'Session-Expires');
  const min = header(message, 'Min-SE');
  try {
    if (se !== undefined) out.se = parseSessionExpires(se);
  } catch {
    /* absent */
  }
  try {
    if (min !== undefined) out.minSE = parseMinSE(min);
  } catch {
    /* absent */
  }
  return out;
}

/** §9: the UAS's answer to the timer fields of a session-creating or refreshing request. */
export function negotiateAsUas(request: SipMessage, policy: SessionTimerPolicy): UasTimerDecision {
  const supported = supportsTimer(request);
  const { se, minSE } = readTimerFields(request);
  if (!se) {
    // The peer asked for nothing: a timer only with a peer that knows of them, and it refreshes.
    if (!supported) return { kind: 'none' };
    return { kind: 'timer', seconds: Math.max(policy.interval, minSE ?? MIN_SE_FLOOR, policy.minSE), refresher: 'uac', require: true };
  }
  // Too short: refused only when the peer understands 422 (a proxy may have put the field in for a peer that does not).
  if (se.seconds < policy.minSE && supported) return { kind: 'reject', minSE: policy.minSE };
  const refresher = se.refresher ?? (supported ? 'uac' : 'uas');
  return { kind: 'timer', seconds: se.seconds, refresher, require: refresher === 'uac' };
}

/** The fields a 2xx carries for a decision (Require: timer when the peer must refresh, §9), and the 422's Min-SE. */
export function uasTimerHeaders(decision: UasTimerDecision): HeaderField[] {
  switch (decision.kind) {
    case 'reject':
      return [{ name: 'Min-SE', value: String(decision.minSE) }];
    case 'none':
      return [];
    case 'timer': {
      const fields: HeaderField[] = [{ name: 'Session-Expires', value: formatSessionExpires(decision) }];
      if (decision.require) fields.push({ name: 'Require', value: 'timer' });
      return fields;
    }
  }
}

/** The fields a UAC puts on an INVITE or UPDATE that starts or refreshes a session (§7.1, §7.4). */
export function uacTimerHeaders(seconds: number, minSE: number, refresher?: Refresher): HeaderField[] {
  return [
    { name: 'Session-Expires', value: formatSessionExpires(refresher ? { seconds, refresher } : { seconds }) },
    { name: 'Min-SE', value: String(minSE) },
  ];
}

/** §7.2: what a 2xx to our INVITE or UPDATE says; undefined when it has no Session-Expires (no timer). */
export function readUacResult(response: SipMessage): { seconds: number; refresher: Refresher } | undefined {
  const { se } = readTimerFields(response);
  if (!se) return undefined;
  // A 2xx must name the refresher; if it does not, the UAC does it (§7.2).
  return { seconds: se.seconds, refresher: se.refresher ?? 'uac' };
}

/** §10: seconds after a refresh when the side that does not refresh ends the session without another. */
export function expirySeconds(seconds: number): number {
  return seconds - Math.min(32, seconds / 3);
}
