// A Server-Sent Events parser as the WHATWG HTML standard reads an event stream (§9.2.6): lines
// ending in CRLF, LF or CR (also split across chunks), a leading BOM, comments, `field: value`
// with one optional space, `retry`, and `id` kept across events. A frame with an id and no data
// dispatches nothing but still moves the last event id (what a reconnect sends as Last-Event-ID).
// Written here (some 60 lines) rather than taken from npm: it is small, and the SIP edge and the
// simulator need the id-only frames and the raw text that EventSource implementations hide.

export interface SseMessage {
  /** The last event id when this message came (ids stay until the server sends another). */
  id: string;
  /** `message` when the frame names none. */
  event: string;
  data: string;
}

export class SseParser {
  private buffer = '';
  private started = false;
  private data: string[] = [];
  private type = '';
  private idBuffer: string;
  /** The stream's last event id, as a reconnect should send it. */
  lastEventId: string;
  /** The reconnection time the server asked for (`retry:`), in ms. */
  retry: number | undefined;

  constructor(
    private readonly onMessage: (m: SseMessage) => void,
    /** The id the previous connection ended with: a frame without `id:` keeps it. */
    lastEventId = '',
  ) {
    this.idBuffer = lastEventId;
    this.lastEventId = lastEventId;
  }

  /** Feeds decoded text; complete frames are dispatched at once. */
  feed(chunk: string): void {
    let text = this.buffer + chunk;
    if (!this.started && text.length) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c !== '\n' && c !== '\r') continue;
      // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
      if (c === '\r' && i === text.length - 1) break;
      this.line(text.slice(start, i));
      if (c === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
    this.buffer = text.slice(start);
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.type = value;
    else if (field === 'id') {
      if (!value.includes('\0')) this.idBuffer = value;
    } else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
  }

  private dispatch(): void {
    this.lastEventId = this.idBuffer;
    const data = this.data;
    const type = this.type;
    this.data = [];
    this.type = '';
    if (!data.length) return;
    this.onMessage({ id: this.lastEventId, event: type || 'message', data: data.join('\n') });
  }
}
