// The portal wizard's state from a URL and its result page, over a small catalogue with what the
// demo data lacks: a condition only a person can judge (a "yes" becomes "possibly"), a regional
// variant, an answer that is not published.
import { describe, expect, it } from 'vitest';
import { visibleText } from '../../test/support/portal.ts';
import { parseCatalog } from './catalog-schema.ts';
import { Navigator } from './engine.ts';
import { groupOf, resultPage } from './result-page.ts';
import { readWizard } from './wizard.ts';

const catalog = parseCatalog(
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
    { var: 'kids', question: 'Сколько детей?', type: 'number', max: 20 },
    { var: 'loan', question: 'Есть кредит?', type: 'boolean' },
  ],
  [
    {
      id: 'm-pay',
      title: 'Выплата',
      summary: 'Деньги.',
      provider: 'Минобороны',
      category: 'выплаты',
      eligibility: { var: 'status', eq: 'mobilized' },
      how_to_apply: 'Само придёт.',
      answer_ids: ['live-answer', 'draft-answer'],
      regional: [{ region: '77', how_to_apply: 'В Москве — через МФЦ.' }],
    },
    {
      id: 'm-many',
      title: 'Многодетным',
      summary: 'Льгота.',
      provider: 'регион',
      category: 'льготы',
      eligibility: {
        all: [
          { var: 'status', eq: 'mobilized' },
          { var: 'kids', gte: 3 },
        ],
      },
      how_to_apply: 'Заявление.',
      judged: ['Дети живут с вами'],
    },
    {
      id: 'm-loan',
      title: 'Каникулы',
      summary: 'Отсрочка.',
      provider: 'банк',
      category: 'кредиты',
      eligibility: {
        all: [
          { var: 'status', eq: 'mobilized' },
          { var: 'loan', eq: true },
        ],
      },
      how_to_apply: 'В банк.',
    },
  ],
);
const nav = new Navigator(catalog);
const read = (q: Record<string, unknown>) => readWizard(nav, catalog.questions, q);
const vars = (s: ReturnType<typeof read>) => s.path.map((a) => a.question.var);

describe('the wizard’s state from the URL', () => {
  it('asks the next question, keeps the answers that matter in the order asked, and ends', () => {
    expect(read({}).current?.var).toBe('status');
    const mid = read({ loan: 'true', status: 'mobilized' });
    expect(vars(mid)).toEqual(['status']);
    expect(mid.current?.var).toBe('kids');
    const done = read({ status: 'mobilized', kids: '4', loan: 'false', utm_source: 'x' });
    expect(done.current).toBeNull();
    expect(vars(done)).toEqual(['status', 'kids', 'loan']);
    // an answer that no longer matters after a change is not on the path
    expect(vars(read({ status: 'none', kids: '4', loan: 'false' }))).toEqual(['status']);
  });

  it('reopens an answered question to change it, with its answer chosen; an unknown or unanswered one is ignored', () => {
    const s = read({ status: 'mobilized', kids: '4', change: 'status' });
    expect(s.current?.var).toBe('status');
    expect(s.changing).toBe(true);
    expect(s.shown).toBe('mobilized');
    expect(read({ status: 'mobilized', change: 'loan' }).changing).toBe(false);
    expect(read({ status: 'mobilized', change: 'nothing' }).current?.var).toBe('kids');
  });

  it('brings a bad value back at its question with a Russian message, what was typed kept', () => {
    const cases: [Record<string, unknown>, string, string, string][] = [
      [{ status: 'general' }, 'status', 'general', 'Выберите один из предложенных вариантов ответа.'],
      [{ status: ['mobilized', 'none'] }, 'status', '', 'В адресе страницы два ответа на этот вопрос. Ответьте на него ещё раз.'],
      [{ status: 'mobilized', kids: '21' }, 'kids', '21', 'Введите число от 0 до 20.'],
      [{ status: 'mobilized', kids: 'три' }, 'kids', 'три', 'Введите целое число от 0 до 20, цифрами.'],
      [{ status: 'mobilized', answered: 'kids', kids: ' ' }, 'kids', '', 'Укажите число.'],
      [{ answered: 'status' }, 'status', '', 'Выберите один из вариантов.'],
    ];
    for (const [query, v, shown, message] of cases) {
      const s = read(query);
      expect(s.current?.var, JSON.stringify(query)).toBe(v);
      expect(s.shown).toBe(shown);
      expect(s.problems).toEqual([message]);
    }
    // a bad value of a question not (yet) asked waits for its turn
    expect(read({ loan: 'maybe' }).problems).toEqual([]);
  });
});

describe('the result page', () => {
  const titles = (slug: string) => (slug === 'live-answer' ? 'Как получить выплату?' : undefined);
  const state = read({ status: 'mobilized', kids: '3', loan: 'false' });

  it('groups: every condition met / a condition only a person judges / failed, each with why', () => {
    const groups = Object.fromEntries(state.step.results.map((r) => [r.id, groupOf(r)]));
    expect(groups).toEqual({ 'm-pay': 'eligible', 'm-many': 'possibly', 'm-loan': 'not' });
    const html = resultPage(catalog, state, titles, null).content.value;
    const section = (id: string) => visibleText((html.split(`aria-labelledby="group-${id}"`)[1] ?? '').split('</section>')[0]!);
    expect(section('eligible')).toContain('Выплата');
    expect(section('possibly')).toContain('Многодетным');
    expect(section('possibly')).toContain('Проверит организация: Дети живут с вами');
    expect(section('not')).toContain('Каникулы');
    expect(section('not')).toContain('Не подходит:');
  });

  it('says so when nothing fits', () => {
    const none = read({ status: 'none' });
    expect(none.current).toBeNull();
    const text = visibleText(resultPage(catalog, none, titles, null).content.value);
    expect(text).toContain('Положены вам (0) По вашим ответам ни одна мера из навигатора не подходит.');
    expect(text).toContain('Не подходят по вашим ответам (3)');
    expect(text).not.toContain('Могут быть положены');
  });

  it('links published answers only, and shows the visitor’s regional variant', () => {
    const html = resultPage(catalog, state, titles, { code: '77', name: 'Москва' }).content.value;
    expect(html).toContain('<a href="/answers/live-answer">Как получить выплату?</a>');
    expect(html).not.toContain('draft-answer');
    expect(visibleText(html)).toContain('В регионе: Москва В Москве — через МФЦ.');
    expect(visibleText(resultPage(catalog, state, titles, { code: '50', name: 'Московская область' }).content.value)).not.toContain('МФЦ');
  });
});
