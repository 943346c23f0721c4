// The region's overview, live: the first one fetched (so a refusal is shown with its reason),
// then Server-Sent Events. EventSource reconnects by itself after a dropped connection; when the
// server refuses the stream (signed out, restarted) it gives up, so we reopen it with a back-off.
import { STALE_AFTER_MS } from './model.ts';
import type { Overview } from './types.ts';

export interface FeedHandlers {
  overview(o: Overview): void;
  open(): void;
  lost(): void;
  /** The server refused the stream (not a dropped line): perhaps the session ended. */
  refused?(): void;
}

export interface Feed {
  close(): void;
}

export function openFeed(url: string, on: FeedHandlers): Feed {
  let source: EventSource | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let attempts = 0;
  let lastMessage = Date.now();

  const connect = () => {
    if (closed) return;
    source = new EventSource(url, { withCredentials: true });
    source.addEventListener('open', () => {
      attempts = 0;
      on.open();
    });
    source.addEventListener('overview', (e) => {
      lastMessage = Date.now();
      try {
        on.overview(JSON.parse((e as MessageEvent<string>).data) as Overview);
      } catch {
        // A malformed message is skipped; the next one (at most 5 s away) replaces it.
      }
    });
    source.addEventListener('error', () => {
      on.lost();
      if (source?.readyState === EventSource.CLOSED) {
        on.refused?.();
        reopen();
      }
    });
  };

  const reopen = () => {
    source?.close();
    source = null;
    if (closed) return;
    clearTimeout(retry);
    const delay = Math.min(30_000, 1000 * 2 ** Math.min(attempts++, 5));
    retry = setTimeout(connect, delay);
  };

  // A half-open connection (a laptop that slept, a proxy that dropped us) errors only much later:
  // the server sends at least every 5 s, so silence means reconnect.
  const watchdog = setInterval(() => {
    if (source && Date.now() - lastMessage > STALE_AFTER_MS) {
      lastMessage = Date.now();
      on.lost();
      reopen();
    }
  }, 1000);

  connect();
  return {
    close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(watchdog);
      source?.close();
    },
  };
}
