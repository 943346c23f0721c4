// The portal wizard's state, read from the URL alone (nothing is kept between pages): the answers
// that matter in the order the engine asks for them, the question to show now (the next one, one
// being changed, or one whose value in the URL is bad, with its message) or, when nothing is left
// to ask, the final step. The engine replays the path from no answers, so an answer that stopped
// mattering after a change drops out of every link, and the same answers always make the same pages.
import type { Question } from './catalog-schema.ts';
import type { Navigator, Step } from './engine.ts';
import { ws } from './page-strings.ts';

/** Query names of the wizard's own (question vars are snake_case words; these are not among them). */
export const CHANGE = 'change';
export const ANSWERED = 'answered';

export type Value = string | number | boolean;

export interface Answered {
  question: Question;
  value: Value;
}

export interface WizardState {
  /** The answers that matter, in the order the wizard asks for them. */
  path: Answered[];
  /** The question to show; null when the wizard is done (step.next is null). */
  current: Question | null;
  /** current is an answered question being changed (its answer is in path). */
  changing: boolean;
  /** What the current question's field shows: the value being changed, or the bad one typed. */
  shown: string;
  /** Messages about the current question's value (Russian). */
  problems: string[];
  /** The engine's step after the path's answers. */
  step: Step;
}

/** The query as Fastify parsed it: a name given twice is a list. */
export type RawQuery = Record<string, unknown>;

/** A value as the URL carries it. */
export const urlValue = (v: Value): string => String(v);

/** The query of these answers, in the path's order (without those of skip). */
export function answersQuery(path: Answered[], extra: [string, string][] = [], skip?: string): string {
  const pairs: [string, string][] = path.filter((a) => a.question.var !== skip).map((a) => [a.question.var, urlValue(a.value)]);
  const q = new URLSearchParams([...pairs, ...extra]).toString();
  return q ? `?${q}` : '';
}

export function readWizard(nav: Navigator, questions: Question[], query: RawQuery): WizardState {
  const byVar = new Map(questions.map((q) => [q.var, q]));
  const raw: Record<string, string> = {};
  const mine = new Map<string, string>();
  const typed = new Map<string, string>();
  for (const [name, given] of Object.entries(query)) {
    if (!byVar.has(name)) continue; // (not a question: utm tags and the like are no business of ours)
    if (Array.isArray(given)) mine.set(name, ws.answeredTwice);
    else if (typeof given === 'string' && given.trim() !== '') {
      raw[name] = given.trim();
      typed.set(name, given.trim());
    }
  }
  const answeredVar = typeof query[ANSWERED] === 'string' ? query[ANSWERED] : '';
  const answeredQ = byVar.get(answeredVar);
  if (answeredQ && !(answeredVar in raw) && !mine.has(answeredVar)) mine.set(answeredVar, answeredQ.type === 'number' ? ws.numberMissing : ws.choiceMissing);

  const parsed = nav.parseAnswers(raw);
  const problems = new Map<string, string[]>();
  for (const [v, m] of mine) problems.set(v, [m]);
  for (const p of parsed.problems) problems.set(p.var, [...(problems.get(p.var) ?? []), p.message]);

  // (the engine replays the wizard from no answers: the path is what it asked, in its order; a
  // bad value was left out, so its question comes up again, with the message)
  const step = nav.step(parsed.answers);
  const path: Answered[] = step.asked.map((v) => ({ question: byVar.get(v)!, value: parsed.answers[v]! }));
  const next = step.next;
  if (next && problems.has(next.var)) {
    return { path, current: next, changing: false, shown: typed.get(next.var) ?? '', problems: problems.get(next.var)!, step };
  }
  const change = typeof query[CHANGE] === 'string' ? path.find((a) => a.question.var === query[CHANGE]) : undefined;
  if (change) return { path, current: change.question, changing: true, shown: urlValue(change.value), problems: [], step };
  return { path, current: next, changing: false, shown: '', problems: [], step };
}

/** An answer as the citizen chose it: the option's label, «Да»/«Нет», or the number. */
export function answerLabel(q: Question, v: Value): string {
  if (q.type === 'boolean') return v === true ? ws.yes : ws.no;
  if (q.type === 'choice') return q.options?.find((o) => o.value === v)?.label ?? String(v);
  return String(v);
}
