// The legal deadlines of an appeal (59-FZ) in calendar days of the organisation's own time zone:
// registration, forwarding, the answer, its one extension, a redirect, and how close a due date is.
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_RULES, afterRedirect, daysLeft, dueDates, dueOn, extend, localDate, parseDeadlineRules, status, type DeadlineRules, type Due } from './deadlines.ts';

const rules: DeadlineRules = DEFAULT_DEADLINE_RULES;
const t = (iso: string) => new Date(iso);
/** A due date as its local date and its UTC instant, to read both at once. */
const show = (d: Due | null) => (d ? [d.localDate, d.at.toISOString()] : null);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('the legal terms', () => {
  it('registers within 3 days of receipt', () => {
    // received on 10 March at 09:00 Moscow time (06:00Z)
    const d = dueDates(t('2026-03-10T06:00:00Z'), null, rules, 'Europe/Moscow');
    expect(show(d.registerBy)).toEqual(['2026-03-13', '2026-03-13T20:59:59.999Z']);
  });

  it('has no forwarding or answer term before the appeal is registered', () => {
    const d = dueDates(t('2026-03-10T06:00:00Z'), null, rules, 'Europe/Moscow');
    expect(d.forwardBy).toBeNull();
    expect(d.answerBy).toBeNull();
  });

  it('forwards to the competent body within 7 days of registration (art. 8 p.3)', () => {
    const d = dueDates(t('2026-03-10T06:00:00Z'), t('2026-03-12T07:00:00Z'), rules, 'Europe/Moscow');
    expect(show(d.forwardBy)).toEqual(['2026-03-19', '2026-03-19T20:59:59.999Z']);
  });

  it('answers within 30 days of registration (art. 12 p.1): the Vladivostok example', () => {
    // registered at 23:30 on 10 March in Vladivostok (UTC+10)
    const d = dueDates(t('2026-03-10T13:30:00Z'), t('2026-03-10T13:30:00Z'), rules, 'Asia/Vladivostok');
    expect(show(d.answerBy)).toEqual(['2026-04-09', '2026-04-09T13:59:59.999Z']);
    expect(d.answerBy.timeZone).toBe('Asia/Vladivostok');
  });

  it('counts the answer from registration, not from receipt', () => {
    const d = dueDates(t('2026-03-01T09:00:00Z'), t('2026-03-04T09:00:00Z'), rules, 'Europe/Moscow');
    expect(d.registerBy.localDate).toBe('2026-03-04');
    expect(d.answerBy.localDate).toBe('2026-04-03');
  });

  it('takes the terms from the appeal type', () => {
    const short: DeadlineRules = { registerDays: 1, forwardDays: 5, answerDays: 15, maxExtensionDays: 15, redirectRestarts: false };
    const d = dueDates(t('2026-03-10T06:00:00Z'), t('2026-03-10T06:00:00Z'), short, 'Europe/Moscow');
    expect([d.registerBy.localDate, d.forwardBy.localDate, d.answerBy.localDate]).toEqual(['2026-03-11', '2026-03-15', '2026-03-25']);
  });
});

describe('calendar days', () => {
  it('counts weekends: a deadline landing on a Saturday stays on the Saturday', () => {
    // received on Wednesday 11 March
    const d = dueDates(t('2026-03-11T08:00:00Z'), null, rules, 'Europe/Moscow');
    expect(d.registerBy.localDate).toBe('2026-03-14');
    expect(weekday(d.registerBy.localDate)).toBe(6);
  });

  it('counts holidays: a deadline in the New Year holidays stays there', () => {
    const d = dueDates(t('2026-12-28T08:00:00Z'), t('2026-12-28T08:00:00Z'), rules, 'Europe/Moscow');
    expect(d.forwardBy.localDate).toBe('2027-01-04');
  });

  it.each([
    ['2026-01-31', 'answerBy', '2026-03-02'], // over a 28-day February
    ['2026-12-15', 'answerBy', '2027-01-14'], // over the year's end
    ['2026-02-26', 'registerBy', '2026-03-01'],
    ['2028-01-30', 'answerBy', '2028-02-29'], // a leap day
    ['2028-02-27', 'registerBy', '2028-03-01'], // over a leap day
    ['2027-02-27', 'registerBy', '2027-03-02'],
    ['2028-02-29', 'answerBy', '2028-03-30'], // from a leap day
  ] as const)('from %s, %s is %s (month ends, leap years)', (date, which, expected) => {
    const at = t(`${date}T09:00:00Z`); // midday in Moscow
    expect(dueDates(at, at, rules, 'Europe/Moscow')[which].localDate).toBe(expected);
  });
});

