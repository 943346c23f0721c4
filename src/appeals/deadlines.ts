// The legal deadlines of a citizen's appeal under 59-FZ, as pure functions (times are passed in):
// register within 3 days of receipt; forward to the competent body within 7 days of registration
// (art. 8 p.3); answer within 30 days of registration (art. 12 p.1), extended once by up to 30 days
// (art. 12 p.2); after a redirect, the new organisation's term counts from the original
// registration unless the type's rules restart it. The numbers are the appeal type's data.
//
// Days are calendar days (weekends and holidays count). N days from an instant end with the local
// calendar day N days after that instant's local date, in the organisation's time zone.
//
// No date library: calendar-day arithmetic is done on YYYY-MM-DD dates in UTC, where every day is
// 24 hours; the zone is needed only to read an instant's local date and to find the instant a local
// date begins. Intl.DateTimeFormat gives both from the tz database Node ships with: the zone's
// offset at any instant (its wall clock minus UTC), and local midnight by iterating that offset
// (guess with the offset at the guess, correct with the offset at the result). Where midnight does
// not exist (clocks jumping from 24:00 to 01:00, or a skipped day) the iteration cannot settle, and
// a bisection finds the first instant of the date instead. Fixed offsets would be wrong for any
// zone with summer time or a change of offset between registration and the due date.
import { z } from 'zod';

/** The deadline rules of an appeal type, in calendar days. */
export interface DeadlineRules {
  /** From receipt to registration. */
  registerDays: number;
  /** From registration to forwarding to the competent body (art. 8 p.3). */
  forwardDays: number;
  /** From registration to the answer (art. 12 p.1). */
  answerDays: number;
  /** The longest single extension of the answer term (art. 12 p.2); 0: the type allows none. */
  maxExtensionDays: number;
  /** After a redirect, the new organisation's answer term counts from its own registration. */
  redirectRestarts: boolean;
}

export const DEFAULT_DEADLINE_RULES: Readonly<DeadlineRules> = Object.freeze({ registerDays: 3, forwardDays: 7, answerDays: 30, maxExtensionDays: 30, redirectRestarts: false });

/** A deadline: the last moment of a local calendar day in an organisation's zone. */
export interface Due {
  /** The last millisecond of the due day (inclusive): overdue after it. */
  at: Date;
  /** The due day, YYYY-MM-DD, in `timeZone`. */
  localDate: string;
  /** The IANA zone the day is counted in (an extension and days left count there too). */
  timeZone: string;
}

export interface DueDates {
  registerBy: Due;
  /** Applies when the appeal came to a body that cannot answer it (art. 8 p.3). */
  forwardBy: Due;
  answerBy: Due;
}

/** Before registration only the registration term runs. */
export interface PendingDueDates {
  registerBy: Due;
  forwardBy: Due | null;
  answerBy: Due | null;
}

// ---- the rules as data ----

const show = (v: unknown) => (v === undefined ? 'missing' : JSON.stringify(v));
const days = (min: number, max: number, fallback: number) => {
  const error = (iss: { input?: unknown }) => `a whole number of days from ${min} to ${max}, not ${show(iss.input)}`;
  return z.int({ error }).min(min, { error }).max(max, { error }).default(fallback);
};

const ruleNames = Object.keys(DEFAULT_DEADLINE_RULES);

/**
 * An appeal type's deadline rules: whole days within sane bounds, defaults from the law, no
 * unknown keys (a misspelt rule would silently fall back to its default), and an extension no
 * longer than the answer term. Embed it in a type's schema; parseDeadlineRules reads one alone.
 */
