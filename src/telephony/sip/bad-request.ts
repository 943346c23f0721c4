// A 400 for a request the parser or the checks refused, when its bytes still hold enough to answer:
// a request line (not ACK, which is never answered), a Via, From, To, Call-ID and CSeq (§8.1.1).
// Read as leniently as possible, and bounded: the head is cut at 64 KiB and only five fields kept.
import type { HeaderField, SipResponse } from './message.ts';
import { canonicalName } from './message.ts';
import { newTag } from './outbound.ts';
import { reasonPhrase } from './validate.ts';

const REQUEST_LINE = /^([A-Za-z0-9.!%*_+`'~-]+) \S+ SIP\/2\.0$/i;
const NEEDED = ['From', 'To', 'Call-ID', 'CSeq'];

export function badRequestFor(data: Buffer, reason = 'Bad Request'): SipResponse | undefined {
  const text = data.toString('utf8', 0, Math.min(data.length, 65_536));
  const end = text.search(/\r?\n\r?\n/);
  const lines = (end < 0 ? text : text.slice(0, end)).split(/\r?\n/);
  while (lines[0] === '') lines.shift();
  const start = REQUEST_LINE.exec(lines[0] ?? '');
  if (!start || start[1]!.toUpperCase() === 'ACK') return undefined;
  const vias: HeaderField[] = [];
  const found = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0 || /[\r\n]/.test(line)) continue;
    const name = canonicalName(line.slice(0, colon).trim());
    const value = line.slice(colon + 1).trim();
    if (!value) continue;
    if (name === 'Via') vias.push({ name, value });
    else if (NEEDED.includes(name) && !found.has(name)) found.set(name, value);
  }
  if (vias.length === 0 || NEEDED.some((n) => !found.has(n))) return undefined;
  const to = found.get('To')!;
  const headers: HeaderField[] = [
    ...vias,
    { name: 'From', value: found.get('From')! },
    { name: 'To', value: /;\s*tag\s*=/i.test(to) ? to : `${to};tag=${newTag()}` },
    { name: 'Call-ID', value: found.get('Call-ID')! },
    { name: 'CSeq', value: found.get('CSeq')! },
  ];
  return { kind: 'response', status: 400, reason: reasonPhrase(reason), headers, body: Buffer.alloc(0) };
}
