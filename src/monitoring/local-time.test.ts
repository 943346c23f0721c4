import { describe, expect, it } from 'vitest';
import { localDate, localDay, localMidnight } from './local-time.ts';

describe('local days', () => {
  it('knows a Moscow day and a Kamchatka day', () => {
    const t = new Date('2026-03-01T22:30:00Z');
    expect(localDay(t, 'Europe/Moscow')).toEqual({ date: '2026-03-02', from: new Date('2026-03-01T21:00:00Z'), to: new Date('2026-03-02T21:00:00Z') });
    expect(localDate(t, 'Asia/Kamchatka')).toBe('2026-03-02');
  });

  it('writes years before 1000 with four digits and reads years 0–99 as they are (a stored row from another age must not break a report)', () => {
    expect(localDate(new Date('0999-06-01T10:00:00Z'), 'UTC')).toBe('0999-06-01');
    expect(localMidnight('0050-01-02', 'UTC').toISOString()).toBe('0050-01-02T00:00:00.000Z');
    expect(localDay(new Date('0050-12-31T10:00:00Z'), 'UTC').to.toISOString()).toBe('0051-01-01T00:00:00.000Z');
  });

  it('walks day after day in every zone, even where local time once had seconds in its offset', () => {
    for (const zone of ['Europe/Moscow', 'Asia/Kamchatka', 'Asia/Vladivostok', 'Europe/Kaliningrad', 'Asia/Yekaterinburg', 'Asia/Novosibirsk', 'Asia/Magadan']) {
      let day = localDay(new Date('0999-06-01T12:00:00Z'), zone);
      for (let i = 0; i < 3; i++) {
        const next = localDay(day.to, zone);
        expect(next.from.getTime(), zone).toBe(day.to.getTime());
        expect(next.date > day.date, `${zone} ${next.date}`).toBe(true);
        day = next;
      }
    }
  });
});
