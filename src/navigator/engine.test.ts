// The engine on small hand-made catalogues: Kleene's three values through all / any / not, the
// next question (the one that settles the most open measures, ties by the order), the stop when
// nothing open can change, the questions a changed answer made pointless, and parseAnswers.
import { describe, expect, it } from 'vitest';
import { parseCatalog } from './catalog-schema.ts';
import { compileRule, NO, UNKNOWN, YES, type T } from './compile.ts';
import { Navigator, type Answers } from './engine.ts';
import type { Rule } from './rules.ts';

const bool = (name: string) => ({ var: name, question: `Вопрос ${name}?`, type: 'boolean' });
const measure = (id: string, eligibility: Rule) => ({ id, title: id, summary: 'Мера.', provider: 'Фонд', category: 'выплаты', eligibility, how_to_apply: 'Заявление.' });
const is = (name: string, value = true): Rule => ({ var: name, eq: value });
/** A navigator over yes-or-no questions named as given and measures { id: rule }. */
function navigator(vars: string[], measures: Record<string, Rule>, order?: string[]): Navigator {
  return new Navigator(
    parseCatalog(
      vars.map(bool),
      Object.entries(measures).map(([id, r]) => measure(id, r)),
      order,
    ),
  );
}
const truths = (nav: Navigator, answers: Answers) => Object.fromEntries(nav.step(answers).results.map((r) => [r.id, r.truth]));

describe('three-valued evaluation', () => {
  // p and q: yes, no or not answered; Kleene's tables
  const states: [string, boolean | undefined, T][] = [
    ['yes', true, YES],
    ['no', false, NO],
    ['unknown', undefined, UNKNOWN],
  ];
  const said = { [YES]: 'yes', [NO]: 'no', [UNKNOWN]: 'unknown' };
  const kleeneAnd = (a: T, b: T): T => (a === NO || b === NO ? NO : a === UNKNOWN || b === UNKNOWN ? UNKNOWN : YES);
  const kleeneOr = (a: T, b: T): T => (a === YES || b === YES ? YES : a === UNKNOWN || b === UNKNOWN ? UNKNOWN : NO);
  const catalog = parseCatalog([bool('p'), bool('q')], []);
  const index = new Map([
    ['p', 0],
    ['q', 1],
  ]);
  const ev = (rule: Rule, p: boolean | undefined, q: boolean | undefined) => compileRule(rule, catalog.questions, index).root.ev([p, q]);

  for (const [pName, p, pt] of states)
    for (const [qName, q, qt] of states)
      it(`p ${pName}, q ${qName}: all ${said[kleeneAnd(pt, qt)]}, any ${said[kleeneOr(pt, qt)]}`, () => {
        expect(ev({ all: [is('p'), is('q')] }, p, q)).toBe(kleeneAnd(pt, qt));
        expect(ev({ any: [is('p'), is('q')] }, p, q)).toBe(kleeneOr(pt, qt));
      });

  it('not swaps yes and no and keeps unknown', () => {
    expect(ev({ not: is('p') }, true, undefined)).toBe(NO);
    expect(ev({ not: is('p') }, false, undefined)).toBe(YES);
    expect(ev({ not: is('p') }, undefined, true)).toBe(UNKNOWN);
    // not over a group: de Morgan holds with unknowns
    expect(ev({ not: { all: [is('p'), is('q')] } }, false, undefined)).toBe(YES);
    expect(ev({ not: { any: [is('p'), is('q')] } }, false, undefined)).toBe(UNKNOWN);
    expect(ev({ not: { any: [is('p'), is('q')] } }, undefined, true)).toBe(NO);
  });

  it('a step reports the same three values: an unanswered question is not a "no"', () => {
    // q first in the order, so a step with q alone answered stops before p
    const nav = navigator(['p', 'q'], { both: { all: [is('p'), is('q')] }, either: { any: [is('p'), is('q')] }, notp: { not: is('p') }, notq: { not: is('q') } }, ['q', 'p']);
    expect(nav.step({}).results.every((r) => r.truth === 'unknown')).toBe(true);
    expect(nav.step({ q: true }).asked).toEqual(['q']);
    expect(truths(nav, { q: true })).toEqual({ both: 'unknown', either: 'yes', notp: 'unknown', notq: 'no' });
    expect(truths(nav, { q: false })).toEqual({ both: 'no', either: 'unknown', notp: 'unknown', notq: 'yes' });
    expect(truths(nav, { q: false, p: false })).toEqual({ both: 'no', either: 'no', notp: 'yes', notq: 'yes' });
  });

  it('explains an open measure by what it still needs, a settled one by the answers', () => {
    const nav = navigator(['p', 'q'], { both: { all: [is('p'), is('q')] } }, ['q', 'p']);
    const open = nav.step({ q: true }).results[0]!.explanation;
    expect(open.held).toEqual(['Вопрос q? Ваш ответ: «да».']);
    expect(open.open).toEqual(['Вопрос p? Нужен ответ: «да».']);
    const failed = nav.step({ q: true, p: false }).results[0]!.explanation;
    expect(failed.failed).toEqual(['Вопрос p? Ваш ответ: «нет», а нужен: «да».']);
  });
});

