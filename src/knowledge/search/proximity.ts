// Words of the query that stand close together in an answer ("отпуск по уходу за ребёнком") make
// it a better fit than the same words scattered over the text. For each pair of neighbouring query
// words, the nearest distance between them in the title, alternatives or body earns a bonus.
import { FIELD } from './analyze-document.ts';
import type { Postings } from './postings.ts';
import type { QueryPlan, Unit } from './query-plan.ts';
import type { DocMatch } from './score.ts';

const FIELDS = [
  { field: FIELD.title, factor: 1 },
  { field: FIELD.alternatives, factor: 1 },
  { field: FIELD.body, factor: 0.6 },
];
export const PROXIMITY = { weight: 0.3 };
const FAR = 12;

/** 1 for neighbours (a stop word between is still neighbours), falling to 0 at FAR words. */
export function closeness(distance: number): number {
  if (distance <= 2) return 1;
  return distance >= FAR ? 0 : 2 / distance;
}

function positions(postings: Postings, slot: number, unit: Unit, field: number): number[] {
  const out: number[] = [];
  for (const alt of unit.alternatives) {
    const p = postings.postings(alt.stems[0]!)?.get(slot);
    if (p) out.push(...p.positions[field]!);
  }
  return out.sort((a, b) => a - b);
}

function nearest(a: number[], b: number[]): number {
  let best = Infinity;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    best = Math.min(best, Math.abs(a[i]! - b[j]!));
    if (a[i]! < b[j]!) i++;
    else j++;
  }
  return best;
}

/** The proximity bonus of one document, on the same scale as its score. */
export function proximityBonus(postings: Postings, plan: QueryPlan, m: DocMatch): number {
  const words = plan.groups.flatMap((g) => g.words).sort((a, b) => a.order - b.order);
  const index = new Map(plan.units.map((u, i) => [u, i]));
  let bonus = 0;
  for (let k = 0; k + 1 < words.length; k++) {
    const a = words[k]!;
    const b = words[k + 1]!;
    const ca = m.cover[index.get(a)!]!;
    const cb = m.cover[index.get(b)!]!;
    if (!ca || !cb) continue;
    let best = 0;
    for (const { field, factor } of FIELDS) {
      const d = nearest(positions(postings, m.slot, a, field), positions(postings, m.slot, b, field));
      if (d < Infinity) best = Math.max(best, factor * closeness(d));
    }
    bonus += Math.min(a.importance * ca, b.importance * cb) * best;
  }
  return PROXIMITY.weight * bonus;
}
