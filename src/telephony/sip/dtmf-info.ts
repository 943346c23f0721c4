// DTMF sent in SIP INFO, as trunks and phones do besides RFC 4733: `application/dtmf-relay`
// (`Signal=5` and `Duration=160` lines, the common Cisco form) and `application/dtmf` (the key alone).
// Some senders write the RFC 4733 event number (10 for *, 11 for #, 12–15 for A–D): read both.

export type InfoDtmf =
  | { kind: 'digit'; digit: string; durationMs?: number }
  /** A content type that carries no DTMF (answered 415). */
  | { kind: 'unsupported' }
  /** A DTMF content type whose body names no key (answered 400). */
  | { kind: 'invalid' };

export const DTMF_TYPES = ['application/dtmf-relay', 'application/dtmf'];

const EVENT_KEYS = '0123456789*#ABCD';

/** The key of an INFO body with this Content-Type. */
export function dtmfFromInfo(contentType: string | undefined, body: Buffer): InfoDtmf {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const text = body.toString('utf8');
  if (type === 'application/dtmf-relay') {
    const fields = new Map<string, string>();
    for (const line of text.split(/\r?\n/)) {
      const eq = line.indexOf('=');
      if (eq > 0) fields.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
    }
    const digit = keyOf(fields.get('signal'));
    if (digit === undefined) return { kind: 'invalid' };
    const duration = Number(fields.get('duration'));
    return Number.isInteger(duration) && duration > 0 ? { kind: 'digit', digit, durationMs: duration } : { kind: 'digit', digit };
  }
  if (type === 'application/dtmf') {
    const digit = keyOf(text.trim());
    return digit === undefined ? { kind: 'invalid' } : { kind: 'digit', digit };
  }
  return { kind: 'unsupported' };
}

function keyOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.toUpperCase();
  if (v.length === 1 && EVENT_KEYS.includes(v)) return v;
  if (/^\d{2}$/.test(v) && Number(v) < EVENT_KEYS.length) return EVENT_KEYS[Number(v)];
  return undefined;
}