export const deadlineRulesSchema = z
  .strictObject(
    {
      registerDays: days(1, 30, DEFAULT_DEADLINE_RULES.registerDays),
      forwardDays: days(1, 30, DEFAULT_DEADLINE_RULES.forwardDays),
      answerDays: days(1, 90, DEFAULT_DEADLINE_RULES.answerDays),
      maxExtensionDays: days(0, 90, DEFAULT_DEADLINE_RULES.maxExtensionDays),
      redirectRestarts: z.boolean({ error: (iss) => `true or false, not ${show(iss.input)}` }).default(DEFAULT_DEADLINE_RULES.redirectRestarts),
    },
    {
      error: (iss) =>
        iss.code === 'unrecognized_keys'
          ? `unknown rule ${iss.keys.map((k) => `"${k}"`).join(', ')} (the rules are ${ruleNames.join(', ')})`
          : `an object such as {"answerDays": 30}, not ${show(iss.input)}`,
    },
  )
  .check((ctx) => {
    const r = ctx.value;
    // (only between two valid terms: an answer term of 0 days is already said to be wrong)
    if (ctx.issues.length === 0 && r.maxExtensionDays > r.answerDays) {
      const message = `an extension (${r.maxExtensionDays} days) may not be longer than the answer term (${r.answerDays} days)`;
      ctx.issues.push({ code: 'custom', input: r, path: ['maxExtensionDays'], message });
    }
  });

/** Checks an appeal type's deadline rules; the errors say which rule and why, one per problem. */
export function parseDeadlineRules(input: unknown): { ok: true; rules: DeadlineRules } | { ok: false; errors: string[] } {
  const r = deadlineRulesSchema.safeParse(input);
  if (r.success) return { ok: true, rules: r.data };
  return { ok: false, errors: r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.code === 'unrecognized_keys' ? i.message : `deadline rules: ${i.message}`)) };
}

// ---- local dates in a zone ----

