// Whether a region's call centre is open now, and until when or from when, from its weekly hours
// in its own time zone: «Открыто сейчас, до 21:00 по местному времени», «Закрыто, откроется завтра
// в 9:00 по местному времени». Days run into each other (09:00–24:00 then 00:00–02:00 is open till
// 2:00), and the week into the next.
import type { Hours } from '../regions/index.ts';
import { t } from './strings.ts';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const satisfies readonly (keyof Hours)[];

const DAY = 1440;
const WEEK = 7 * DAY;
/** A page showing the state is built again at least this often (a time zone's clock change). */
const MAX_VALID_MS = 3600_000;

/** When a change happens, in the region's days from today (0 today, 1 tomorrow…) and its time. */
export interface LocalMoment {
  inDays: number;
  /** 0 = Monday. */
  weekday: number;
  /** Minutes since the day's start; 1440 is the day's end (24:00). */
  minutes: number;
}

export type OpenState = { open: true; until: LocalMoment | null } | { open: false; opens: LocalMoment | null };

interface Local {
  weekday: number;
  minutes: number;
  /** Seconds and milliseconds past the minute. */
  ms: number;
}

const WEEKDAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const formats = new Map<string, Intl.DateTimeFormat>();

function localTime(at: Date, timeZone: string): Local {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return { weekday: WEEKDAY_INDEX[parts.weekday!]!, minutes: Number(parts.hour) * 60 + Number(parts.minute), ms: Number(parts.second) * 1000 + (at.getTime() % 1000) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** The open intervals over weeks -1 to 2, in minutes from this week's Monday 00:00, joined where they touch. */
function intervals(hours: Hours): [number, number][] {
  const week = WEEKDAYS.flatMap((d, i) => {
    const h = hours[d];
    return h ? [[i * DAY + toMinutes(h.open), i * DAY + toMinutes(h.close)] as [number, number]] : [];
  });
  const all = [-1, 0, 1, 2].flatMap((w) => week.map(([s, e]) => [s + w * WEEK, e + w * WEEK] as [number, number]));
  const joined: [number, number][] = [];
  for (const [s, e] of all) {
    const last = joined.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else joined.push([s, e]);
  }
  return joined;
}

function moment(from: number, at: number, endOfDay: boolean): LocalMoment {
  // a close at midnight is said as 24:00 of the day before
  const day = Math.floor((endOfDay && at % DAY === 0 ? at - 1 : at) / DAY);
  return { inDays: day - Math.floor(from / DAY), weekday: ((day % 7) + 7) % 7, minutes: at - day * DAY };
}

/** The state at `now`, and until when it holds as said (the page is built again then). */
export function openState(hours: Hours, timeZone: string, now: Date): { state: OpenState; validUntil: Date } {
  const local = localTime(now, timeZone);
  const p = local.weekday * DAY + local.minutes;
  const spans = intervals(hours);
  const current = spans.find(([s, e]) => s <= p && p < e);
  const nextMidnight = (Math.floor(p / DAY) + 1) * DAY;
  let state: OpenState;
  let change = nextMidnight;
  if (current) {
    const roundTheClock = current[1] - current[0] >= 2 * WEEK;
    state = { open: true, until: roundTheClock ? null : moment(p, current[1], true) };
    if (!roundTheClock) change = Math.min(change, current[1]);
  } else {
    const next = spans.find(([s]) => s > p);
    state = { open: false, opens: next ? moment(p, next[0], false) : null };
    if (next) change = Math.min(change, next[0]);
  }
  const ms = Math.min((change - p) * 60_000 - local.ms, MAX_VALID_MS);
  return { state, validUntil: new Date(now.getTime() + ms) };
}

/** 9:00, 21:00, 24:00: the hour without a leading zero. */
function clock(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The state in words, as the hotline page and the region chooser say it. */
export function openText(state: OpenState): string {
  if (state.open) {
    if (!state.until) return t.openAllDay;
    const u = state.until;
    return t.openUntil(`${clock(u.minutes)}${u.inDays === 0 ? '' : u.inDays === 1 ? ` ${t.tomorrow}` : ` ${t.weekdayOn[u.weekday]}`}`);
  }
  if (!state.opens) return t.closedNoHours;
  const o = state.opens;
  return t.closedOpens(`${o.inDays === 0 ? '' : o.inDays === 1 ? `${t.tomorrow} ` : `${t.weekdayOn[o.weekday]} `}${t.at(clock(o.minutes))}`);
}
