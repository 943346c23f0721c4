import { describe, expect, it } from 'vitest';
import { SseParser, type SseMessage } from './sse-parser.ts';

const parse = (chunks: string[], lastEventId?: string) => {
  const got: SseMessage[] = [];
  const p = new SseParser((m) => got.push(m), lastEventId);
  for (const c of chunks) p.feed(c);
  return { got, p };
};

describe('SseParser', () => {
  it('reads otvet’s frames: retry, id, event, data, keep-alive comments', () => {
    const { got, p } = parse(['retry: 2000\n\n', ': keep-alive\n\n', 'id: 1841\nevent: connect\ndata: {"callId":"c1"}\n\n']);
    expect(got).toEqual([{ id: '1841', event: 'connect', data: '{"callId":"c1"}' }]);
    expect(p.retry).toBe(2000);
    expect(p.lastEventId).toBe('1841');
  });

  it('joins data lines with newlines and names an unnamed event "message"', () => {
    expect(parse(['data: a\ndata:b\ndata\n\n']).got).toEqual([{ id: '', event: 'message', data: 'a\nb\n' }]);
  });

  it('takes CRLF, CR and LF, also split between chunks, and a leading BOM', () => {
    const { got } = parse(['\uFEFFid: 1\r', '\ndata: x\r\r', 'data: y\n', '\n', 'data: z\r', '\r\n']);
    expect(got.map((m) => [m.id, m.data])).toEqual([
      ['1', 'x'],
      ['1', 'y'],
      ['1', 'z'],
    ]);
  });

  it('holds an incomplete frame until it is complete', () => {
    const got: SseMessage[] = [];
    const p = new SseParser((m) => got.push(m));
    p.feed('id: 7\nevent: hangup\nda');
    expect(got).toEqual([]);
    p.feed('ta: {}\n');
    expect(got).toEqual([]);
    p.feed('\n');
    expect(got).toEqual([{ id: '7', event: 'hangup', data: '{}' }]);
  });

  it('moves the last event id on a frame with an id and no data, dispatching nothing', () => {
    const { got, p } = parse(['id: 5\nevent: connect\ndata: {}\n\n', 'id: 9\n\n']);
    expect(got).toHaveLength(1);
    expect(p.lastEventId).toBe('9');
  });

  it('keeps the previous connection’s id until the server sends another, and ignores ids with NUL', () => {
    const { got, p } = parse(['data: a\n\n', 'id: x\0y\ndata: b\n\n'], '40');
    expect(got.map((m) => m.id)).toEqual(['40', '40']);
    expect(p.lastEventId).toBe('40');
  });

  it('ignores unknown fields and a retry that is not a number', () => {
    const { got, p } = parse(['foo: bar\nretry: soon\ndata: ok\n\n']);
    expect(got).toEqual([{ id: '', event: 'message', data: 'ok' }]);
    expect(p.retry).toBeUndefined();
  });
});
