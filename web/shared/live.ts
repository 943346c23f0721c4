// A live feed (Server-Sent Events) that says whether it is connected: EventSource reconnects by
// itself (the server asks for 2 s); the app shows "connection lost" meanwhile.

export type LiveState = 'connecting' | 'open' | 'lost';

export interface Feed {
  close(): void;
}

export function openFeed(path: string, handlers: Record<string, (data: unknown) => void>, onState: (s: LiveState) => void): Feed {
  const source = new EventSource(path, { withCredentials: true });
  onState('connecting');
  source.onopen = () => onState('open');
  source.onerror = () => onState(source.readyState === EventSource.CLOSED ? 'lost' : 'connecting');
  for (const [event, fn] of Object.entries(handlers)) {
    source.addEventListener(event, (e) => {
      try {
        fn(JSON.parse((e as MessageEvent<string>).data));
      } catch {
        // a malformed event is skipped; the next full update puts things right
      }
    });
  }
  return { close: () => source.close() };
}