describe('time zones', () => {
  // One instant, 13:30Z on 10 March: still the 10th in Kaliningrad, Moscow and Vladivostok
  // (23:30), already 01:30 on the 11th in Kamchatka.
  it.each([
    ['Europe/Kaliningrad', '2026-04-09', '2026-04-09T21:59:59.999Z'], // UTC+2
    ['Europe/Moscow', '2026-04-09', '2026-04-09T20:59:59.999Z'], // UTC+3
    ['Asia/Vladivostok', '2026-04-09', '2026-04-09T13:59:59.999Z'], // UTC+10
    ['Asia/Kamchatka', '2026-04-10', '2026-04-10T11:59:59.999Z'], // UTC+12
  ])('%s: the answer is due at the end of %s local (%s)', (zone, date, instant) => {
    const at = t('2026-03-10T13:30:00Z');
    expect(show(dueDates(at, at, rules, zone).answerBy)).toEqual([date, instant]);
  });

  it('a registration just before midnight in Vladivostok counts from that day', () => {
    const at = t('2026-03-10T13:59:00Z'); // 23:59 on the 10th in Vladivostok
    expect(show(dueDates(at, at, rules, 'Asia/Vladivostok').answerBy)).toEqual(['2026-04-09', '2026-04-09T13:59:59.999Z']);
  });

  it('a registration just after midnight in Vladivostok counts from the next day, though Moscow is still on the evening before', () => {
    const at = t('2026-03-10T14:10:00Z'); // 00:10 on the 11th in Vladivostok, 17:10 on the 10th in Moscow
    expect(localDate(at, 'Europe/Moscow')).toBe('2026-03-10');
    expect(localDate(at, 'Asia/Vladivostok')).toBe('2026-03-11');
    expect(show(dueDates(at, at, rules, 'Asia/Vladivostok').answerBy)).toEqual(['2026-04-10', '2026-04-10T13:59:59.999Z']);
  });

  it('follows a zone with summer time (Europe/Berlin): the offset of the due day, not of the registration', () => {
    // registered at noon CET (UTC+1); due on 9 April, which is in CEST (UTC+2)
    const spring = t('2026-03-10T11:00:00Z');
    expect(show(dueDates(spring, spring, rules, 'Europe/Berlin').answerBy)).toEqual(['2026-04-09', '2026-04-09T21:59:59.999Z']);
    // registered at noon CEST; due on 30 October, back in CET
    const autumn = t('2026-09-30T10:00:00Z');
    expect(show(dueDates(autumn, autumn, rules, 'Europe/Berlin').answerBy)).toEqual(['2026-10-30', '2026-10-30T22:59:59.999Z']);
  });

  it('ends the 23-hour and the 25-hour days of Europe/Berlin at their own midnight', () => {
    expect(dueOn('2026-03-29', 'Europe/Berlin').at.toISOString()).toBe('2026-03-29T21:59:59.999Z'); // clocks went forward at 02:00
    expect(dueOn('2026-03-28', 'Europe/Berlin').at.toISOString()).toBe('2026-03-28T22:59:59.999Z');
    expect(dueOn('2026-10-25', 'Europe/Berlin').at.toISOString()).toBe('2026-10-25T22:59:59.999Z'); // clocks went back at 03:00
    expect(dueOn('2026-10-24', 'Europe/Berlin').at.toISOString()).toBe('2026-10-24T21:59:59.999Z');
    // 23:30 on the short day is still that day
    const late = t('2026-03-29T21:30:00Z');
    expect(dueDates(late, null, rules, 'Europe/Berlin').registerBy.localDate).toBe('2026-04-01');
  });

  it('ends a day whose next midnight does not exist (America/Santiago jumps from 24:00 to 01:00) when the next day begins', () => {
    // 6 September 2026 begins at 01:00 -03 (04:00Z): the 5th ends a moment before
    expect(dueOn('2026-09-05', 'America/Santiago').at.toISOString()).toBe('2026-09-06T03:59:59.999Z');
    expect(dueOn('2026-09-06', 'America/Santiago').at.toISOString()).toBe('2026-09-07T02:59:59.999Z');
  });

  it('ends a day before a day the zone skipped (Pacific/Apia left out 30 December 2011)', () => {
    expect(dueOn('2011-12-29', 'Pacific/Apia').at.toISOString()).toBe('2011-12-30T09:59:59.999Z');
    expect(dueOn('2011-12-31', 'Pacific/Apia').at.toISOString()).toBe('2011-12-31T09:59:59.999Z');
  });

  it('ends every day of 2024 to 2026 at its last millisecond, in every Russian zone and some with summer time', () => {
    const zones = [
      'Europe/Kaliningrad',
      'Europe/Moscow',
      'Europe/Samara',
      'Asia/Yekaterinburg',
      'Asia/Omsk',
      'Asia/Krasnoyarsk',
      'Asia/Irkutsk',
      'Asia/Yakutsk',
      'Asia/Vladivostok',
      'Asia/Magadan',
      'Asia/Kamchatka',
    ];
    const wrong: string[] = [];
    for (const zone of [...zones, 'Europe/Berlin', 'America/Santiago', 'America/Havana', 'Asia/Beirut', 'Australia/Lord_Howe']) {
      for (let day = Date.UTC(2024, 0, 1); day < Date.UTC(2027, 0, 1); day += 86_400_000) {
        const date = new Date(day).toISOString().slice(0, 10);
        const end = dueOn(date, zone).at;
        if (localDate(end, zone) !== date || localDate(new Date(end.getTime() + 1), zone) <= date) wrong.push(`${zone} ${date}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a zone that is not an IANA name, and a date that is not one', () => {
    expect(() => dueDates(t('2026-03-10T06:00:00Z'), null, rules, 'Moscow')).toThrow(/time zone "Moscow"/);
    expect(() => dueDates(t('not a date'), null, rules, 'Europe/Moscow')).toThrow(RangeError);
    expect(() => dueOn('2026-02-30', 'Europe/Moscow')).toThrow(/2026-02-30/);
  });
});

describe('extension (art. 12 p.2)', () => {
  const answerBy = dueOn('2026-04-09', 'Asia/Vladivostok');

  it('moves the answer term by up to 30 days, counted from the due date', () => {
    const r = extend(answerBy, 30, rules, false);
    expect(r.ok && show(r.due)).toEqual(['2026-05-09', '2026-05-09T13:59:59.999Z']);
    const shorter = extend(answerBy, 10, rules, false);
    expect(shorter.ok && show(shorter.due)).toEqual(['2026-04-19', '2026-04-19T13:59:59.999Z']);
  });

  it('extends once only', () => {
    const r = extend(answerBy, 10, rules, true);
    expect(r).toMatchObject({ ok: false, error: 'already_extended' });
    expect(!r.ok && r.message).toMatch(/once/);
  });

  it.each([0, 31, -5, 2.5, Number.NaN])('refuses %s days: from 1 to 30', (days) => {
    const r = extend(answerBy, days, rules, false);
    expect(r).toMatchObject({ ok: false, error: 'days_out_of_range' });
    expect(!r.ok && r.message).toMatch(/1 to 30/);
  });

  it("keeps to the type's own limit, and to a type that allows none", () => {
    expect(extend(answerBy, 11, { ...rules, maxExtensionDays: 10 }, false)).toMatchObject({ ok: false, error: 'days_out_of_range' });
    expect(extend(answerBy, 10, { ...rules, maxExtensionDays: 10 }, false).ok).toBe(true);
    const none = extend(answerBy, 1, { ...rules, maxExtensionDays: 0 }, false);
    expect(none).toMatchObject({ ok: false, error: 'days_out_of_range' });
    expect(!none.ok && none.message).toMatch(/no extension/);
  });
});

describe('redirect to another organisation', () => {
  const original = { registeredAt: t('2026-03-10T06:00:00Z'), timeZone: 'Europe/Moscow' };
  const redirect = { registeredAt: t('2026-03-20T06:00:00Z'), timeZone: 'Europe/Moscow' };

  it("counts the new organisation's answer term from the original registration", () => {
    expect(show(afterRedirect(original, redirect, rules))).toEqual(['2026-04-09', '2026-04-09T20:59:59.999Z']);
  });

  it('starts it again from the new registration when the rules say so', () => {
    expect(show(afterRedirect(original, redirect, { ...rules, redirectRestarts: true }))).toEqual(['2026-04-19', '2026-04-19T20:59:59.999Z']);
  });

  it("keeps the date the first organisation registered on and ends it in the new organisation's zone", () => {
    // registered at 00:10 on 11 March in Vladivostok (still the 10th in Moscow), redirected to Moscow
    const far = { registeredAt: t('2026-03-10T14:10:00Z'), timeZone: 'Asia/Vladivostok' };
    expect(show(afterRedirect(far, redirect, rules))).toEqual(['2026-04-10', '2026-04-10T20:59:59.999Z']);
    expect(afterRedirect(far, redirect, rules).timeZone).toBe('Europe/Moscow');
  });
});

describe('status and days left', () => {
  const due = dueOn('2026-04-09', 'Asia/Vladivostok'); // ends at 2026-04-09T13:59:59.999Z

  it.each([
    ['2026-04-05T13:59:59.999Z', 4, 'ok'], // 23:59:59 on the 5th local
    ['2026-04-05T14:00:00.000Z', 3, 'due_soon'], // midnight starting the 6th local
    ['2026-04-08T15:00:00.000Z', 0, 'due_soon'], // 18:00 on the 8th in Moscow, 01:00 on the 9th in Vladivostok
    ['2026-04-09T13:59:59.999Z', 0, 'due_soon'], // the last moment of the due day
    ['2026-04-09T14:00:00.000Z', -1, 'overdue'], // the next day has begun
    ['2026-04-11T14:00:00.000Z', -3, 'overdue'],
  ] as const)('at %s: %i days left, %s', (now, left, expected) => {
    expect(daysLeft(due, t(now))).toBe(left);
    expect(status(due, t(now))).toBe(expected);
  });

  it('takes the number of days that count as soon', () => {
    expect(status(due, t('2026-04-08T12:00:00Z'), 0)).toBe('ok');
    expect(status(due, t('2026-04-08T15:00:00Z'), 0)).toBe('due_soon');
    expect(status(due, t('2026-03-30T12:00:00Z'), 10)).toBe('due_soon');
    expect(() => status(due, t('2026-04-08T12:00:00Z'), -1)).toThrow(RangeError);
  });

  it('counts whole calendar days over a 23-hour day', () => {
    const berlin = dueOn('2026-03-30', 'Europe/Berlin');
    expect(daysLeft(berlin, t('2026-03-28T23:00:00Z'))).toBe(1); // midnight starting the 29th (CET)
    expect(daysLeft(berlin, t('2026-03-29T21:59:59.999Z'))).toBe(1); // its last moment (CEST)
    expect(daysLeft(berlin, t('2026-03-29T22:00:00Z'))).toBe(0);
  });
});

describe('deadline rules', () => {
  it('defaults to the law', () => {
    expect(DEFAULT_DEADLINE_RULES).toEqual({ registerDays: 3, forwardDays: 7, answerDays: 30, maxExtensionDays: 30, redirectRestarts: false });
    expect(parseDeadlineRules({})).toEqual({ ok: true, rules: DEFAULT_DEADLINE_RULES });
    expect(parseDeadlineRules({ answerDays: 60, redirectRestarts: true })).toEqual({ ok: true, rules: { ...DEFAULT_DEADLINE_RULES, answerDays: 60, redirectRestarts: true } });
  });

  it.each([
    [{ answerDays: 0 }, 'answerDays: a whole number of days from 1 to 90, not 0'],
    [{ registerDays: 2.5 }, 'registerDays: a whole number of days from 1 to 30, not 2.5'],
    [{ forwardDays: '7' }, 'forwardDays: a whole number of days from 1 to 30, not "7"'],
    [{ answerDays: 1000 }, 'answerDays: a whole number of days from 1 to 90, not 1000'],
    [{ maxExtensionDays: -1 }, 'maxExtensionDays: a whole number of days from 0 to 90, not -1'],
    [{ maxExtensionDays: 40 }, 'maxExtensionDays: an extension (40 days) may not be longer than the answer term (30 days)'],
    [{ answerDays: 15 }, 'maxExtensionDays: an extension (30 days) may not be longer than the answer term (15 days)'],
    [{ redirectRestarts: 'yes' }, 'redirectRestarts: true or false, not "yes"'],
    [{ answerdays: 30 }, 'unknown rule "answerdays" (the rules are registerDays, forwardDays, answerDays, maxExtensionDays, redirectRestarts)'],
    [null, 'deadline rules: an object such as {"answerDays": 30}, not null'],
    [[30], 'deadline rules: an object such as {"answerDays": 30}, not [30]'],
  ])('refuses %j: %s', (input, message) => {
    expect(parseDeadlineRules(input)).toEqual({ ok: false, errors: [message] });
  });

  it('says everything that is wrong at once', () => {
    const r = parseDeadlineRules({ registerDays: 0, forwardDays: 100 });
    expect(!r.ok && r.errors).toEqual(['registerDays: a whole number of days from 1 to 30, not 0', 'forwardDays: a whole number of days from 1 to 30, not 100']);
  });
});