describe('the next question', () => {
  it('is the one that settles the most open measures, not the first in the order', () => {
    const nav = navigator(['a', 'b', 'c'], { m1: is('a'), m2: { all: [is('b'), is('c')] }, m3: { all: [is('b', false), is('c')] } });
    // a settles m1; b settles m2 (no) and m3 (no); c settles m2 and m3 too (no) — b wins over c by order
    expect(nav.step({}).next?.var).toBe('b');
  });

  it('counts the measures an answer settles, not the ones that mention the question', () => {
    // x and y appear in two measures but neither settles one alone; z, w and u each settle one
    const nav = navigator(['x', 'y', 'z', 'w', 'u'], { m1: { all: [{ any: [is('x'), is('y')] }, is('z')] }, m2: { all: [{ any: [is('x'), is('y')] }, is('w')] }, m3: is('u') });
    expect(nav.step({}).next?.var).toBe('z');
  });

  it('breaks ties by the catalogue’s order, then by the questions’ order', () => {
    const rules = { ma: is('a'), mb: is('b'), mc: is('c') };
    expect(navigator(['a', 'b', 'c'], rules).step({}).next?.var).toBe('a');
    expect(navigator(['a', 'b', 'c'], rules, ['c', 'b']).step({}).next?.var).toBe('c');
    expect(navigator(['a', 'b', 'c'], rules, ['c', 'b']).step({ c: true }).next?.var).toBe('b');
    // a question the order leaves out comes after those it names
    expect(navigator(['a', 'b', 'c'], rules, ['c']).step({ c: true }).next?.var).toBe('a');
  });

  it('when no single answer settles anything, asks the question that can change the most open measures', () => {
    const nav = navigator(['a', 'b', 'c', 'd', 'e'], {
      m1: { any: [{ all: [is('a'), is('b')] }, { all: [is('c'), is('d')] }] },
      m2: { any: [{ all: [is('b'), is('c')] }, { all: [is('d'), is('e')] }] },
    });
    // a and e are live in one measure each, b, c and d in two: b by the order
    expect(nav.step({}).next?.var).toBe('b');
  });

  it('follows the answers: what is asked next depends on what was answered', () => {
    const nav = navigator(['a', 'b', 'c'], { m1: { all: [is('a'), is('b')] }, m2: { all: [is('a', false), is('c')] } });
    expect(nav.step({}).next?.var).toBe('a');
    expect(nav.step({ a: true }).next?.var).toBe('b');
    expect(nav.step({ a: false }).next?.var).toBe('c');
  });
});

describe('stopping', () => {
  it('stops when every measure is settled, leaving questions that cannot change anything unasked', () => {
    const nav = navigator(['a', 'b', 'unused'], { m1: { all: [is('a'), is('b')] }, m2: { any: [is('a'), is('b')] } });
    const s = nav.step({ a: true, unused: true });
    // m2 is yes with a alone; m1 still needs b
    expect(s.next?.var).toBe('b');
    const done = nav.step({ a: true, b: false, unused: true });
    expect(done.next).toBeNull();
    expect(done.asked).toEqual(['a', 'b']);
    expect(truths(nav, { a: true, b: false })).toEqual({ m1: 'no', m2: 'yes' });
    // a "no" to a settles m1, but m2 still needs b
    expect(nav.step({ a: false }).next?.var).toBe('b');
  });

  it('never asks a question no rule names, and has nothing to ask with no measures', () => {
    const nav = navigator(['a', 'unused'], { m: is('a') });
    expect(nav.step({}).next?.var).toBe('a');
    expect(nav.step({ a: false }).next).toBeNull();
    expect(navigator(['a'], {}).step({})).toEqual({ results: [], next: null, asked: [] });
  });

  it('stops with the measure open when the next answer is missing, without skipping to a later question', () => {
    const nav = navigator(['a', 'b'], { m: { all: [is('a'), is('b')] } });
    const s = nav.step({ b: true });
    expect(s.asked).toEqual([]);
    expect(s.next?.var).toBe('a');
    expect(s.results[0]!.truth).toBe('unknown');
  });
});

