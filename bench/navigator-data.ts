// bench:navigator's data: the demo catalogue scaled up (each measure copied with its rule varied,
// all checked by parseCatalog) and the profiles, answer sets people really send: random walks
// through the wizard, the answers recorded at every step.
import fs from 'node:fs';
import { demoNavigatorDir, parseCatalog, type Answers, type Navigator, type NavigatorCatalog, type Question, type Rule, type Scalar } from '../src/navigator/index.ts';
import { NaiveNavigator } from './navigator-naive.ts';
import { prng } from './support.ts';

const read = (name: string): unknown => JSON.parse(fs.readFileSync(`${demoNavigatorDir}${name}`, 'utf8'));

type Rand = () => number;
const pick = <X>(xs: readonly X[], rand: Rand): X => xs[Math.floor(rand() * xs.length)]!;

/** A few of a choice question's options (at least one), in their order. */
function someOptions(q: Question, rand: Rand): string[] {
  const values = q.options!.map((o) => o.value);
  const kept = values.filter(() => rand() < 0.5);
  return kept.length ? kept : [pick(values, rand)];
}

/** A bound for a number question that checkRule takes as meaningful (strictly inside its range). */
function bound(q: Question, op: 'gte' | 'lte', near: number, rand: Rand): number {
  const min = q.min ?? 0;
  const max = q.max ?? Math.max(near * 2, min + 10);
  const lo = op === 'gte' ? min + 1 : min;
  const hi = op === 'gte' ? max : max - 1;
  return Math.max(lo, Math.min(hi, Math.round(near + (rand() - 0.5) * Math.max(4, near))));
}

/** The rule with each comparison's value varied (an option set, yes for no, a bound moved). */
function vary(r: Rule, questions: Map<string, Question>, rand: Rand): Rule {
  if ('all' in r) return { all: r.all.map((c) => vary(c, questions, rand)) };
  if ('any' in r) return { any: r.any.map((c) => vary(c, questions, rand)) };
  if ('not' in r) return { not: vary(r.not, questions, rand) };
  const q = questions.get(r.var)!;
  if (rand() < 0.3) return r;
  if ('in' in r && q.type === 'choice') return { var: r.var, in: someOptions(q, rand) };
  if ('eq' in r && q.type === 'choice') return { var: r.var, eq: pick(q.options!, rand).value };
  if ('eq' in r && q.type === 'boolean') return { var: r.var, eq: !r.eq };
  if ('gte' in r) return { var: r.var, gte: bound(q, 'gte', r.gte, rand) };
  if ('lte' in r) return { var: r.var, lte: bound(q, 'lte', r.lte, rand) };
  return r;
}

/** A condition on a random question, so that copies of a one-condition rule differ too. */
function extraCondition(questions: Question[], rand: Rand): Rule {
  const q = pick(questions, rand);
  if (q.type === 'boolean') return { var: q.var, eq: rand() < 0.5 };
  if (q.type === 'choice') return { var: q.var, in: someOptions(q, rand) };
  return rand() < 0.5 ? { var: q.var, gte: bound(q, 'gte', 5, rand) } : { var: q.var, lte: bound(q, 'lte', 30, rand) };
}

/**
 * The demo catalogue with each measure `times` times: the original and copies with a new id, the
 * title numbered, the rule's values varied and, half the time (or when it is another's), one more
 * condition.
 */
export function scaledCatalog(times: number, seed = 17): NavigatorCatalog {
  const rawQuestions = read('navigator_questions.json');
  const rawMeasures = read('support_measures.json') as Record<string, unknown>[];
  const demo = parseCatalog(rawQuestions, rawMeasures);
  const byVar = new Map(demo.questions.map((q) => [q.var, q]));
  const rand = prng(seed);
  const measures: unknown[] = [...rawMeasures];
  const rules = new Set(demo.measures.map((m) => JSON.stringify(m.eligibility)));
  for (let k = 1; k < times; k++) {
    for (const m of demo.measures) {
      let eligibility = vary(m.eligibility, byVar, rand);
      if (rand() < 0.5) eligibility = { all: [eligibility, extraCondition(demo.questions, rand)] };
      // (a rule some measure has already gets one more condition, a few times at most)
      for (let more = 0; more < 5 && rules.has(JSON.stringify(eligibility)); more++) eligibility = { all: [eligibility, extraCondition(demo.questions, rand)] };
      rules.add(JSON.stringify(eligibility));
      measures.push({ ...rawMeasures.find((r) => r.id === m.id), id: `${m.id}-${k}`, title: `${m.title} (вариант ${k})`, eligibility });
    }
  }
  return parseCatalog(rawQuestions, measures);
}

/**
 * `count` walks through the wizard from no answers: each answers the question asked with a random
 * value it can have (naive.ts's values: every option, yes and no, the numbers that matter) until no
 * question is left. Each walk is its steps' answers, from none to all it was asked.
 */
export function walks(nav: Navigator, count: number, seed: number): Answers[][] {
  const rand = prng(seed);
  const values = new NaiveNavigator(nav.catalog);
  const out: Answers[][] = [];
  for (let w = 0; w < count; w++) {
    const walk: Answers[] = [];
    const answers: Answers = {};
    for (;;) {
      walk.push({ ...answers });
      const next = nav.step(answers).next;
      if (!next) break;
      answers[next.var] = pick(values.valuesOf(next.var), rand) as Scalar;
    }
    out.push(walk);
  }
  return out;
}

/** The profiles of `count` walks (walks()): every step's answers, walk after walk. */
export function walkProfiles(nav: Navigator, count: number, seed: number): Answers[] {
  return walks(nav, count, seed).flat();
}
