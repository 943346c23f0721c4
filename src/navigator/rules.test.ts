// checkRule, operator by operator and error by error: each problem at its JSON path with the
// Russian message an editor reads; a good rule has none. Over three small questions of each kind.
import { describe, expect, it } from 'vitest';
import { parseCatalog, CatalogError } from './catalog-schema.ts';
import { checkRule, ruleSchema, ruleVars, type RuleQuestion } from './rules.ts';

const questions: RuleQuestion[] = [
  {
    var: 'status',
    type: 'choice',
    options: [
      { value: 'mobilized', label: 'Мобилизован' },
      { value: 'none', label: 'Никто' },
    ],
  },
  { var: 'loan', type: 'boolean' },
  { var: 'kids', type: 'number', min: 0, max: 20 },
];
const check = (rule: unknown) => checkRule(rule, questions);
const one = (rule: unknown) => {
  const problems = check(rule);
  expect(problems).toHaveLength(1);
  return problems[0]!;
};

describe('checkRule: good rules', () => {
  it.each([
    ['eq on a choice', { var: 'status', eq: 'mobilized' }],
    ['eq on yes-or-no', { var: 'loan', eq: false }],
    ['eq on a number', { var: 'kids', eq: 3 }],
    ['in on a choice', { var: 'status', in: ['mobilized', 'none'] }],
    ['in on a number', { var: 'kids', in: [1, 2] }],
    ['gte', { var: 'kids', gte: 3 }],
    ['lte', { var: 'kids', lte: 19 }],
    ['all, any and not nested', { all: [{ any: [{ var: 'loan', eq: true }, { not: { var: 'kids', lte: 2 } }] }, { not: { not: { var: 'status', eq: 'none' } } }] }],
  ])('%s has no problems', (_name, rule) => {
    expect(check(rule)).toEqual([]);
    expect(ruleSchema.safeParse(rule).success).toBe(true);
  });
});

describe('checkRule: each kind of error at its path', () => {
  it('a question no one asks', () => {
    expect(one({ var: 'income', eq: 1 })).toEqual({ path: 'eligibility.var', message: 'Нет вопроса «income».' });
  });

  it('a value that is not among a choice’s options, alone and in a list', () => {
    expect(one({ var: 'status', eq: 'retired' })).toEqual({ path: 'eligibility.eq', message: 'У вопроса «status» нет варианта «retired»: есть «mobilized», «none».' });
    expect(one({ var: 'status', in: ['none', 'retired'] })).toEqual({ path: 'eligibility.in.1', message: 'У вопроса «status» нет варианта «retired»: есть «mobilized», «none».' });
  });

  it('a value of the wrong kind for the question', () => {
    expect(one({ var: 'kids', eq: '3' })).toEqual({ path: 'eligibility.eq', message: 'Ответ на вопрос «kids» — число, а не "3".' });
    expect(one({ var: 'kids', gte: '3' })).toEqual({ path: 'eligibility.gte', message: '«gte» сравнивает с числом, а не с "3".' });
    expect(one({ var: 'kids', in: [1, 'two'] })).toEqual({ path: 'eligibility.in.1', message: 'Ответ на вопрос «kids» — число, а не "two".' });
    expect(one({ var: 'status', eq: 1 })).toEqual({ path: 'eligibility.eq', message: 'Ответ на вопрос «status» — один из вариантов (строка), а не 1.' });
    expect(one({ var: 'loan', eq: 'yes' })).toEqual({ path: 'eligibility.eq', message: 'Ответ на вопрос «loan» — true или false, а не "yes".' });
  });

  it('a number outside the question’s range, and a bound that makes the condition constant', () => {
    expect(one({ var: 'kids', eq: 21 })).toEqual({ path: 'eligibility.eq', message: 'Ответ на вопрос «kids» не может быть 21: допустимо от 0 до 20.' });
    expect(one({ var: 'kids', gte: 0 })).toEqual({ path: 'eligibility.gte', message: 'Условие «не меньше 0» для вопроса «kids» (от 0 до 20) выполняется всегда или никогда.' });
    expect(one({ var: 'kids', lte: 20 })).toEqual({ path: 'eligibility.lte', message: 'Условие «не больше 20» для вопроса «kids» (от 0 до 20) выполняется всегда или никогда.' });
  });

  it('gte or lte on a choice or a yes-or-no question, in on a yes-or-no question', () => {
    expect(one({ var: 'status', gte: 1 })).toEqual({ path: 'eligibility.gte', message: '«gte» сравнивает числа, а вопрос «status» с выбором ответа.' });
    expect(one({ var: 'loan', lte: 1 })).toEqual({ path: 'eligibility.lte', message: '«lte» сравнивает числа, а вопрос «loan» «да или нет».' });
    expect(one({ var: 'loan', in: [true] })).toEqual({ path: 'eligibility.in', message: 'Вопрос «loan» «да или нет»: для него «in» не нужен, используйте «eq» с true или false.' });
  });

  it('a bad in list: not a list, empty, a value twice', () => {
    expect(one({ var: 'status', in: 'none' })).toEqual({ path: 'eligibility.in', message: '«in» — это список допустимых ответов.' });
    expect(one({ var: 'status', in: [] })).toEqual({ path: 'eligibility.in', message: 'Список «in» пуст: условие никогда не выполнится.' });
    expect(one({ var: 'kids', in: [1, 2, 1] })).toEqual({ path: 'eligibility.in.2', message: 'Ответ 1 повторяется в списке «in».' });
  });

  it('an empty all or any, or one that is not a list', () => {
    expect(one({ all: [] })).toEqual({ path: 'eligibility.all', message: 'Список условий «all» пуст.' });
    expect(one({ any: [] })).toEqual({ path: 'eligibility.any', message: 'Список условий «any» пуст.' });
    expect(one({ all: { var: 'loan', eq: true } })).toEqual({ path: 'eligibility.all', message: '«all» — это список условий.' });
  });

  it('an unknown operator, as a group or as a comparison', () => {
    expect(one({ xor: [{ var: 'loan', eq: true }] })).toEqual({ path: 'eligibility', message: 'Неизвестное условие с ключами xor: ожидались all, any, not или var.' });
    expect(one({})).toEqual({ path: 'eligibility', message: 'Неизвестное условие с ключами (пусто): ожидались all, any, not или var.' });
    expect(one({ var: 'kids', gt: 3 })).toEqual({ path: 'eligibility', message: 'Лишние ключи в условии: gt.' });
  });

  it('a comparison count other than one, a var that is not a name, extra keys beside a group', () => {
    const exactlyOne = 'В условии с «var» нужно ровно одно сравнение: eq, in, gte или lte.';
    expect(one({ var: 'kids' })).toEqual({ path: 'eligibility', message: exactlyOne });
    expect(one({ var: 'kids', gte: 1, lte: 5 })).toEqual({ path: 'eligibility', message: exactlyOne });
    expect(one({ var: 7, eq: 1 })).toEqual({ path: 'eligibility.var', message: '«var» — это имя вопроса (строка).' });
    expect(one({ any: [{ var: 'loan', eq: true }], note: 'x' })).toEqual({ path: 'eligibility', message: 'В условии «any» не должно быть других ключей, кроме «any»: лишние note.' });
    expect(one({ not: { var: 'loan', eq: true }, all: [] })).toEqual({ path: 'eligibility', message: 'В условии «all» не должно быть других ключей, кроме «all»: лишние not.' });
    expect(one({ not: { var: 'loan', eq: true }, why: 1 })).toEqual({ path: 'eligibility', message: 'В условии «not» не должно быть других ключей: лишние why.' });
  });

  it('something that is not an object at all', () => {
    const message = 'Условие должно быть объектом: {"all": […]}, {"any": […]}, {"not": …} или {"var": …, "eq"|"in"|"gte"|"lte": …}.';
    expect(one('status')).toEqual({ path: 'eligibility', message });
    expect(one([{ var: 'loan', eq: true }])).toEqual({ path: 'eligibility', message });
    expect(one(undefined)).toEqual({ path: 'eligibility', message });
  });
});

