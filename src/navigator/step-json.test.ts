// The step API's JSON put together from kept parts is byte for byte what the response schema's
// serializer writes (fastify-type-provider-zod: encode, then JSON.stringify), on walks through the
// demo catalogue and a small one with what the demo lacks (a hint, bounds, conditions a person
// judges); and the engine gives the same frozen result again for the same answers to its questions.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseCatalog, type NavigatorCatalog } from './catalog-schema.ts';
import { readDemoNavigator } from './demo-data.ts';
import { Navigator, type Answers } from './engine.ts';
import { navigatorStepSchema } from './step-schema.ts';
import { stepAnswer, stepWriter, type Explain } from './step-json.ts';

const small = parseCatalog(
  [
    {
      var: 'status',
      question: 'Кто вы?',
      hint: 'Как в «документах»',
      type: 'choice',
      options: [
        { value: 'mobilized', label: 'Мобилизован "по указу"' },
        { value: 'none', label: 'Никто' },
      ],
    },
    { var: 'kids', question: 'Сколько детей?', type: 'number', min: 0, max: 20 },
    { var: 'loan', question: 'Есть кредит?', type: 'boolean' },
  ],
  [
    { id: 'm-pay', title: 'Выплата', summary: 'Деньги.', provider: 'Минобороны', category: 'выплаты', eligibility: { var: 'status', eq: 'mobilized' }, how_to_apply: 'Само.', answer_ids: ['a-1'] },
    {
      id: 'm-many',
      title: 'Многодетным \\ «семьям»',
      summary: 'Льгота.',
      provider: 'регион',
      category: 'льготы',
      eligibility: {
        any: [
          { var: 'kids', gte: 3 },
          {
            not: {
              all: [
                { var: 'loan', eq: false },
                { var: 'status', in: ['none'] },
              ],
            },
          },
        ],
      },
      how_to_apply: 'Заявление.',
      judged: ['Дети живут с вами'],
    },
  ],
);

/** Every profile of walks that answer each question asked with each of a few values in turn. */
function profiles(catalog: NavigatorCatalog, walks: number): Answers[] {
  const nav = new Navigator(catalog);
  const out: Answers[] = [];
  for (let w = 0; w < walks; w++) {
    const answers: Answers = {};
    for (let n = 0; ; n++) {
      out.push({ ...answers });
      const q = nav.step(answers).next;
      if (!q) break;
      const k = w + n;
      answers[q.var] = q.type === 'choice' ? q.options![k % q.options!.length]!.value : q.type === 'boolean' ? k % 2 === 0 : [0, 2, 3, 5, 40][k % 5]!;
    }
  }
  return out;
}

describe('the step API’s JSON', () => {
  it('is what the schema serializer writes for the step, on every profile, written afresh or from kept parts, whatever is explained', () => {
    for (const catalog of [readDemoNavigator(), small]) {
      const nav = new Navigator(catalog);
      const write = stepWriter(navigatorStepSchema);
      const all = profiles(catalog, 12);
      expect(all.length).toBeGreaterThan(20);
      const some = new Set(catalog.measures.filter((_, i) => i % 3 === 0).map((m) => m.id));
      for (const round of [1, 2]) {
        for (const p of all) {
          const step = nav.step(p);
          for (const explain of ['all', new Set<string>(), some] as const) {
            const expected = JSON.stringify(z.encode(navigatorStepSchema, stepAnswer(step, 'tag"1', explain)));
            expect(write(step, 'tag"1', explain).toString('utf8'), `round ${round}: ${JSON.stringify(p)}`).toBe(expected);
          }
        }
      }
    }
  });

  it('explains the eligible, the possibly eligible once nothing is left to ask, and those asked for', () => {
    const nav = new Navigator(small);
    const why = (answers: Answers, explain: Explain) => Object.fromEntries(stepAnswer(nav.step(answers), 't', explain).results.map((r) => [r.id, `${r.truth}${'explanation' in r ? ' why' : ''}`]));
    // asking still: the eligible are explained, the open and the refused only when asked for
    expect(why({ status: 'mobilized' }, new Set())).toEqual({ 'm-pay': 'yes why', 'm-many': 'yes why' });
    expect(why({ status: 'none' }, new Set())).toEqual({ 'm-pay': 'no', 'm-many': 'unknown' });
    expect(why({ status: 'none' }, new Set(['m-many']))).toEqual({ 'm-pay': 'no', 'm-many': 'unknown why' });
    expect(why({}, 'all')).toEqual({ 'm-pay': 'unknown why', 'm-many': 'unknown why' });
    // nothing left to ask: a «no» only when asked for
    const done = { status: 'none', kids: 0, loan: false };
    expect(nav.step(done).next).toBeNull();
    expect(why(done, new Set())).toEqual({ 'm-pay': 'no', 'm-many': 'no' });
    expect(why(done, new Set(['m-pay']))).toEqual({ 'm-pay': 'no why', 'm-many': 'no' });
    // the judged condition keeps m-many possible: explained once the wizard is done
    const judged = { status: 'none', kids: 4 };
    expect(nav.step(judged).next).toBeNull();
    expect(why(judged, new Set())).toEqual({ 'm-pay': 'no', 'm-many': 'yes why' });
  });

  it('the engine gives the result made for the same answers to a measure’s questions again, frozen', () => {
    const nav = new Navigator(small);
    const a = nav.step({ status: 'none' }).results;
    const b = nav.step({ status: 'none', kids: 1 }).results;
    // m-pay names status only: the same result; m-many names kids too: another
    expect(b[0]).toBe(a[0]);
    expect(b[1]).not.toBe(a[1]);
    expect(b[1]!.explanation).not.toEqual(a[1]!.explanation);
    expect(Object.isFrozen(a[0]) && Object.isFrozen(a[0]!.explanation) && Object.isFrozen(a[0]!.explanation.held)).toBe(true);
    expect(() => a[0]!.explanation.held.push('x')).toThrow(TypeError);
    // a number and a string that read alike are different answers
    expect(nav.step({ status: 'none', kids: '1' as unknown as number }).results[1]).not.toBe(b[1]);
  });
});
