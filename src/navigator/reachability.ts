// Which questions the wizard can ever ask, and which measures can end eligible and which not
// eligible, on any catalogue (the demo's, or one an editor is about to publish): a question no path
// reaches or a measure no answers can grant is a mistake in the rules. Each target is searched on
// its own through the real engine's steps, never the whole tree of answers (the demo's has more
// than 200,000 nodes); every target found comes with the answers that reach it.
import type { NavigatorCatalog } from './catalog-schema.ts';
import { compileRule, isLive, probesFor, UNKNOWN, YES, NO, type Compiled, type Values } from './compile.ts';
import { Navigator, type Answers } from './engine.ts';
import type { Scalar } from './rules.ts';

export interface Reachability {
  /** Each question with answers (in the order asked) after which the wizard asks it; null: no answers lead to it. */
  questions: { var: string; path: Answers | null }[];
  /** Each measure with a whole walk of the wizard that ends with it eligible (yes) and one not eligible (no); null: none does. */
  measures: { id: string; yes: Answers | null; no: Answers | null }[];
}

/** A search gives up past this many steps rather than run for ever on a huge catalogue. */
const defaultMaxSteps = 1_000_000;

export function reachability(catalog: NavigatorCatalog, maxSteps = defaultMaxSteps): Reachability {
  const search = new Search(catalog, maxSteps);
  return {
    questions: catalog.questions.map((q, qi) => ({ var: q.var, path: search.toQuestion(qi) })),
    measures: catalog.measures.map((m, mi) => ({ id: m.id, yes: search.toOutcome(mi, YES), no: search.toOutcome(mi, NO) })),
  };
}

/** What reachability found wrong: questions never asked, measures never granted, never refused. */
export function unreachable(r: Reachability): { questions: string[]; neverYes: string[]; neverNo: string[] } {
  return {
    questions: r.questions.filter((q) => !q.path).map((q) => q.var),
    neverYes: r.measures.filter((m) => !m.yes).map((m) => m.id),
    neverNo: r.measures.filter((m) => !m.no).map((m) => m.id),
  };
}

class Search {
  private readonly nav: Navigator;
  private readonly rules: Compiled[];
  private readonly index = new Map<string, number>();
  /** Per question: answers that between them reach every outcome of every rule (compile.ts's probes, merged). */
  private readonly values: Scalar[][];
  private steps = 0;

  constructor(
    private readonly catalog: NavigatorCatalog,
    private readonly maxSteps: number,
  ) {
    this.nav = new Navigator(catalog);
    catalog.questions.forEach((q, i) => this.index.set(q.var, i));
    this.rules = catalog.measures.map((m) => compileRule(m.eligibility, catalog.questions, this.index));
    this.values = catalog.questions.map((q, qi) => {
      const merged = new Set<Scalar>();
      for (const r of this.rules) r.vars.forEach((v, j) => v === qi && r.probes[j]!.forEach((x) => merged.add(x)));
      const xs = merged.size ? [...merged] : probesFor(q, []);
      return q.type === 'number' ? xs.sort((a, b) => (a as number) - (b as number)) : xs;
    });
  }

  private step(answers: Answers) {
    if (++this.steps > this.maxSteps) throw new Error(`reachability: gave up after ${this.maxSteps} steps of the wizard`);
    return this.nav.step(answers);
  }

  private valuesOf(answers: Answers): Values {
    const v: Values = new Array<undefined>(this.catalog.questions.length).fill(undefined);
    for (const [name, x] of Object.entries(answers)) v[this.index.get(name)!] = x;
    return v;
  }

  /**
   * Answers after which the wizard asks question target, or null. Depth first over the wizard's
   * paths, each set of answers once (a step replays from the answers alone, so the set is the
   * state), cut where no open measure can still be changed by target: it never will again, as
   * settled parts of a rule stay settled. Answers that keep target live in the most measures first.
   */
  toQuestion(target: number): Answers | null {
    const seen = new Set<string>();
    const dfs = (answers: Answers): Answers | null => {
      const v = this.valuesOf(answers);
      const key = v.map((x) => (x === undefined ? '' : String(x))).join('\u0000');
      if (seen.has(key)) return null;
      seen.add(key);
      const s = this.step(answers);
      if (!s.next) return null;
      const qi = this.index.get(s.next.var)!;
      if (qi === target) return answers;
      if (this.liveIn(target, v) === 0) return null;
      const scored = this.values[qi]!.map((x) => {
        v[qi] = x;
        return { x, live: this.liveIn(target, v) };
      });
      v[qi] = undefined;
      for (const { x } of scored.filter((c) => c.live > 0).sort((a, b) => b.live - a.live)) {
        const found = dfs({ ...answers, [s.next.var]: x });
        if (found) return found;
      }
      return null;
    };
    return dfs({});
  }

  /** How many open measures question qi can still change. */
  private liveIn(qi: number, v: Values): number {
    let n = 0;
    for (const r of this.rules) if (r.root.ev(v) === UNKNOWN && isLive(r.root, qi, v)) n++;
    return n;
  }

  /**
   * A whole walk that ends with measure mi at want, or null. The wizard does not stop while the
   * measure is open, and what it is in the end depends only on the answers to its own questions;
   * so only those branch (over their probes), cut as soon as the measure is settled the other way,
   * and any answer does for the rest.
   */
  toOutcome(mi: number, want: typeof YES | typeof NO): Answers | null {
    const rule = this.rules[mi]!;
    const dfs = (answers: Answers): Answers | null => {
      const t = rule.root.ev(this.valuesOf(answers));
      if (t !== UNKNOWN) return t === want ? this.finish(answers) : null;
      const next = this.step(answers).next!;
      const qi = this.index.get(next.var)!;
      const j = rule.vars.indexOf(qi);
      for (const x of j < 0 ? this.values[qi]!.slice(0, 1) : rule.probes[j]!) {
        const found = dfs({ ...answers, [next.var]: x });
        if (found) return found;
      }
      return null;
    };
    return dfs({});
  }

  /** The walk from these answers to its end, each further question given its first answer. */
  private finish(answers: Answers): Answers {
    const out = { ...answers };
    for (let s = this.step(out); s.next; s = this.step(out)) out[s.next.var] = this.values[this.index.get(s.next.var)!]![0]!;
    return out;
  }
}
