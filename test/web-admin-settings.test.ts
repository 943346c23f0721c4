// The admin app's «Регионы», «Очереди» and «Меню IVR» without a browser: their addresses name a
// region, norms typed as percentages, overflow targets as typed, escalation steps as the API takes
// them, the API's messages in sentences, and what a caller hears from a menu.
import { describe, expect, it } from 'vitest';
import { escalationStepSchema } from '../src/contact-center/queues.ts';
import { promptTexts } from '../src/telephony/media/prompt-texts.ts';
import { explain } from '../web/admin/problems.ts';
import { href, parse } from '../web/admin/route.ts';
import { stepBody, stepPlace } from '../web/admin/settings/steps.ts';
import { dayDraft, heardLines, hoursBody, queueOfTopic, readNorm, readTargets, recordedSections, showNorm, showTargets, type Queue } from '../web/admin/settings/model.ts';

const queue = (id: number, name: string, skills: string[]) => ({ id, name, skills, title: name }) as Queue;

describe('admin app: regions, queues and IVR menus', () => {
  it('keeps a region in the address of its settings, queues and menu', () => {
    for (const section of ['regions', 'queues', 'ivr'] as const) {
      expect(parse(`#${section}/77`)).toEqual({ section, tab: 'types', item: '77' });
      expect(href({ section, tab: 'types', item: '05' })).toBe(`#${section}/05`);
      expect(parse(`#${section}`)).toEqual({ section, tab: 'types' });
      // (anything but a region's code is not one)
      expect(parse(`#${section}/x`)).toEqual({ section, tab: 'types' });
    }
    expect(parse('#queues/federal').item).toBe('federal');
  });

  it('shows shares as percentages and reads them back; an empty field is the federal value; words go as typed', () => {
    expect(showNorm('serviceLevelTarget', 0.8)).toBe('80');
    expect(showNorm('maxAsaSeconds', 45)).toBe('45');
    expect(readNorm('serviceLevelTarget', '85')).toBe(0.85);
    expect(readNorm('maxAbandonRate', '7,5 %')).toBe(0.075);
    expect(readNorm('serviceLevelSeconds', ' 20 ')).toBe(20);
    expect(readNorm('serviceLevelSeconds', '')).toBeUndefined();
    expect(readNorm('serviceLevelSeconds', 'много')).toBe('много');
  });

  it('sends only the days a region sets itself: its hours, or null for closed', () => {
    const federal = { open: '09:00', close: '18:00' };
    expect(dayDraft(undefined, federal)).toEqual({ mode: 'default', open: '09:00', close: '18:00' });
    expect(dayDraft(null, federal).mode).toBe('closed');
    const draft = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, dayDraft(undefined, federal)])) as Parameters<typeof hoursBody>[0];
    draft.mon = { mode: 'open', open: ' 08:00', close: '20:00 ' };
    draft.sun = { mode: 'closed', open: '', close: '' };
    expect(hoursBody(draft)).toEqual({ mon: { open: '08:00', close: '20:00' }, sun: null });
  });

  it('reads overflow targets as typed, the reserve centre by its word, and gives escalation steps the API takes', () => {
    expect(readTargets('50, 69; резерв')).toEqual(['50', '69', 'federal']);
    expect(showTargets(['50', 'federal'])).toBe('50, резерв');
    const overflow = stepBody({ key: 1, action: 'overflow', after: '', noOperators: true, to: '50, резерв' });
    expect(overflow).toEqual({ action: 'overflow', whenNoOperators: true, to: ['50', 'federal'] });
    expect(escalationStepSchema.safeParse(overflow).success).toBe(true);
    const widen = stepBody({ key: 2, action: 'widen_skills', after: '90', noOperators: false, to: '' });
    expect(escalationStepSchema.safeParse(widen).success).toBe(true);
    // a step refused as a whole is shown at its «after» field, a target at its list
    expect(stepPlace('escalation.1')).toBe('escalation.1.afterSeconds');
    expect(stepPlace('escalation.0.to.2')).toBe('escalation.0.to');
  });

  it('says the API’s refusals of hours and menus in Russian', () => {
    expect(explain('close must be later than open')).toBe('Закрытие должно быть позже открытия.');
    expect(explain('a time HH:MM, 00:00 to 24:00')).toContain('ЧЧ:ММ');
    expect(explain('digit 3 is used by an earlier item')).toBe('Цифра 3 уже занята пунктом выше.');
    expect(explain('no section "Погода" in the knowledge base')).toBe('Такого раздела в базе знаний нет.');
    // a number out of bounds is told its bound, not that it must be a number
    expect(explain('Too big: expected number to be <=120')).toBe('Не больше 120.');
    expect(explain('Invalid input: expected number, received string')).toBe('Нужно число.');
  });

  it('says what a caller hears: the greeting only when the menu has one, and only the items with a recorded name', () => {
    const [recorded, other] = [...recordedSections];
    expect(recorded && other).toBeTruthy();
    const items = [
      { digit: '2', section: recorded! },
      { digit: '5', section: 'Раздел без записи' },
      { digit: '7', section: other! },
    ];
    expect(heardLines({ greeting: null, items })).toEqual([promptTexts.menuIntro, `${recorded} — нажмите два.`, `${other} — нажмите семь.`, promptTexts.menuOther]);
    expect(heardLines({ greeting: 'Добрый день', items })[0]).toBe(promptTexts.greeting);
  });

  it('names the queue a topic goes to: the one taking it, else the general one', () => {
    const queues = [queue(1, 'general', []), queue(2, 'mobilization', ['Частичная мобилизация'])];
    expect(queueOfTopic(queues, 'Частичная мобилизация')?.id).toBe(2);
    expect(queueOfTopic(queues, 'Вакцинация')?.id).toBe(1);
  });
});
