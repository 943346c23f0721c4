// A rule compiled once into closures over an array of answers (by question index, undefined for
// unanswered), evaluated in Kleene's three-valued logic: `all` is no if any part is no, else
// unknown if any is unknown; `any` the mirror; `not` swaps yes and no and keeps unknown.
import type { Question } from './catalog-schema.ts';
import type { Rule, Scalar } from './rules.ts';

export const NO = 0;
export const YES = 1;
export const UNKNOWN = 2;
export type T = typeof NO | typeof YES | typeof UNKNOWN;

export type Values = (Scalar | undefined)[];
type Ev = (v: Values) => T;

export type Leaf = { qi: number; op: 'eq' | 'in' | 'gte' | 'lte'; value: Scalar | (string | number)[] };
export type Node = { kind: 'all' | 'any'; ev: Ev; children: Node[] } | { kind: 'not'; ev: Ev; child: Node } | { kind: 'leaf'; ev: Ev; leaf: Leaf };

export interface Compiled {
  root: Node;
  /** The questions the rule names (indexes), each once. */
  vars: number[];
  /** For each of vars: answers that between them reach every outcome the rule can have on it. */
  probes: Scalar[][];
}

function leafEv(qi: number, test: (x: Scalar) => boolean): Ev {
  return (v) => {
    const x = v[qi];
    return x === undefined ? UNKNOWN : test(x) ? YES : NO;
  };
}

function compileNode(r: Rule, index: Map<string, number>): Node {
  if ('all' in r) {
    const children = r.all.map((c) => compileNode(c, index));
    const evs = children.map((c) => c.ev);
    const ev: Ev = (v) => {
      let out: T = YES;
      for (const e of evs) {
        const t = e(v);
        if (t === NO) return NO;
        if (t === UNKNOWN) out = UNKNOWN;
      }
      return out;
    };
    return { kind: 'all', ev, children };
  }
  if ('any' in r) {
    const children = r.any.map((c) => compileNode(c, index));
    const evs = children.map((c) => c.ev);
    const ev: Ev = (v) => {
      let out: T = NO;
      for (const e of evs) {
        const t = e(v);
        if (t === YES) return YES;
        if (t === UNKNOWN) out = UNKNOWN;
      }
      return out;
    };
    return { kind: 'any', ev, children };
  }
  if ('not' in r) {
    const child = compileNode(r.not, index);
    const inner = child.ev;
    return { kind: 'not', ev: (v) => ((t) => (t === UNKNOWN ? UNKNOWN : t === YES ? NO : YES))(inner(v)), child };
  }
  const qi = index.get(r.var);
  if (qi === undefined) throw new Error(`unknown question ${r.var} (checkRule lets no such rule through)`);
  if ('eq' in r) {
    const c = r.eq;
    return { kind: 'leaf', ev: leafEv(qi, (x) => x === c), leaf: { qi, op: 'eq', value: c } };
  }
  if ('in' in r) {
    const set = new Set<Scalar>(r.in);
    return { kind: 'leaf', ev: leafEv(qi, (x) => set.has(x)), leaf: { qi, op: 'in', value: r.in } };
  }
  if ('gte' in r) {
    const c = r.gte;
    return { kind: 'leaf', ev: leafEv(qi, (x) => typeof x === 'number' && x >= c), leaf: { qi, op: 'gte', value: c } };
  }
  const c = r.lte;
  return { kind: 'leaf', ev: leafEv(qi, (x) => typeof x === 'number' && x <= c), leaf: { qi, op: 'lte', value: c } };
}

function leaves(n: Node, out: Leaf[] = []): Leaf[] {
  if (n.kind === 'leaf') out.push(n.leaf);
  else if (n.kind === 'not') leaves(n.child, out);
  else n.children.forEach((c) => leaves(c, out));
  return out;
}

/**
 * Answers to try for a question: every value a choice or yes/no question can take; for a number
 * (answers are whole numbers) each bound a comparison names and its neighbour on the other side,
 * kept within the question's range. The rule's value is constant between these points, so trying
 * them tries every outcome.
 */
export function probesFor(q: Question, ls: Leaf[]): Scalar[] {
  if (q.type === 'choice') return (q.options ?? []).map((o) => o.value);
  if (q.type === 'boolean') return [true, false];
  const min = q.min ?? 0;
  const max = q.max ?? Infinity;
  const points = new Set<number>();
  for (const l of ls) {
    const cs = Array.isArray(l.value) ? l.value : [l.value];
    for (const c of cs) {
      if (typeof c !== 'number') continue;
      if (l.op === 'gte') points.add(Math.ceil(c)).add(Math.ceil(c) - 1);
      else if (l.op === 'lte') points.add(Math.floor(c)).add(Math.floor(c) + 1);
      else
        points
          .add(c)
          .add(Math.floor(c) - 1)
          .add(Math.ceil(c) + 1);
    }
  }
  points.add(min);
  return [...points].filter((p) => Number.isInteger(p) && p >= min && p <= max).sort((a, b) => a - b);
}

export function compileRule(rule: Rule, questions: Question[], index: Map<string, number>): Compiled {
  const root = compileNode(rule, index);
  const ls = leaves(root);
  const vars = [...new Set(ls.map((l) => l.qi))];
  const probes = vars.map((qi) =>
    probesFor(
      questions[qi]!,
      ls.filter((l) => l.qi === qi),
    ),
  );
  return { root, vars, probes };
}

/** Whether question qi can still change node n's value: it sits under parts whose value is unknown. */
export function isLive(n: Node, qi: number, v: Values): boolean {
  if (n.ev(v) !== UNKNOWN) return false;
  if (n.kind === 'leaf') return n.leaf.qi === qi;
  if (n.kind === 'not') return isLive(n.child, qi, v);
  return n.children.some((c) => isLive(c, qi, v));
}
