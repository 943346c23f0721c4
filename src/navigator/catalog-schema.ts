// What a question and a support measure are (the shape of data/demo/navigator/*.json), and the
// catalogue the engine runs on. parseCatalog checks everything across them: each rule against the
// questions, ids and vars once each, the tie-break order naming every question.
import { z } from 'zod';
import { checkRule, ruleSchema, type RuleProblem } from './rules.ts';

const code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'латинские строчные буквы, цифры, - и _');

export const questionSchema = z
  .strictObject({
    var: code.describe('The answer’s name in rules and in the wizard’s URL, e.g. has_loan'),
    question: z.string().trim().min(1).max(500).describe('What the citizen is asked, in Russian'),
    hint: z.string().max(1000).optional().describe('An explanation shown under the question'),
    type: z.enum(['choice', 'boolean', 'number']).describe('choice: one of the options; boolean: yes or no; number: a whole number'),
    options: z
      .array(z.strictObject({ value: code, label: z.string().trim().min(1).max(300) }))
      .min(2)
      .optional()
      .describe('For choice questions: the values rules name and the labels people read'),
    min: z.number().optional().describe('number: the least answer (0 when not said)'),
    max: z.number().optional().describe('number: the greatest answer'),
  })
  .superRefine((q, ctx) => {
    if (q.type === 'choice' && !q.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'У вопроса с выбором ответа должны быть варианты.' });
    if (q.type !== 'choice' && q.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Варианты бывают только у вопроса с выбором ответа.' });
    if (q.type !== 'number' && (q.min !== undefined || q.max !== undefined)) ctx.addIssue({ code: 'custom', path: ['min'], message: 'Границы бывают только у вопроса с числовым ответом.' });
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) ctx.addIssue({ code: 'custom', path: ['min'], message: 'Наименьший ответ больше наибольшего.' });
    const values = (q.options ?? []).map((o) => o.value);
    values.forEach((v, i) => {
      if (values.indexOf(v) !== i) ctx.addIssue({ code: 'custom', path: ['options', i, 'value'], message: `Вариант «${v}» повторяется.` });
    });
  });
export type Question = z.infer<typeof questionSchema>;

/** A measure's variant in one region: what differs there (shown, not evaluated). */
export const regionalVariantSchema = z.strictObject({
  region: z.string().regex(/^[0-9]{2}$/, 'код региона, например 77'),
  title: z.string().max(300).optional(),
  summary: z.string().max(4000).optional(),
  provider: z.string().max(300).optional(),
  how_to_apply: z.string().max(4000).optional(),
});

export const measureSchema = z.strictObject({
  id: code.describe('Stable slug, e.g. sm-federal-lump-sum'),
  title: z.string().trim().min(1).max(300).describe('The measure’s name, in Russian'),
  summary: z.string().trim().min(1).max(4000).describe('What it gives, in a few sentences, in Russian'),
  provider: z.string().trim().min(1).max(300).describe('Who grants it'),
  category: z.string().trim().min(1).max(100).describe('A group of measures, e.g. выплаты (the start page lists them; a taxonomy term in HSDS)'),
  eligibility: ruleSchema.describe('Who is eligible, in the rule language (docs/navigator.md)'),
  how_to_apply: z.string().trim().min(1).max(4000).describe('Where and how to apply, in Russian'),
  answer_ids: z.array(z.string()).default([]).describe('Slugs of knowledge-base answers about it'),
  legalBasis: z.string().max(1000).optional().describe('The law or decree it rests on'),
  regional: z.array(regionalVariantSchema).optional().describe('What differs in some regions: shown to visitors of that region, not evaluated'),
  judged: z.array(z.string().trim().min(1).max(500)).optional().describe('Conditions only a person can judge: shown, not evaluated'),
});
export type Measure = z.infer<typeof measureSchema>;

export interface NavigatorCatalog {
  questions: Question[];
  measures: Measure[];
  /** Question vars: the tie-break order for the next question (default: the questions' order). */
  order: string[];
}

export class CatalogError extends Error {
  constructor(readonly problems: RuleProblem[]) {
    super(`Каталог навигатора с ошибками:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
}

const zodProblems = (e: z.ZodError, at: string): RuleProblem[] => e.issues.map((i) => ({ path: [at, ...i.path.map(String)].join('.'), message: i.message }));

/**
 * The catalogue from raw JSON (questions file, measures file, an optional order), or every problem
 * at its path: questions.3.options, measures.7.eligibility.all.1.in.0, order.2 …
 */
export function parseCatalog(rawQuestions: unknown, rawMeasures: unknown, rawOrder?: unknown): NavigatorCatalog {
  const problems: RuleProblem[] = [];
  const questions = z.array(z.unknown()).safeParse(rawQuestions);
  const measures = z.array(z.unknown()).safeParse(rawMeasures);
  if (!questions.success) throw new CatalogError([{ path: 'questions', message: 'Вопросы — это список.' }]);
  if (!measures.success) throw new CatalogError([{ path: 'measures', message: 'Меры — это список.' }]);

  const qs: Question[] = [];
  questions.data.forEach((raw, i) => {
    const r = questionSchema.safeParse(raw);
    if (r.success) qs.push(r.data);
    else problems.push(...zodProblems(r.error, `questions.${i}`));
  });
  qs.forEach((q, i) => {
    if (qs.findIndex((o) => o.var === q.var) !== i) problems.push({ path: `questions.${i}.var`, message: `Вопрос «${q.var}» повторяется.` });
  });

  const ms: Measure[] = [];
  measures.data.forEach((raw, i) => {
    // the rule first, with Russian messages at its path; the rest by the schema
    const rule = typeof raw === 'object' && raw !== null ? (raw as { eligibility?: unknown }).eligibility : undefined;
    const ruleProblems = checkRule(rule, qs, `measures.${i}.eligibility`);
    problems.push(...ruleProblems);
    const r = measureSchema.safeParse(raw);
    if (r.success) ms.push(r.data);
    else problems.push(...zodProblems(r.error, `measures.${i}`).filter((p) => !ruleProblems.length || !p.path.startsWith(`measures.${i}.eligibility`)));
  });
  ms.forEach((m, i) => {
    if (ms.findIndex((o) => o.id === m.id) !== i) problems.push({ path: `measures.${i}.id`, message: `Мера «${m.id}» повторяется.` });
  });

  let order = qs.map((q) => q.var);
  if (rawOrder !== undefined) {
    const o = z.array(z.string()).safeParse(rawOrder);
    if (!o.success) problems.push({ path: 'order', message: 'Порядок — это список имён вопросов.' });
    else {
      o.data.forEach((v, i) => {
        if (!qs.some((q) => q.var === v)) problems.push({ path: `order.${i}`, message: `Нет вопроса «${v}».` });
        else if (o.data.indexOf(v) !== i) problems.push({ path: `order.${i}`, message: `Вопрос «${v}» повторяется.` });
      });
      // questions the order leaves out come after it, in the questions' order
      order = [...o.data, ...order.filter((v) => !o.data.includes(v))];
    }
  }
  if (problems.length) throw new CatalogError(problems);
  return { questions: qs, measures: ms, order };
}
