// The media direction an SDP asks for (RFC 3264 §5.1: sendrecv, sendonly, recvonly, inactive), and the
// other side's current SDP made into a fitting answer to a new offer (§6.1). The edge answers a peer's
// re-offer itself, with the other side's current SDP (rtpengine's recipe for a re-INVITE that is not
// passed on): a hold (sendonly) must then be answered recvonly, as the other side would have.
export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

const DIRECTIONS: readonly string[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];
const isDirection = (line: string) => line.startsWith('a=') && DIRECTIONS.includes(line.slice(2).trim());

/** The first audio stream's direction: its own attribute, else the session's, else sendrecv (§5.1). */
export function directionOf(sdp: string): Direction {
  const lines = sdp.split(/\r?\n/);
  const m = lines.findIndex((l) => l.startsWith('m=audio '));
  const end = m < 0 ? -1 : lines.findIndex((l, i) => i > m && l.startsWith('m='));
  const media = m < 0 ? [] : lines.slice(m, end < 0 ? undefined : end);
  const session = lines.slice(
    0,
    Math.max(
      0,
      lines.findIndex((l) => l.startsWith('m=')),
    ),
  );
  const found = media.find(isDirection) ?? session.find(isDirection);
  return (found?.slice(2).trim() as Direction | undefined) ?? 'sendrecv';
}

/** What an answer may do, as §6.1 allows: send only what the offer receives, receive only what it sends. */
export function answerDirection(offer: Direction, wanted: Direction): Direction {
  const sends = (d: Direction) => d === 'sendrecv' || d === 'sendonly';
  const receives = (d: Direction) => d === 'sendrecv' || d === 'recvonly';
  const send = receives(offer) && sends(wanted);
  const receive = sends(offer) && receives(wanted);
  return send && receive ? 'sendrecv' : send ? 'sendonly' : receive ? 'recvonly' : 'inactive';
}

/** `current` as an answer to `offer`: unchanged when its direction fits, else with the fitting one on each stream. */
export function answerFitting(offer: string, current: string): string {
  const wanted = directionOf(current);
  const direction = answerDirection(directionOf(offer), wanted);
  if (direction === wanted) return current;
  const out: string[] = [];
  let inMedia = false;
  for (const line of current.split(/\r?\n/).filter((l) => l !== '' && !isDirection(l))) {
    if (line.startsWith('m=')) {
      if (inMedia) out.push(`a=${direction}`);
      inMedia = true;
    }
    out.push(line);
  }
  if (inMedia) out.push(`a=${direction}`);
  return `${out.join('\r\n')}\r\n`;
}
