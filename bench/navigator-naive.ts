// bench:navigator's baseline: a deliberately naive navigator. Nothing is compiled or kept between
// steps: every step replays the wizard from no answers, evaluating each measure's raw JSON rule
// recursively from scratch, and picks the next question by trying every value of every unanswered
// question on every open measure. It gives the same truths, next question and path as the real
// engine (src/navigator/engine.ts), which agree() checks, so its speed is an honest baseline.
import type { Answers, NavigatorCatalog, Question, Rule, Scalar, Step } from '../src/navigator/index.ts';

export type Truth = 'yes' | 'no' | 'unknown';

export interface NaiveStep {
  /** Each measure's truth, in the catalogue's order. */
  truths: Truth[];
  next: string | null;
  asked: string[];
}

type Known = Map<string, Scalar>;

/** Kleene's three-valued logic over the raw rule, every part evaluated afresh. */
export function evaluate(r: Rule, known: Known): Truth {
  if ('all' in r) {
    let out: Truth = 'yes';
    for (const c of r.all) {
      const t = evaluate(c, known);
      if (t === 'no') return 'no';
      if (t === 'unknown') out = 'unknown';
    }
    return out;
  }
  if ('any' in r) {
    let out: Truth = 'no';
    for (const c of r.any) {
      const t = evaluate(c, known);
      if (t === 'yes') return 'yes';
      if (t === 'unknown') out = 'unknown';
    }
    return out;
  }
  if ('not' in r) {
    const t = evaluate(r.not, known);
    return t === 'unknown' ? 'unknown' : t === 'yes' ? 'no' : 'yes';
  }
  const x = known.get(r.var);
  if (x === undefined) return 'unknown';
  let held: boolean;
  if ('eq' in r) held = x === r.eq;
  else if ('in' in r) held = (r.in as Scalar[]).includes(x);
  else if ('gte' in r) held = typeof x === 'number' && x >= r.gte;
  else held = typeof x === 'number' && x <= r.lte;
  return held ? 'yes' : 'no';
}

/** Whether question q can still change the rule: it sits under parts whose value is unknown. */
function canChange(r: Rule, q: string, known: Known): boolean {
  if (evaluate(r, known) !== 'unknown') return false;
  if ('all' in r) return r.all.some((c) => canChange(c, q, known));
  if ('any' in r) return r.any.some((c) => canChange(c, q, known));
  if ('not' in r) return canChange(r.not, q, known);
  return r.var === q;
}

function numbersIn(r: Rule, q: string, out: number[]): number[] {
  if ('all' in r) r.all.forEach((c) => numbersIn(c, q, out));
  else if ('any' in r) r.any.forEach((c) => numbersIn(c, q, out));
  else if ('not' in r) numbersIn(r.not, q, out);
  else if (r.var === q) for (const c of 'eq' in r ? [r.eq] : 'in' in r ? r.in : 'gte' in r ? [r.gte] : [r.lte]) if (typeof c === 'number') out.push(c);
  return out;
}

export class NaiveNavigator {
  /** Every answer worth trying for each question, by var. */
  private readonly values = new Map<string, Scalar[]>();

  constructor(readonly catalog: NavigatorCatalog) {
    for (const q of catalog.questions) this.values.set(q.var, this.allValues(q));
  }

  /**
   * Every answer a question can have: each option, yes and no, and for a number every whole number
   * from its least to one past the greatest number any rule compares it with (answers beyond that
   * all behave alike), within its greatest.
   */
  private allValues(q: Question): Scalar[] {
    if (q.type === 'choice') return q.options!.map((o) => o.value);
    if (q.type === 'boolean') return [true, false];
    const min = q.min ?? 0;
    const named = this.catalog.measures.flatMap((m) => numbersIn(m.eligibility, q.var, []));
    const top = Math.min(q.max ?? Infinity, Math.ceil(Math.max(min, ...named)) + 1);
    return Array.from({ length: top - min + 1 }, (_, i) => min + i);
  }

  valuesOf(name: string): Scalar[] {
    return this.values.get(name)!;
  }

  step(answers: Answers): NaiveStep {
    const known: Known = new Map();
    const asked: string[] = [];
    for (;;) {
      const truths = this.catalog.measures.map((m) => evaluate(m.eligibility, known));
      const next = this.choose(known, truths);
      const a = next === null || !Object.hasOwn(answers, next) ? undefined : answers[next];
      if (next === null || a === undefined) return { truths, next, asked };
      known.set(next, a);
      asked.push(next);
    }
  }

  /** The unanswered question some value of which settles the most open measures (ties: the order). */
  private choose(known: Known, truths: Truth[]): string | null {
    const open = this.catalog.measures.filter((_, i) => truths[i] === 'unknown');
    if (open.length === 0) return null;
    const unanswered = this.catalog.order.filter((v) => !known.has(v));
    const settles = (q: string) =>
      open.filter((m) => {
        const settled = this.valuesOf(q).some((x) => evaluate(m.eligibility, new Map(known).set(q, x)) !== 'unknown');
        return settled;
      }).length;
    return this.most(unanswered, settles) ?? this.most(unanswered, (q) => open.filter((m) => canChange(m.eligibility, q, known)).length);
  }

  /** The first question (in the order) with the greatest count above zero, or null. */
  private most(questions: string[], count: (q: string) => number): string | null {
    let best: string | null = null;
    let bestCount = 0;
    for (const q of questions) {
      const c = count(q);
      if (c > bestCount) [best, bestCount] = [q, c];
    }
    return best;
  }
}

/** How the naive step differs from the real one (truths, next question, path), or null when they agree. */
export function disagreement(real: Step, naive: NaiveStep, catalog: NavigatorCatalog): string | null {
  for (let i = 0; i < catalog.measures.length; i++) {
    const r = real.results[i]!;
    if (r.id !== catalog.measures[i]!.id || r.truth !== naive.truths[i]) return `${catalog.measures[i]!.id}: real ${r.id} ${r.truth}, naive ${naive.truths[i]}`;
  }
  if (real.results.length !== catalog.measures.length) return `real gives ${real.results.length} results for ${catalog.measures.length} measures`;
  if ((real.next?.var ?? null) !== naive.next) return `next question: real ${real.next?.var ?? null}, naive ${naive.next}`;
  if (real.asked.join() !== naive.asked.join()) return `asked: real ${real.asked.join()}, naive ${naive.asked.join()}`;
  return null;
}
