// Times on the supervisor's screen: durations that tick, clock times, and the server's clock
// (waits and times in state are counted on the server's clock, so a wrong PC clock does not skew them).

/** 7 → "0:07", 125 → "2:05", 3725 → "1:02:05". Negative values (clock jitter) show as 0. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** A duration in words for screen readers: "1 ч 2 мин 5 с". */
export function spokenDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts = [h ? `${h} ч` : '', m ? `${m} мин` : '', `${s % 60} с`].filter(Boolean);
  return parts.join(' ');
}

/** "14:05" (or "14:05:09" with seconds) in the region's time zone (the browser's when not given). */
export function clockTime(iso: string | number | Date, seconds = false, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), ...(timeZone ? { timeZone } : {}) });
}

function dayOf(d: Date, timeZone?: string): string {
  return d.toLocaleDateString('ru-RU', { day: '2-digit', month: '2-digit', ...(timeZone ? { timeZone } : {}) });
}

/** "14:05" for today's times, "27.11 14:05" for earlier ones (days in the region's time zone). */
export function callTime(iso: string | null, now: number, timeZone?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const time = clockTime(d, false, timeZone);
  return dayOf(d, timeZone) === dayOf(new Date(now), timeZone) ? time : `${dayOf(d, timeZone)} ${time}`;
}

/**
 * The server's clock as seen from here: each overview says when it was taken; the offset between
 * that and the local clock at arrival (network delay included, a second at worst) corrects "now".
 */
export class ServerClock {
  private offsetMs = 0;

  /** Call when an overview arrives, with its `at`. */
  sync(serverIso: string, localNow = Date.now()): void {
    const server = Date.parse(serverIso);
    if (!Number.isNaN(server)) this.offsetMs = server - localNow;
  }

  now(localNow = Date.now()): number {
    return localNow + this.offsetMs;
  }
}

/** Seconds from `iso` to `now` (ms), never negative. */
export function secondsSince(iso: string, now: number): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : Math.max(0, Math.floor((now - t) / 1000));
}
