// An incoming call that cannot be missed, beyond the ring's sound: the tab's title flashes until
// the call is answered or gone, and a tab in the background shows a system notification (asked
// for when the operator goes ready: a click then is the moment the browser lets a page ask).
import { useEffect } from 'preact/hooks';
import { t } from './strings.ts';

const FLASH_MS = 1000;

/** Asks for notifications once, if the browser has them and nobody decided yet. */
export function askNotifications(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => {});
}

/** While `ringing` (the call's id and what the caller chose), the title flashes; hidden, a notification. */
export function useRingAlert(ringing: { callId: string; topic: string | null } | null): void {
  const callId = ringing?.callId ?? null;
  useEffect(() => {
    if (!ringing) return;
    const title = document.title;
    let flashed = false;
    const flash = setInterval(() => {
      flashed = !flashed;
      document.title = flashed ? t.ringTitle : title;
    }, FLASH_MS);
    document.title = t.ringTitle;
    flashed = true;

    let note: Notification | null = null;
    const notify = () => {
      if (note || !document.hidden || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      try {
        // (the tag: a second tab of the same seat replaces the notice rather than adding one)
        note = new Notification(t.incoming, { body: ringing.topic ? `${t.topic}: ${ringing.topic}` : t.ringBody, tag: `otvet-ring-${ringing.callId}`, requireInteraction: true });
        note.onclick = () => {
          window.focus();
          note?.close();
        };
      } catch {
        // (a browser that only notifies from a service worker: the title and the sound remain)
      }
    };
    notify();
    // (hidden while it rings: the notice then)
    document.addEventListener('visibilitychange', notify);
    return () => {
      clearInterval(flash);
      document.title = title;
      document.removeEventListener('visibilitychange', notify);
      note?.close();
    };
  }, [callId]);
}