describe('asked', () => {
  const nav = navigator(['a', 'b', 'c'], { m1: { all: [is('a'), is('b')] }, m2: { all: [is('a'), is('c')] }, m3: { all: [is('a', false), is('c', false)] } });

  it('lists the questions in the order the wizard asked them, not the order of the answers given', () => {
    expect(nav.step({ c: true, b: true, a: true }).asked).toEqual(['a', 'b', 'c']);
  });

  it('leaves out answers a changed answer made pointless, and ignores them', () => {
    // with a "yes" b matters (m1); changed to "no", m1 is settled and b is not asked again
    expect(nav.step({ a: true, b: true, c: true }).asked).toEqual(['a', 'b', 'c']);
    const changed = nav.step({ a: false, b: true, c: true });
    expect(changed.asked).toEqual(['a', 'c']);
    expect(changed.next).toBeNull();
    const m1 = changed.results.find((r) => r.id === 'm1')!;
    expect(m1.truth).toBe('no');
    expect(JSON.stringify(m1.explanation)).not.toContain('Вопрос b?');
  });
});

describe('parseAnswers', () => {
  const nav = new Navigator(
    parseCatalog(
      [
        {
          var: 'status',
          question: 'Кто вы?',
          type: 'choice',
          options: [
            { value: 'mobilized', label: 'Мобилизован' },
            { value: 'none', label: 'Никто' },
          ],
        },
        bool('loan'),
        { var: 'kids', question: 'Сколько детей?', type: 'number', max: 20 },
        { var: 'delta', question: 'На сколько изменился доход?', type: 'number', min: -100, max: 100 },
      ],
      [measure('m', { all: [is('loan'), { var: 'kids', gte: 1 }, { var: 'status', eq: 'mobilized' }, { var: 'delta', lte: -30 }] })],
    ),
  );

  it('reads yes / no, options and whole numbers, trimmed; ignores unknown names and empty values', () => {
    expect(nav.parseAnswers({ status: ' none ', loan: 'yes', kids: '3', delta: '-40', utm_source: 'x', other: '' })).toEqual({
      answers: { status: 'none', loan: true, kids: 3, delta: -40 },
      problems: [],
    });
    expect(nav.parseAnswers({ loan: 'false', kids: '' }).answers).toEqual({ loan: false });
    expect(nav.parseAnswers({ loan: 'true' }).answers).toEqual({ loan: true });
    expect(nav.parseAnswers({ loan: 'no' }).answers).toEqual({ loan: false });
  });

  it('says each bad answer in Russian and leaves it out', () => {
    expect(nav.parseAnswers({ status: 'retired', loan: 'maybe', kids: 'три', delta: '1.5' })).toEqual({
      answers: {},
      problems: [
        { var: 'status', message: 'Выберите один из предложенных вариантов ответа.' },
        { var: 'loan', message: 'Ответьте «да» или «нет».' },
        { var: 'kids', message: 'Введите целое число от 0 до 20, цифрами.' },
        { var: 'delta', message: 'Введите целое число от -100 до 100, цифрами.' },
      ],
    });
  });

  it('refuses numbers outside the question’s range, and the answers read back as they were', () => {
    expect(nav.parseAnswers({ kids: '21', delta: '-101', loan: 'yes' })).toEqual({
      answers: { loan: true },
      problems: [
        { var: 'kids', message: 'Введите число от 0 до 20.' },
        { var: 'delta', message: 'Введите число от -100 до 100.' },
      ],
    });
    expect(nav.parseAnswers({ kids: '-1' }).problems).toEqual([{ var: 'kids', message: 'Введите число от 0 до 20.' }]);
    const answers = { status: 'mobilized', loan: false, kids: 0, delta: -5 };
    expect(nav.parseAnswers(nav.toStrings(answers)).answers).toEqual(answers);
  });
});
