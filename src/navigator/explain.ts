// Why a measure is yes, no or open, in sentences a citizen reads: the question as asked, their
// answer by its label (never a code), and what the rule needs. Only the conditions that decide are
// said: for a measure that failed, the conditions that held and failed (not those left open); for
// a disjunction that held, the alternatives that held.
import type { Question } from './catalog-schema.ts';
import { NO, UNKNOWN, YES, type Leaf, type Node, type T, type Values } from './compile.ts';
import type { Scalar } from './rules.ts';

export interface Explanation {
  /** Conditions met by the answers. */
  held: string[];
  /** Conditions the answers do not meet. */
  failed: string[];
  /** Conditions still waiting for an answer. */
  open: string[];
  /** Conditions only a person can judge: shown, not evaluated. */
  judged: string[];
}

const flip = (t: T): T => (t === YES ? NO : t === NO ? YES : UNKNOWN);
const quoted = (s: string) => `«${s}»`;

function listOr(items: string[], neg: boolean): string {
  if (neg) return items.map((i) => `не ${i}`).join(', ');
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} или ${items[items.length - 1]}`;
}

export class Explainer {
  constructor(private readonly questions: Question[]) {}

  /** A citizen's answer in words: the option's label, «да» / «нет», the number. */
  answer(q: Question, x: Scalar): string {
    if (q.type === 'choice') return quoted(q.options?.find((o) => o.value === x)?.label ?? String(x));
    if (q.type === 'boolean') return x === true ? '«да»' : '«нет»';
    return String(x);
  }

  /** What a condition needs, in words (neg: the condition under a not). */
  need(l: Leaf, neg: boolean): string {
    const q = this.questions[l.qi]!;
    if (l.op === 'gte') return `${neg ? 'меньше' : 'не меньше'} ${l.value as number}`;
    if (l.op === 'lte') return `${neg ? 'больше' : 'не больше'} ${l.value as number}`;
    if (q.type === 'boolean') return this.answer(q, neg ? !l.value : (l.value as boolean));
    const values = Array.isArray(l.value) ? l.value : [l.value];
    return listOr(
      values.map((x) => this.answer(q, x)),
      neg,
    );
  }

  private condition(l: Leaf, neg: boolean): string {
    return `${this.questions[l.qi]!.question} — ${this.need(l, neg)}`;
  }

  /** A part of a rule as one line, for alternatives said together. */
  private text(n: Node, neg: boolean, nested = false): string {
    if (n.kind === 'leaf') return this.condition(n.leaf, neg);
    if (n.kind === 'not') return this.text(n.child, !neg, nested);
    const and = (n.kind === 'all') !== neg;
    const s = n.children.map((c) => this.text(c, neg, true)).join(and ? '; и ' : '; или ');
    return nested ? `(${s})` : s;
  }

  explain(root: Node, v: Values, judged: string[] = []): Explanation {
    const out: Explanation = { held: [], failed: [], open: [], judged: [...judged] };
    this.collect(root, false, v, out);
    return out;
  }

  private collect(n: Node, neg: boolean, v: Values, out: Explanation): void {
    const t = neg ? flip(n.ev(v)) : n.ev(v);
    if (n.kind === 'not') return this.collect(n.child, !neg, v, out);
    if (n.kind === 'leaf') {
      const q = this.questions[n.leaf.qi]!;
      const x = v[n.leaf.qi];
      if (t === UNKNOWN) out.open.push(`${q.question} Нужен ответ: ${this.need(n.leaf, neg)}.`);
      else if (t === YES) out.held.push(`${q.question} Ваш ответ: ${this.answer(q, x!)}.`);
      else out.failed.push(`${q.question} Ваш ответ: ${this.answer(q, x!)}, а нужен: ${this.need(n.leaf, neg)}.`);
      return;
    }
    const value = (c: Node) => (neg ? flip(c.ev(v)) : c.ev(v));
    const and = (n.kind === 'all') !== neg;
    if (and) {
      // a failed conjunction: what held and what failed, not what is left open (it no longer matters)
      for (const c of n.children) if (t !== NO || value(c) !== UNKNOWN) this.collect(c, neg, v, out);
      return;
    }
    // a disjunction: the alternatives that held; or else the ones still possible, said together
    const wanted = t === YES ? YES : t === UNKNOWN ? UNKNOWN : NO;
    const parts = n.children.filter((c) => value(c) === wanted);
    if (t === YES || parts.length === 1) {
      for (const c of parts) this.collect(c, neg, v, out);
      return;
    }
    const lines = parts.map((c) => this.text(c, neg, true));
    if (t === UNKNOWN) out.open.push(`Нужно хотя бы одно из: ${lines.join('; ')}.`);
    else out.failed.push(`Не выполнено ни одно из условий: ${lines.join('; ')}.`);
  }
}
