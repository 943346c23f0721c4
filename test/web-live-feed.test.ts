/// <reference lib="dom" />
// The staff apps' one live feed (web/shared/live.ts), with a stand-in EventSource and a fake clock:
// reconnecting after the browser gives up, and the watchdog that reconnects a silent feed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openFeed, type LiveState } from '../web/shared/live.ts';

class FakeSource {
  static CLOSED = 2;
  static all: FakeSource[] = [];
  readyState = 0;
  closed = false;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private listeners = new Map<string, ((e: { data: string }) => void)[]>();
  constructor(readonly url: string) {
    FakeSource.all.push(this);
  }
  addEventListener(event: string, fn: (e: { data: string }) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
  }
  close() {
    this.closed = true;
    this.readyState = FakeSource.CLOSED;
  }
  emit(event: string, data: unknown) {
    this.emitText(event, JSON.stringify(data));
  }
  emitText(event: string, data: string) {
    for (const fn of this.listeners.get(event) ?? []) fn({ data });
  }
}
const last = () => FakeSource.all[FakeSource.all.length - 1]!;

describe('the live feed', () => {
  let states: LiveState[];
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSource.all = [];
    states = [];
    vi.stubGlobal('EventSource', FakeSource);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('hands each event its data, skips a malformed one, and says when it is open', () => {
    const got: number[] = [];
    const feed = openFeed<{ tick: { n: number } }>('/feed', { tick: (d) => got.push(d.n) }, (s) => states.push(s));
    last().onopen!();
    last().emit('tick', { n: 1 });
    last().emitText('tick', '{not json');
    last().emit('tick', { n: 2 });
    expect(got).toEqual([1, 2]);
    expect(states).toEqual(['connecting', 'open']);
    feed.close();
    expect(last().closed).toBe(true);
  });

  it('opens a new connection with a back-off when the server refuses the stream, and says so', () => {
    const refused = vi.fn();
    const feed = openFeed('/feed', {}, (s) => states.push(s), { onRefused: refused });
    last().readyState = FakeSource.CLOSED;
    last().onerror!();
    expect(refused).toHaveBeenCalledTimes(1);
    expect(states.at(-1)).toBe('lost');
    vi.advanceTimersByTime(1999);
    expect(FakeSource.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSource.all).toHaveLength(2);
    last().onopen!();
    expect(states.at(-1)).toBe('open');
    feed.close();
  });

  it('with a watchdog, reconnects a feed that went silent (a half-open connection errors much later)', () => {
    const feed = openFeed<{ overview: object }>('/feed', { overview: () => {} }, (s) => states.push(s), { silentAfterMs: 15_000 });
    const first = last();
    first.onopen!();
    vi.advanceTimersByTime(10_000);
    first.emit('overview', {});
    vi.advanceTimersByTime(14_000); // heard 14 s ago: still fine
    expect(first.closed).toBe(false);
    vi.advanceTimersByTime(2_000);
    expect(first.closed).toBe(true);
    expect(states.at(-1)).toBe('lost');
    vi.advanceTimersByTime(2_000);
    expect(FakeSource.all).toHaveLength(2);
    feed.close();
    vi.advanceTimersByTime(60_000);
    expect(FakeSource.all).toHaveLength(2);
  });

  it('without one, silence alone changes nothing', () => {
    const feed = openFeed('/feed', {}, (s) => states.push(s));
    last().onopen!();
    vi.advanceTimersByTime(120_000);
    expect(FakeSource.all).toHaveLength(1);
    expect(last().closed).toBe(false);
    feed.close();
  });
});
