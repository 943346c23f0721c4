// Whether the workstation reaches the server: its live feed (an EventSource errs at once when the
// server goes away or a proxy refuses it) and the browser's own word on the network (offline at
// once when the cable or Wi-Fi goes). While lost, a banner says so and the actions that need the
// server are greyed out: pressing them would only fail.
import { useEffect, useState } from 'preact/hooks';
import type { LiveState } from '../shared/live.ts';
import { t } from './strings.ts';

/** True while the server is out of reach: the feed lost, or the browser offline. */
export function useLost(live: LiveState): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    addEventListener('online', on);
    addEventListener('offline', off);
    return () => {
      removeEventListener('online', on);
      removeEventListener('offline', off);
    };
  }, []);
  return live === 'lost' || !online;
}

export function LostBanner() {
  return (
    <div class="lost-banner" role="alert">
      <strong>{t.lost.title}</strong> {t.lost.hint}
    </div>
  );
}
