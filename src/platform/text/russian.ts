// Russian grammar the pages and the staff apps share: the form a noun takes after a number, and
// month names as a date says them. Plain TypeScript without Node's modules: web/ imports it too.

/** A noun's three forms after a number: for 1 (and 21, 101), for 2–4 (and 22–24), for 5–20 and 0. */
export type PluralForms = readonly [one: string, few: string, many: string];

const rules = new Intl.PluralRules('ru');

/**
 * The form of a noun after n, by the language's own rules (Intl.PluralRules): 1 звонок, 2 звонка,
 * 5 звонков, 11 звонков, 21 звонок. A fraction takes the "few" form, as Russian says it (1,5 звонка).
 * plural(n, ['звонок', 'звонка', 'звонков']); the three forms may also come as three arguments.
 */
export function plural(n: number, forms: PluralForms): string;
export function plural(n: number, one: string, few: string, many: string): string;
export function plural(n: number, ...args: [PluralForms] | [string, string, string]): string {
  const [one, few, many] = args.length === 1 ? args[0] : args;
  switch (rules.select(n)) {
    case 'one':
      return one;
    case 'few':
    case 'other':
      return few;
    default:
      return many;
  }
}

/** The number and its noun: count(5, ['звонок', 'звонка', 'звонков']) is "5 звонков". */
export function count(n: number, forms: PluralForms): string {
  return `${n} ${plural(n, forms)}`;
}

/** Month names in the genitive, as in "5 января". */
export const MONTHS_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'] as const;
