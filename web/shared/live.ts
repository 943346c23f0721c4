// A live feed (Server-Sent Events) that says whether it is connected. EventSource reconnects by
// itself after a dropped connection (the server asks for 2 s); when it gives up (the server
// restarting behind a proxy answers 502, say) the feed opens a new one after 2, 4, 8 … 30 s. The app
// shows "connection lost" meanwhile; the `open` state after a loss is its cue to read state again.

export type LiveState = 'connecting' | 'open' | 'lost';

export interface Feed {
  close(): void;
}

export function openFeed(path: string, handlers: Record<string, (data: unknown) => void>, onState: (s: LiveState) => void): Feed {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let closed = false;

  const connect = () => {
    const es = new EventSource(path, { withCredentials: true });
    source = es;
    onState(failures ? 'lost' : 'connecting');
    es.onopen = () => {
      failures = 0;
      onState('open');
    };
    es.onerror = () => {
      if (es.readyState !== EventSource.CLOSED) return onState('lost'); // the browser retries by itself
      es.close();
      failures += 1;
      onState('lost');
      if (!closed) retry = setTimeout(connect, Math.min(30_000, 1000 * 2 ** failures));
    };
    for (const [event, fn] of Object.entries(handlers)) {
      es.addEventListener(event, (e) => {
        try {
          fn(JSON.parse((e as MessageEvent<string>).data));
        } catch {
          // a malformed event is skipped; the next full update puts things right
        }
      });
    }
  };
  connect();
  return {
    close: () => {
      closed = true;
      clearTimeout(retry);
      source?.close();
    },
  };
}
