// The eligibility rule language of the support measures' data file: all / any / not over
// conditions on one question each (eq, in, gte, lte). checkRule says, in Russian and at its JSON
// path, what an editor got wrong: the shape, an unknown question, a value the question cannot have.
import { z } from 'zod';

export type Scalar = string | number | boolean;

export type Rule =
  { all: Rule[] } | { any: Rule[] } | { not: Rule } | { var: string; eq: Scalar } | { var: string; in: (string | number)[] } | { var: string; gte: number } | { var: string; lte: number };

/** The shape alone (for the API's schema); checkRule checks it against the questions. */
export const ruleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ruleSchema).min(1) }),
    z.strictObject({ any: z.array(ruleSchema).min(1) }),
    z.strictObject({ not: ruleSchema }),
    z.strictObject({ var: z.string(), eq: z.union([z.string(), z.number(), z.boolean()]) }),
    z.strictObject({ var: z.string(), in: z.array(z.union([z.string(), z.number()])).min(1) }),
    z.strictObject({ var: z.string(), gte: z.number() }),
    z.strictObject({ var: z.string(), lte: z.number() }),
  ]),
);

/** What checkRule needs of a question (catalog-schema.ts's Question has it). */
export interface RuleQuestion {
  var: string;
  type: 'choice' | 'boolean' | 'number';
  options?: { value: string; label: string }[];
  min?: number;
  max?: number;
}

export interface RuleProblem {
  /** The JSON path of the offending part, e.g. eligibility.all.1.in.2 */
  path: string;
  /** In Russian, for the editor. */
  message: string;
}

const ops = ['eq', 'in', 'gte', 'lte'] as const;
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const shown = (x: unknown) => JSON.stringify(x);

/**
 * Every problem of a rule (taken as unknown JSON: an editor's input) against the questions, each
 * at its path under `at`. No problems: the rule is a Rule that can be evaluated.
 */
export function checkRule(rule: unknown, questions: readonly RuleQuestion[], at = 'eligibility'): RuleProblem[] {
  const byVar = new Map(questions.map((q) => [q.var, q]));
  const problems: RuleProblem[] = [];
  const say = (path: string, message: string): void => {
    problems.push({ path, message });
  };

  const walk = (r: unknown, path: string): void => {
    if (!isObject(r)) return say(path, 'Условие должно быть объектом: {"all": […]}, {"any": […]}, {"not": …} или {"var": …, "eq"|"in"|"gte"|"lte": …}.');
    const keys = Object.keys(r);
    for (const group of ['all', 'any'] as const) {
      if (!(group in r)) continue;
      if (keys.length !== 1) return say(path, `В условии «${group}» не должно быть других ключей, кроме «${group}»: лишние ${keys.filter((k) => k !== group).join(', ')}.`);
      const list = r[group];
      if (!Array.isArray(list)) return say(`${path}.${group}`, `«${group}» — это список условий.`);
      if (list.length === 0) return say(`${path}.${group}`, `Список условий «${group}» пуст.`);
      list.forEach((child, i) => walk(child, `${path}.${group}.${i}`));
      return;
    }
    if ('not' in r) {
      if (keys.length !== 1) return say(path, `В условии «not» не должно быть других ключей: лишние ${keys.filter((k) => k !== 'not').join(', ')}.`);
      return walk(r.not, `${path}.not`);
    }
    if (!('var' in r)) return say(path, `Неизвестное условие с ключами ${keys.join(', ') || '(пусто)'}: ожидались all, any, not или var.`);
    const present = ops.filter((op) => op in r);
    const extra = keys.filter((k) => k !== 'var' && !(ops as readonly string[]).includes(k));
    if (extra.length) return say(path, `Лишние ключи в условии: ${extra.join(', ')}.`);
    if (present.length !== 1) return say(path, 'В условии с «var» нужно ровно одно сравнение: eq, in, gte или lte.');
    const name = r.var;
    if (typeof name !== 'string') return say(`${path}.var`, '«var» — это имя вопроса (строка).');
    const q = byVar.get(name);
    if (!q) return say(`${path}.var`, `Нет вопроса «${name}».`);
    checkComparison(q, present[0]!, r[present[0]!], path, say);
  };

  walk(rule, at);
  return problems;
}

