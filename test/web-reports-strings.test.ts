// The reports' sentences with a count in them: the noun (and a verb) agree with the number, also
// after «млн» and in the dative of «по N неделям».
import { describe, expect, it } from 'vitest';
import { t } from '../web/reports/strings.ts';

describe('reports: counted nouns', () => {
  it('says calls in the form their number takes', () => {
    expect(t.yearCalls('1', 1)).toBe('1 звонок');
    expect(t.yearCalls('3', 3)).toBe('3 звонка');
    expect(t.yearCalls('12', 12)).toBe('12 звонков');
    expect(t.yearCalls('1 021', 1021)).toBe('1 021 звонок');
    expect(t.yearCalls('59 млн', 59_000_000)).toBe('59 млн звонков');
    expect(t.yearCalls('12,3 млн', 12_300_000)).toBe('12,3 млн звонков');
    expect(t.peak('12 мар 2026', '22', 22)).toBe('Пик: 12 мар 2026 — 22 звонка');
    expect(t.sinceLaunch('101', 101, '1 мар 2026')).toBe('С начала работы (1 мар 2026): 101 звонок');
    expect(t.peakMonth('март 2026', '5', 5)).toBe('Пиковый месяц — март 2026: 5 звонков');
    expect(t.peakDay('2 мар 2026', '2', 2)).toBe('Самый напряжённый день — 2 мар 2026: 2 звонка');
  });

  it('agrees regions, operators and weeks with their numbers', () => {
    expect(t.regionsMeeting(1, 1)).toBe('1 из 1 региона со звонками выполнил нормативы за год');
    expect(t.regionsMeeting(2, 85)).toBe('2 из 85 регионов со звонками выполнили нормативы за год');
    expect(t.plan.peakAt('пн 10:00', 1, 21)).toBe('Пик: пн 10:00 — 1 оператор в графике на 21 звонок за 15 минут');
    expect(t.plan.peakAt('пн 10:00', 3, 20)).toBe('Пик: пн 10:00 — 3 оператора в графике на 20 звонков за 15 минут');
    expect(t.calc.answer(1, 2, '80 %', '50 %')).toMatch(/^Нужен 1 оператор на линии, 2 в графике;/);
    expect(t.calc.answer(14, 20, '80 %', '85 %')).toMatch(/^Нужно 14 операторов на линии, 20 в графике;/);
    expect(t.plan.basis(1, '700', 700, 'как прошлая неделя', '80 %', 20, 180, 'измерено', '30 %')).toMatch(/^Прогноз по 1 неделе \(700 звонков\), /);
    expect(t.plan.basis(4, '2 802', 2802, 'как прошлая неделя', '80 %', 20, 180, 'измерено', '30 %')).toMatch(/^Прогноз по 4 неделям \(2 802 звонка\), /);
  });
});
