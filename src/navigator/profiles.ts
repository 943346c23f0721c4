// The navigator's tests as data (navigator/tests/*.yaml, in the spirit of OpenFisca's YAML tests):
// a person's answers and the measures a caseworker expects granted, refused or left open. Read and
// checked against a catalogue here (every problem with its file and path); walked through the
// wizard one asked question at a time, as the person would answer them.
import { parse, YAMLParseError } from 'yaml';
import { z } from 'zod';
import type { NavigatorCatalog } from './catalog-schema.ts';
import type { Answers, MeasureResult, Navigator, Truth } from './engine.ts';

const measureIds = z.array(z.string().min(1)).default([]);

export const profileSchema = z.strictObject({
  name: z.string().trim().min(1),
  /** Answers by question var; null: the person does not know, and the wizard stops when it asks. */
  answers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  eligible: measureIds,
  not_eligible: measureIds,
  /** Measures still open where the wizard stopped (only with an answer the person does not know). */
  open: measureIds,
});
export type Profile = z.infer<typeof profileSchema>;

export const profileFileSchema = z.array(profileSchema).min(1);

export interface ProfileProblem {
  file: string;
  /** Where in the file: 3.answers.age, 0.eligible.2 … */
  path: string;
  message: string;
}

/**
 * A file's profiles, or every problem in it: YAML syntax (with its line), the shape, and against
 * the catalogue: unknown questions and measures, answers a question cannot have, a measure
 * expected two ways, a name used twice.
 */
export function readProfiles(file: string, text: string, catalog: NavigatorCatalog): { profiles: Profile[]; problems: ProfileProblem[] } {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    if (!(e instanceof YAMLParseError)) throw e;
    const line = e.linePos?.[0];
    return { profiles: [], problems: [{ file, path: line ? `line ${line.line}` : '', message: e.message }] };
  }
  const parsed = profileFileSchema.safeParse(raw);
  if (!parsed.success) return { profiles: [], problems: parsed.error.issues.map((i) => ({ file, path: i.path.join('.'), message: i.message })) };
  const problems: ProfileProblem[] = [];
  const say = (path: string, message: string) => problems.push({ file, path, message });
  const questions = new Map(catalog.questions.map((q) => [q.var, q]));
  const measures = new Set(catalog.measures.map((m) => m.id));
  parsed.data.forEach((p, i) => {
    if (parsed.data.findIndex((o) => o.name === p.name) !== i) say(`${i}.name`, `the name "${p.name}" is used twice in the file`);
    for (const [name, a] of Object.entries(p.answers)) {
      const q = questions.get(name);
      const at = `${i}.answers.${name}`;
      if (!q) say(at, 'no such question');
      else if (a === null) continue;
      else if (q.type === 'choice' && !q.options!.some((o) => o.value === a)) say(at, `not one of the options ${q.options!.map((o) => o.value).join(', ')}`);
      else if (q.type === 'boolean' && typeof a !== 'boolean') say(at, 'a yes-or-no question: true or false');
      else if (q.type === 'number' && (typeof a !== 'number' || !Number.isInteger(a) || a < (q.min ?? 0) || (q.max !== undefined && a > q.max)))
        say(at, `a whole number from ${q.min ?? 0}${q.max === undefined ? '' : ` to ${q.max}`}`);
    }
    const seen = new Map<string, string>();
    for (const list of ['eligible', 'not_eligible', 'open'] as const)
      p[list].forEach((id, j) => {
        if (!measures.has(id)) say(`${i}.${list}.${j}`, `no such measure ${id}`);
        else if (seen.has(id)) say(`${i}.${list}.${j}`, `${id} is already expected in ${seen.get(id)}`);
        seen.set(id, list);
      });
  });
  return { profiles: problems.length ? [] : parsed.data, problems };
}

export interface Walk {
  results: MeasureResult[];
  /** The questions the wizard asked, in order. */
  asked: string[];
  /** The question the wizard asked that the profile does not answer at all (the profile is incomplete). */
  missing?: string;
  /** The question the wizard asked that the person does not know (answered null): the walk ends there. */
  unknown?: string;
}

/** The wizard from no answers: each step asks one question, answered from the profile, until it ends. */
export function walkProfile(nav: Navigator, profile: Profile): Walk {
  const given: Answers = {};
  for (;;) {
    const s = nav.step(given);
    const name = s.next?.var;
    if (name === undefined) return { results: s.results, asked: s.asked };
    const a = profile.answers[name];
    if (a === undefined) return { results: s.results, asked: s.asked, missing: name };
    if (a === null) return { results: s.results, asked: s.asked, unknown: name };
    given[name] = a;
  }
}

/** What the profile expects of the measures it names, and what the walk gave them, side by side. */
export function expectedAndActual(profile: Profile, walk: Walk): { expected: Record<string, Truth>; actual: Record<string, Truth> } {
  const expected: Record<string, Truth> = {};
  for (const id of profile.eligible) expected[id] = 'yes';
  for (const id of profile.not_eligible) expected[id] = 'no';
  for (const id of profile.open) expected[id] = 'unknown';
  const truth = new Map(walk.results.map((r) => [r.id, r.truth]));
  const actual = Object.fromEntries(Object.keys(expected).map((id) => [id, truth.get(id)!]));
  return { expected, actual };
}