// A formatter is costly to make and cheap to use: one per zone, kept (a cache, not state).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    } catch {
      throw new RangeError(`Unknown time zone "${timeZone}": an IANA name such as Europe/Moscow is needed`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's wall clock at an instant, as if it were UTC (milliseconds dropped). */
function wallClockMs(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const x of formatterOf(timeZone).formatToParts(ms)) p[x.type] = Number(x.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/** How far the zone's wall clock is ahead of UTC at this instant (seconds too: old local mean times). */
const offsetMs = (ms: number, timeZone: string) => wallClockMs(ms, timeZone) - Math.floor(ms / 1000) * 1000;

const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function checkInstant(at: Date, what: string): number {
  const ms = at instanceof Date ? at.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid date`);
  return ms;
}

/** A YYYY-MM-DD date as UTC midnight, refusing dates that do not exist (2026-02-30). */
function dateMs(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!Number.isFinite(ms) || ymd(ms) !== date) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  return ms;
}

const DAY_MS = 86_400_000;
const addDays = (date: string, n: number) => ymd(dateMs(date) + n * DAY_MS);

/** The local calendar date (YYYY-MM-DD) of an instant in the zone. */
export function localDate(at: Date, timeZone: string): string {
  return ymd(wallClockMs(checkInstant(at, 'The time'), timeZone));
}

/** The first instant (ms) whose local date in the zone is `date` or later. */
function startOfDay(date: string, timeZone: string): number {
  const wall = dateMs(date);
  const reached = (ms: number) => ymd(wallClockMs(ms, timeZone)) >= date;
  // Local midnight = wall − offset, with the offset in force at midnight itself: the offset at the
  // guess is a first estimate, the offset at the first result the right one (unless in a gap).
  let t = wall - offsetMs(wall, timeZone);
  t = wall - offsetMs(t, timeZone);
  if (reached(t) && !reached(t - 1)) return t;
  // Midnight does not exist here: the day begins when the clock jumps into it. Offsets are within
  // ±14 h and a jump is at most a day, so the start lies within two days either way.
  let lo = t - 2 * DAY_MS; // not yet the date
  let hi = t + 2 * DAY_MS; // the date or later
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (reached(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The deadline falling on a local date: the end of that day in the zone (as the appeal stores it). */
export function dueOn(date: string, timeZone: string): Due {
  return { at: new Date(startOfDay(addDays(date, 1), timeZone) - 1), localDate: date, timeZone };
}

/** The end of the local day `days` calendar days after the local date of `from`. */
function dueAfter(from: Date, days: number, timeZone: string): Due {
  return dueOn(addDays(localDate(from, timeZone), days), timeZone);
}

// ---- the terms ----

/**
 * An appeal's deadlines in its organisation's zone: registration from receipt; forwarding and the
 * answer from registration (null while it is not registered).
 */
export function dueDates(receivedAt: Date, registeredAt: Date, rules: DeadlineRules, timeZone: string): DueDates;
export function dueDates(receivedAt: Date, registeredAt: Date | null, rules: DeadlineRules, timeZone: string): PendingDueDates;
export function dueDates(receivedAt: Date, registeredAt: Date | null, rules: DeadlineRules, timeZone: string): PendingDueDates {
  return {
    registerBy: dueAfter(receivedAt, rules.registerDays, timeZone),
    forwardBy: registeredAt && dueAfter(registeredAt, rules.forwardDays, timeZone),
    answerBy: registeredAt && dueAfter(registeredAt, rules.answerDays, timeZone),
  };
}

export type Extension = { ok: true; due: Due } | { ok: false; error: 'already_extended' | 'days_out_of_range'; message: string };

/**
 * The answer term extended by the head (art. 12 p.2): once only, by 1 to maxExtensionDays calendar
 * days after the current due date, in the same zone. The citizen must be told of it (the caller's part).
 */
export function extend(answerBy: Due, days: number, rules: DeadlineRules, alreadyExtended: boolean): Extension {
  if (alreadyExtended) return { ok: false, error: 'already_extended', message: 'The answer term may be extended only once, and it has been.' };
  const max = rules.maxExtensionDays;
  if (max < 1) return { ok: false, error: 'days_out_of_range', message: 'This appeal type allows no extension of the answer term.' };
  if (!Number.isInteger(days) || days < 1 || days > max) {
    return { ok: false, error: 'days_out_of_range', message: `An extension is a whole number of days from 1 to ${max}, not ${show(days)}.` };
  }
  return { ok: true, due: dueOn(addDays(answerBy.localDate, days), answerBy.timeZone) };
}

/** A registration by an organisation: when, and the zone it counts its days in. */
export interface Registration {
  registeredAt: Date;
  timeZone: string;
}

/**
 * The answer term of the organisation an appeal was redirected to: from the date the first
 * organisation registered it (as that one counted it), or, when the rules say the term restarts,
 * from the new registration; either way the due day ends in the new organisation's zone.
 * (An extension granted before the redirect is not carried over.)
 */
export function afterRedirect(original: Registration, redirect: Registration, rules: DeadlineRules): Due {
  const from = rules.redirectRestarts ? localDate(redirect.registeredAt, redirect.timeZone) : localDate(original.registeredAt, original.timeZone);
  return dueOn(addDays(from, rules.answerDays), redirect.timeZone);
}

// ---- how close a deadline is ----

/** Calendar days from today to the due day in the due's zone: 0 on the due day, negative once overdue. */
export function daysLeft(due: Due, now: Date): number {
  return Math.round((dateMs(due.localDate) - dateMs(localDate(now, due.timeZone))) / DAY_MS);
}

export type DueStatus = 'ok' | 'due_soon' | 'overdue';

/**
 * 'overdue' once the due day has ended; 'due_soon' while the due day is at most `dueSoonDays`
 * calendar days away (with 3: from the local midnight 3 days before the due day to its end);
 * 'ok' before that.
 */
export function status(due: Due, now: Date, dueSoonDays = 3): DueStatus {
  if (!Number.isInteger(dueSoonDays) || dueSoonDays < 0) throw new RangeError(`dueSoonDays is a whole number of days, 0 or more, not ${show(dueSoonDays)}`);
  if (checkInstant(now, 'Now') > due.at.getTime()) return 'overdue';
  return daysLeft(due, now) <= dueSoonDays ? 'due_soon' : 'ok';
}