function checkComparison(q: RuleQuestion, op: (typeof ops)[number], value: unknown, path: string, say: (path: string, message: string) => void) {
  const at = `${path}.${op}`;
  const kind = { choice: 'с выбором ответа', boolean: '«да или нет»', number: 'с числовым ответом' }[q.type];
  const checkValue = (v: unknown, vPath: string) => {
    if (q.type === 'choice') {
      if (typeof v !== 'string') return say(vPath, `Ответ на вопрос «${q.var}» — один из вариантов (строка), а не ${shown(v)}.`);
      const values = (q.options ?? []).map((o) => o.value);
      if (!values.includes(v)) say(vPath, `У вопроса «${q.var}» нет варианта «${v}»: есть ${values.map((x) => `«${x}»`).join(', ')}.`);
    } else if (q.type === 'boolean') {
      if (typeof v !== 'boolean') say(vPath, `Ответ на вопрос «${q.var}» — true или false, а не ${shown(v)}.`);
    } else if (typeof v !== 'number' || !Number.isFinite(v)) {
      say(vPath, `Ответ на вопрос «${q.var}» — число, а не ${shown(v)}.`);
    } else if ((q.min !== undefined && v < q.min) || (q.max !== undefined && v > q.max)) {
      say(vPath, `Ответ на вопрос «${q.var}» не может быть ${v}: допустимо от ${q.min ?? '−∞'} до ${q.max ?? '∞'}.`);
    }
  };
  if (op === 'eq') return checkValue(value, at);
  if (op === 'in') {
    if (q.type === 'boolean') return say(at, `Вопрос «${q.var}» ${kind}: для него «in» не нужен, используйте «eq» с true или false.`);
    if (!Array.isArray(value)) return say(at, '«in» — это список допустимых ответов.');
    if (value.length === 0) return say(at, 'Список «in» пуст: условие никогда не выполнится.');
    value.forEach((v, i) => checkValue(v, `${at}.${i}`));
    const seen = new Set<unknown>();
    value.forEach((v, i) => {
      if (seen.has(v)) say(`${at}.${i}`, `Ответ ${shown(v)} повторяется в списке «in».`);
      seen.add(v);
    });
    return;
  }
  // gte / lte
  if (q.type !== 'number') return say(at, `«${op}» сравнивает числа, а вопрос «${q.var}» ${kind}.`);
  if (typeof value !== 'number' || !Number.isFinite(value)) return say(at, `«${op}» сравнивает с числом, а не с ${shown(value)}.`);
  // a bound outside what the question allows makes the condition always true or always false
  if (op === 'gte' && ((q.max !== undefined && value > q.max) || (q.min !== undefined && value <= q.min)))
    say(at, `Условие «не меньше ${value}» для вопроса «${q.var}» (от ${q.min ?? '−∞'} до ${q.max ?? '∞'}) выполняется всегда или никогда.`);
  if (op === 'lte' && ((q.min !== undefined && value < q.min) || (q.max !== undefined && value >= q.max)))
    say(at, `Условие «не больше ${value}» для вопроса «${q.var}» (от ${q.min ?? '−∞'} до ${q.max ?? '∞'}) выполняется всегда или никогда.`);
}

/** The questions a rule names, each once, in the order they first appear. */
export function ruleVars(rule: Rule): string[] {
  const out = new Set<string>();
  const walk = (r: Rule): void => {
    if ('all' in r) r.all.forEach(walk);
    else if ('any' in r) r.any.forEach(walk);
    else if ('not' in r) walk(r.not);
    else out.add(r.var);
  };
  walk(rule);
  return [...out];
}
