// The navigator's engine, pure: from the answers so far, every measure yes / no / unknown with why,
// and the next question worth asking. Rules are compiled once (compile.ts); a step replays the
// wizard from no answers, so the questions a changed answer made pointless are neither asked nor
// counted (their answers are ignored).
import type { NavigatorCatalog, Question } from './catalog-schema.ts';
import { compileRule, isLive, UNKNOWN, YES, NO, type Compiled, type Values } from './compile.ts';
import { Explainer, type Explanation } from './explain.ts';

export type { Explanation } from './explain.ts';

/** Answers by question var. */
export type Answers = Record<string, string | number | boolean>;
export type Truth = 'yes' | 'no' | 'unknown';

export interface MeasureResult {
  id: string;
  truth: Truth;
  explanation: Explanation;
}

export interface Step {
  results: MeasureResult[];
  /** The question to ask now; null exactly when no open measure is left to settle. */
  next: Question | null;
  /** The questions answered on the wizard's way here, in the order it asked them. */
  asked: string[];
}

const truthName = { [NO]: 'no', [YES]: 'yes', [UNKNOWN]: 'unknown' } as const;

export class Navigator {
  readonly questions: Question[];
  private readonly index = new Map<string, number>();
  private readonly rules: Compiled[];
  /** Each question's place in the tie-break order. */
  private readonly rank: number[];
  private readonly explainer: Explainer;
  // scratch arrays reused by every step (a step runs to its end without yielding)
  private readonly truths: Uint8Array;
  private readonly counts: Int32Array;

  constructor(readonly catalog: NavigatorCatalog) {
    this.questions = catalog.questions;
    this.questions.forEach((q, i) => this.index.set(q.var, i));
    this.rules = catalog.measures.map((m) => compileRule(m.eligibility, this.questions, this.index));
    const place = new Map(catalog.order.map((v, i) => [v, i]));
    this.rank = this.questions.map((q, i) => place.get(q.var) ?? catalog.order.length + i);
    this.explainer = new Explainer(this.questions);
    this.truths = new Uint8Array(this.rules.length);
    this.counts = new Int32Array(this.questions.length);
  }

  question(name: string): Question | undefined {
    const i = this.index.get(name);
    return i === undefined ? undefined : this.questions[i];
  }

  step(answers: Answers): Step {
    const v: Values = new Array<undefined>(this.questions.length).fill(undefined);
    const asked: string[] = [];
    let next: number;
    for (;;) {
      this.evaluate(v);
      next = this.choose(v);
      if (next < 0) break;
      const name = this.questions[next]!.var;
      const a = answers[name];
      if (a === undefined) break;
      v[next] = a;
      asked.push(name);
    }
    const results = this.catalog.measures.map((m, i) => ({
      id: m.id,
      truth: truthName[this.truths[i] as 0 | 1 | 2],
      explanation: this.explainer.explain(this.rules[i]!.root, v, m.judged),
    }));
    return { results, next: next < 0 ? null : this.questions[next]!, asked };
  }

  private evaluate(v: Values): void {
    for (let i = 0; i < this.rules.length; i++) this.truths[i] = this.rules[i]!.root.ev(v);
  }

  /**
   * The unanswered question that settles the most open measures: one decides a measure when some
   * answer to it (compile.ts's probes) makes the measure yes or no. Ties go by the order. When no
   * single answer settles any (a rule needing two more answers at once), the question that can
   * still change the most open measures. -1: nothing is open.
   */
  private choose(v: Values): number {
    const counts = this.counts.fill(0);
    let open = false;
    for (let m = 0; m < this.rules.length; m++) {
      if (this.truths[m] !== UNKNOWN) continue;
      open = true;
      const r = this.rules[m]!;
      for (let j = 0; j < r.vars.length; j++) {
        const qi = r.vars[j]!;
        if (v[qi] !== undefined) continue;
        for (const x of r.probes[j]!) {
          v[qi] = x;
          const settled = r.root.ev(v) !== UNKNOWN;
          if (settled) {
            counts[qi]!++;
            break;
          }
        }
        v[qi] = undefined;
      }
    }
    if (!open) return -1;
    const best = this.best(counts);
    if (best >= 0) return best;
    counts.fill(0);
    for (let m = 0; m < this.rules.length; m++) {
      if (this.truths[m] !== UNKNOWN) continue;
      const r = this.rules[m]!;
      for (const qi of r.vars) if (v[qi] === undefined && isLive(r.root, qi, v)) counts[qi]!++;
    }
    return this.best(counts);
  }

  private best(counts: Int32Array): number {
    let best = -1;
    for (let qi = 0; qi < counts.length; qi++) {
      const c = counts[qi]!;
      if (c === 0) continue;
      if (best < 0 || c > counts[best]! || (c === counts[best]! && this.rank[qi]! < this.rank[best]!)) best = qi;
    }
    return best;
  }

  /**
   * Answers from a URL's or a form's strings (yes / no for yes-or-no questions, an option's value,
   * a whole number), checked against the questions; each bad one said in Russian and left out.
   * Names that are no question's and empty values are ignored (not answered).
   */
  parseAnswers(raw: Record<string, string>): { answers: Answers; problems: { var: string; message: string }[] } {
    const answers: Answers = {};
    const problems: { var: string; message: string }[] = [];
    for (const [name, rawValue] of Object.entries(raw)) {
      const q = this.question(name);
      const s = typeof rawValue === 'string' ? rawValue.trim() : '';
      if (!q || s === '') continue;
      if (q.type === 'choice') {
        if (q.options!.some((o) => o.value === s)) answers[name] = s;
        else problems.push({ var: name, message: 'Выберите один из предложенных вариантов ответа.' });
      } else if (q.type === 'boolean') {
        if (s === 'yes' || s === 'true') answers[name] = true;
        else if (s === 'no' || s === 'false') answers[name] = false;
        else problems.push({ var: name, message: 'Ответьте «да» или «нет».' });
      } else {
        const min = q.min ?? 0;
        const range = q.max === undefined ? `не меньше ${min}` : `от ${min} до ${q.max}`;
        const n = /^[0-9]{1,9}$/.test(s) || /^-[0-9]{1,9}$/.test(s) ? Number(s) : NaN;
        if (!Number.isInteger(n)) problems.push({ var: name, message: `Введите целое число ${range}, цифрами.` });
        else if (n < min || (q.max !== undefined && n > q.max)) problems.push({ var: name, message: `Введите число ${range}.` });
        else answers[name] = n;
      }
    }
    return { answers, problems };
  }

  /** The answers as parseAnswers reads them back (for the wizard's links and hidden fields). */
  toStrings(answers: Answers): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, a] of Object.entries(answers)) out[name] = typeof a === 'boolean' ? (a ? 'yes' : 'no') : String(a);
    return out;
  }
}
