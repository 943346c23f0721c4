// The fewest of a person's answers that settle every measure as the wizard's whole walk settled
// it: the yardstick for the greedy choice of the next question. It knows the answers beforehand,
// which the wizard cannot, so it is a lower bound on any wizard's questions for that person.
import type { NavigatorCatalog } from './catalog-schema.ts';
import { compileRule, NO, YES, type Compiled, type T, type Values } from './compile.ts';
import type { Answers, MeasureResult } from './engine.ts';

/**
 * The questions (vars, in the catalogue's order) of a smallest subset of answers under which every
 * measure has the truth the results give it; results must all be settled (a walk that ended).
 * Search by increasing size, branching only on the questions of a measure not yet settled the
 * right way (any answer set that does settle it holds one of them), after the questions every such
 * set needs: those without which the whole answers leave some measure open.
 */
export function smallestAnswers(catalog: NavigatorCatalog, answers: Answers, results: MeasureResult[]): string[] {
  const index = new Map(catalog.questions.map((q, i) => [q.var, i]));
  const rules: Compiled[] = catalog.measures.map((m) => compileRule(m.eligibility, catalog.questions, index));
  const byId = new Map(results.map((r) => [r.id, r.truth]));
  const want: T[] = catalog.measures.map((m) => {
    const t = byId.get(m.id);
    if (t !== 'yes' && t !== 'no') throw new Error(`smallestAnswers: measure ${m.id} is not settled (${t})`);
    return t === 'yes' ? YES : NO;
  });
  const full: Values = catalog.questions.map((q) => answers[q.var]);
  const settled = (v: Values, m: number) => rules[m]!.root.ev(v) === want[m];
  if (!rules.every((_, m) => settled(full, m))) throw new Error('smallestAnswers: the answers do not give these results');

  // a measure's questions the person answered, the only ones a set can be made of
  const candidates = rules.map((r) => r.vars.filter((qi) => full[qi] !== undefined));
  const forced = new Set<number>();
  for (let qi = 0; qi < full.length; qi++) {
    if (full[qi] === undefined) continue;
    const without = full.slice();
    without[qi] = undefined;
    if (!rules.every((_, m) => settled(without, m))) forced.add(qi);
  }

  const v: Values = full.map((x, qi) => (forced.has(qi) ? x : undefined));
  const chosen = new Set(forced);
  const search = (budget: number): boolean => {
    // the unsettled measure with the fewest questions left to choose from
    let pick: number[] | undefined;
    for (let m = 0; m < rules.length; m++) {
      if (settled(v, m)) continue;
      const left = candidates[m]!.filter((qi) => !chosen.has(qi));
      if (!pick || left.length < pick.length) pick = left;
    }
    if (!pick) return true;
    if (budget === 0) return false;
    for (const qi of pick) {
      v[qi] = full[qi];
      chosen.add(qi);
      if (search(budget - 1)) return true;
      v[qi] = undefined;
      chosen.delete(qi);
    }
    return false;
  };
  for (let budget = 0; !search(budget); budget++) if (budget > full.length) throw new Error('smallestAnswers: no subset found');
  return catalog.questions.filter((_, qi) => chosen.has(qi)).map((q) => q.var);
}
