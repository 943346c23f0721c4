// A live feed (Server-Sent Events) that says whether it is connected. EventSource reconnects by
// itself after a dropped connection (the server asks for 2 s); when it gives up (the server refused
// the stream: signed out, or restarting behind a proxy that answers 502) the feed opens a new one
// after 2, 4, 8 … 30 s. The app shows "connection lost" meanwhile; the `open` state after a loss is
// its cue to read state again. A feed whose server promises to send at least every so often can ask
// for a watchdog: a half-open connection (a laptop that slept, a proxy that dropped us) errors only
// much later, so silence longer than `silentAfterMs` counts as lost and the feed reconnects.

export type LiveState = 'connecting' | 'open' | 'lost';

export interface Feed {
  close(): void;
}

export interface FeedOptions {
  /** Reconnect when nothing (no event, no opening) arrived for this long. */
  silentAfterMs?: number;
  /** The server refused the stream (not a dropped line): perhaps the session ended. */
  onRefused?: () => void;
}

/** The handlers of a feed's events, each given its event's data (E maps event names to their data). */
export type FeedHandlers<E> = { [K in keyof E & string]: (data: E[K]) => void };

export function openFeed<E>(url: string, handlers: FeedHandlers<E>, onState: (s: LiveState) => void, options: FeedOptions = {}): Feed {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let closed = false;
  let heard = Date.now();

  const reopen = () => {
    source?.close();
    source = null;
    failures += 1;
    onState('lost');
    clearTimeout(retry);
    if (!closed) retry = setTimeout(connect, Math.min(30_000, 1000 * 2 ** failures));
  };

  const connect = () => {
    if (closed) return;
    const es = new EventSource(url, { withCredentials: true });
    source = es;
    heard = Date.now();
    onState(failures ? 'lost' : 'connecting');
    es.onopen = () => {
      failures = 0;
      heard = Date.now();
      onState('open');
    };
    es.onerror = () => {
      if (es.readyState !== EventSource.CLOSED) return onState('lost'); // the browser retries by itself
      options.onRefused?.();
      reopen();
    };
    for (const [event, fn] of Object.entries(handlers) as [string, (data: unknown) => void][]) {
      es.addEventListener(event, (e) => {
        heard = Date.now();
        try {
          fn(JSON.parse((e as MessageEvent<string>).data));
        } catch {
          // a malformed event is skipped; the next full update puts things right
        }
      });
    }
  };

  const silentAfter = options.silentAfterMs;
  const watchdog =
    silentAfter === undefined
      ? undefined
      : setInterval(
          () => {
            if (source && Date.now() - heard > silentAfter) reopen();
          },
          Math.min(1000, silentAfter / 10),
        );

  connect();
  return {
    close: () => {
      closed = true;
      clearTimeout(retry);
      clearInterval(watchdog);
      source?.close();
    },
  };
}
