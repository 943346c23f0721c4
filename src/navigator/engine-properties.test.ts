// What every step must hold, on random small catalogues (seeded: a failure repeats, and names its
// seed): the results are the rules evaluated on the answers the wizard asked; it stops exactly when
// nothing is open; each question it asks could still change an open measure, asked in the order the
// shorter walks ask it; answers it did not ask change nothing. The engine's hand-made cases are in
// engine.test.ts; these catch what an optimisation of it might break.
import { describe, expect, it } from 'vitest';
import { parseCatalog } from './catalog-schema.ts';
import { compileRule, isLive, UNKNOWN, type Values } from './compile.ts';
import { Navigator, type Answers } from './engine.ts';
import type { Rule } from './rules.ts';

const questions = [
  { var: 'c', question: 'c?', type: 'choice', options: ['x', 'y', 'z'].map((value) => ({ value, label: value })) },
  { var: 'b1', question: 'b1?', type: 'boolean' },
  { var: 'b2', question: 'b2?', type: 'boolean' },
  { var: 'b3', question: 'b3?', type: 'boolean' },
  { var: 'b4', question: 'b4?', type: 'boolean' },
  { var: 'n', question: 'n?', type: 'number', max: 10 },
];

/** A small linear congruential generator: the same seed, the same catalogues. */
function generator(seed: number) {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const leaf = (): Rule => {
    const q = pick(questions);
    if (q.type === 'boolean') return { var: q.var, eq: next() < 0.5 };
    if (q.type === 'choice') return next() < 0.5 ? { var: 'c', eq: pick(['x', 'y', 'z']) } : { var: 'c', in: ['x', 'y', 'z'].filter((v) => v === 'x' || next() < 0.5) };
    return next() < 0.5 ? { var: 'n', gte: 1 + Math.floor(next() * 9) } : { var: 'n', lte: 1 + Math.floor(next() * 8) };
  };
  const rule = (depth: number): Rule => {
    const r = next();
    if (depth === 0 || r < 0.35) return leaf();
    if (r < 0.5) return { not: rule(depth - 1) };
    const parts = Array.from({ length: 1 + Math.floor(next() * 3) }, () => rule(depth - 1));
    return r < 0.75 ? { all: parts } : { any: parts };
  };
  const answers = (): Answers => {
    const a: Answers = {};
    for (const q of questions) if (next() < 0.85) a[q.var] = q.type === 'boolean' ? next() < 0.5 : q.type === 'choice' ? pick(['x', 'y', 'z']) : Math.floor(next() * 11);
    return a;
  };
  const order = () => (next() < 0.5 ? undefined : questions.map((q) => q.var).sort(() => next() - 0.5));
  return { rule, answers, order, count: (n: number) => 1 + Math.floor(next() * n) };
}

describe('every step, on random catalogues', () => {
  for (const seed of [1, 2, 3, 4, 5])
    it(`holds its properties (seed ${seed})`, () => {
      const g = generator(seed);
      for (let c = 0; c < 25; c++) {
        const measures = Array.from({ length: g.count(8) }, (_, i) => ({ id: `m${i}`, title: 'М', summary: 'С', provider: 'П', category: 'К', how_to_apply: 'Так', eligibility: g.rule(3) }));
        const catalog = parseCatalog(questions, measures, g.order());
        const nav = new Navigator(catalog);
        const index = new Map(catalog.questions.map((q, i) => [q.var, i]));
        const rules = catalog.measures.map((m) => compileRule(m.eligibility, catalog.questions, index));
        const where = `seed ${seed}, catalogue ${c}: ${JSON.stringify(measures.map((m) => m.eligibility))}`;
        for (let k = 0; k < 20; k++) {
          const answers = g.answers();
          const s = nav.step(answers);
          const v: Values = catalog.questions.map((q) => (s.asked.includes(q.var) ? answers[q.var] : undefined));
          const truths = rules.map((r) => ['no', 'yes', 'unknown'][r.root.ev(v)]);
          expect(
            s.results.map((r) => r.truth),
            `${where}; ${JSON.stringify(answers)}`,
          ).toEqual(truths);
          expect(s.next === null, where).toBe(!truths.includes('unknown'));
          if (s.next) expect(answers[s.next.var], where).toBeUndefined();
          const asked = Object.fromEntries(s.asked.map((name) => [name, answers[name]!]));
          expect(nav.step(asked), where).toEqual(s);
          // each question, when asked, could still change an open measure
          const before: Values = catalog.questions.map(() => undefined);
          s.asked.forEach((name, i) => {
            const prefix = Object.fromEntries(s.asked.slice(0, i).map((n) => [n, answers[n]!]));
            expect(nav.step(prefix).next?.var, where).toBe(name);
            const qi = index.get(name)!;
            expect(
              rules.some((r) => r.root.ev(before) === UNKNOWN && isLive(r.root, qi, before)),
              where,
            ).toBe(true);
            before[qi] = answers[name];
          });
        }
      }
    });
});