describe('checkRule: nesting', () => {
  it('says every problem of a nested rule at its own path, in the rule’s order', () => {
    const rule = {
      all: [{ var: 'loan', eq: true }, { any: [{ not: { var: 'income', gte: 1 } }, { var: 'status', in: ['mobilized', 'retired'] }] }, { not: { all: [] } }, { not: { var: 'status', lte: 2 } }],
    };
    expect(checkRule(rule, questions, 'measures.4.eligibility')).toEqual([
      { path: 'measures.4.eligibility.all.1.any.0.not.var', message: 'Нет вопроса «income».' },
      { path: 'measures.4.eligibility.all.1.any.1.in.1', message: 'У вопроса «status» нет варианта «retired»: есть «mobilized», «none».' },
      { path: 'measures.4.eligibility.all.2.not.all', message: 'Список условий «all» пуст.' },
      { path: 'measures.4.eligibility.all.3.not.lte', message: '«lte» сравнивает числа, а вопрос «status» с выбором ответа.' },
    ]);
  });

  it('reaches parseCatalog at the measure’s path, and ruleVars names each question once', () => {
    const question = { var: 'loan', question: 'Есть кредит?', type: 'boolean' };
    const measure = {
      id: 'm',
      title: 'М',
      summary: 'С',
      provider: 'П',
      category: 'К',
      how_to_apply: 'Так',
      eligibility: {
        any: [
          { var: 'loan', eq: true },
          { var: 'loam', eq: true },
        ],
      },
    };
    let error: unknown;
    try {
      parseCatalog([question], [measure]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).problems).toEqual([{ path: 'measures.0.eligibility.any.1.var', message: 'Нет вопроса «loam».' }]);
    expect(
      ruleVars({
        all: [
          { var: 'kids', gte: 1 },
          { not: { var: 'loan', eq: true } },
          {
            any: [
              { var: 'kids', lte: 5 },
              { var: 'status', eq: 'none' },
            ],
          },
        ],
      }),
    ).toEqual(['kids', 'loan', 'status']);
  });
});
