// Open now or closed, computed from a region's weekly hours in its own time zone: across time
// zones, at midnight, over a weekend, when the days run into each other, round the clock.
import { describe, expect, it } from 'vitest';
import type { Hours } from '../regions/index.ts';
import { openState, openText } from './open-now.ts';

const day = { open: '09:00', close: '21:00' };
const DAILY: Hours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
const OFFICE: Hours = { ...DAILY, sat: { open: '10:00', close: '16:00' }, sun: null };
const at = (iso: string) => new Date(iso);
const text = (hours: Hours, zone: string, iso: string) => openText(openState(hours, zone, at(iso)).state);

describe('open now', () => {
  it('one moment is open in one region and closed in another, each by its own clock', () => {
    // Monday 7 December 2026, 12:00 UTC
    const now = '2026-12-07T12:00:00Z';
    expect(text(DAILY, 'Europe/Moscow', now)).toBe('Открыто сейчас, до 21:00 по местному времени'); // 15:00
    expect(text(DAILY, 'Europe/Kaliningrad', now)).toBe('Открыто сейчас, до 21:00 по местному времени'); // 14:00
    expect(text(DAILY, 'Asia/Vladivostok', now)).toBe('Закрыто, откроется завтра в 9:00 по местному времени'); // 22:00
    expect(text(DAILY, 'Asia/Kamchatka', now)).toBe('Закрыто, откроется в 9:00 по местному времени'); // Tuesday 0:00
    // Sunday 22:00 UTC is already Monday 10:00 in Kamchatka (UTC+12)
    expect(text(OFFICE, 'Asia/Kamchatka', '2026-12-06T22:00:00Z')).toBe('Открыто сейчас, до 21:00 по местному времени');
    expect(text(OFFICE, 'Europe/Moscow', '2026-12-06T22:00:00Z')).toBe('Закрыто, откроется в 9:00 по местному времени'); // Monday 1:00
  });

  it('at midnight "tomorrow" becomes "today", and the page is built again then', () => {
    const before = openState(DAILY, 'Europe/Moscow', at('2026-12-07T20:59:30Z')); // 23:59:30
    expect(openText(before.state)).toBe('Закрыто, откроется завтра в 9:00 по местному времени');
    expect(before.validUntil.toISOString()).toBe('2026-12-07T21:00:00.000Z');
    const after = openState(DAILY, 'Europe/Moscow', at('2026-12-07T21:00:00Z')); // 0:00
    expect(openText(after.state)).toBe('Закрыто, откроется в 9:00 по местному времени');
  });

  it('opening and closing times are exact to the minute, and the state holds until then', () => {
    expect(text(DAILY, 'Europe/Moscow', '2026-12-07T05:59:59Z')).toBe('Закрыто, откроется в 9:00 по местному времени');
    expect(text(DAILY, 'Europe/Moscow', '2026-12-07T06:00:00Z')).toBe('Открыто сейчас, до 21:00 по местному времени');
    expect(text(DAILY, 'Europe/Moscow', '2026-12-07T17:59:59Z')).toBe('Открыто сейчас, до 21:00 по местному времени');
    expect(text(DAILY, 'Europe/Moscow', '2026-12-07T18:00:00Z')).toBe('Закрыто, откроется завтра в 9:00 по местному времени');
    // 20:30 in Moscow: open for half an hour more
    expect(openState(DAILY, 'Europe/Moscow', at('2026-12-07T17:30:00Z')).validUntil.toISOString()).toBe('2026-12-07T18:00:00.000Z');
    // far from a change, the page is still built again within the hour
    expect(openState(DAILY, 'Europe/Moscow', at('2026-12-07T07:00:00Z')).validUntil.toISOString()).toBe('2026-12-07T08:00:00.000Z');
  });

  it("over a weekend: Saturday's own hours, then Monday", () => {
    expect(text(OFFICE, 'Asia/Yekaterinburg', '2026-12-11T17:00:00Z')).toBe('Закрыто, откроется завтра в 10:00 по местному времени'); // Friday 22:00
    expect(text(OFFICE, 'Asia/Yekaterinburg', '2026-12-12T06:00:00Z')).toBe('Открыто сейчас, до 16:00 по местному времени'); // Saturday 11:00
    expect(text(OFFICE, 'Asia/Yekaterinburg', '2026-12-12T12:00:00Z')).toBe('Закрыто, откроется в понедельник в 9:00 по местному времени'); // Saturday 17:00
    expect(text(OFFICE, 'Asia/Yekaterinburg', '2026-12-13T12:00:00Z')).toBe('Закрыто, откроется завтра в 9:00 по местному времени'); // Sunday 17:00
    const tuesdayOnly: Hours = { mon: null, tue: day, wed: null, thu: null, fri: null, sat: null, sun: null };
    expect(text(tuesdayOnly, 'Europe/Moscow', '2026-12-09T09:00:00Z')).toBe('Закрыто, откроется во вторник в 9:00 по местному времени'); // Wednesday
  });

  it("days that run into each other are one stretch, across midnight and the week's end", () => {
    const late: Hours = { ...DAILY, fri: { open: '09:00', close: '24:00' }, sat: { open: '00:00', close: '18:00' } };
    expect(text(late, 'Europe/Moscow', '2026-12-11T20:00:00Z')).toBe('Открыто сейчас, до 18:00 завтра по местному времени'); // Friday 23:00
    expect(text(late, 'Europe/Moscow', '2026-12-11T21:30:00Z')).toBe('Открыто сейчас, до 18:00 по местному времени'); // Saturday 0:30
    const sundayNight: Hours = { ...DAILY, sun: { open: '09:00', close: '24:00' }, mon: { open: '00:00', close: '21:00' } };
    expect(text(sundayNight, 'Europe/Moscow', '2026-12-13T20:00:00Z')).toBe('Открыто сейчас, до 21:00 завтра по местному времени'); // Sunday 23:00
    const toMidnight: Hours = { ...DAILY, mon: { open: '09:00', close: '24:00' } };
    expect(text(toMidnight, 'Europe/Moscow', '2026-12-07T19:00:00Z')).toBe('Открыто сейчас, до 24:00 по местному времени'); // Monday 22:00
    const nightOpen: Hours = { ...DAILY, tue: { open: '00:00', close: '21:00' } };
    expect(text(nightOpen, 'Europe/Moscow', '2026-12-07T19:00:00Z')).toBe('Закрыто, откроется завтра в 0:00 по местному времени');
  });

  it('round the clock, and never', () => {
    const allDay = { open: '00:00', close: '24:00' };
    const always: Hours = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
    expect(text(always, 'Asia/Magadan', '2026-12-07T12:00:00Z')).toBe('Открыто сейчас, круглосуточно');
    const never: Hours = { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null };
    expect(text(never, 'Europe/Moscow', '2026-12-07T12:00:00Z')).toBe('Сейчас закрыто');
  });
});
