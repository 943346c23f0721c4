// The few header fields the transaction layer reads — the top Via, CSeq, tags — through the syntax
// layer's parsers, as undefined when unreadable (the caller then drops the message, never throws).
import { parseCSeq } from '../cseq.ts';
import type { CSeq } from '../cseq.ts';
import type { SipMessage } from '../message.ts';
import { header } from '../message.ts';
import { parseVia } from '../via.ts';
import type { Via } from '../via.ts';

export { BRANCH_COOKIE } from '../via.ts';
export { tagOf } from '../name-addr.ts';

export function topVia(message: SipMessage): Via | undefined {
  const value = header(message, 'Via');
  return value === undefined ? undefined : readable(() => parseVia(value));
}

export function cseqOf(message: SipMessage): CSeq | undefined {
  const value = header(message, 'CSeq');
  return value === undefined ? undefined : readable(() => parseCSeq(value));
}

function readable<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}
