// A refused change as the form shows it: the API's problem (application/problem+json) names each
// mistake's place (body.fields.4.options, path.code); the form puts a Russian sentence next to that
// control. The API's messages are English, for developers: they are read here only to choose the
// sentence, never shown.
import { count } from '../../src/platform/text/russian.ts';
import type { ApiResult } from '../shared/api.ts';
import { t } from './strings.ts';

/** Messages by the place in the edited record (fields.4.options, name, code), and what belongs nowhere. */
export interface FormErrors {
  at: Map<string, string[]>;
  general: string | null;
}

/** A length in characters, in the genitive of «не короче / не длиннее N знаков». */
const SIGNS = ['знака', 'знаков', 'знаков'] as const;

export const noErrors: FormErrors = { at: new Map(), general: null };

const rules: [RegExp, (m: RegExpExecArray) => string][] = [
  [/needs options/, () => 'У поля выбора должен быть хотя бы один вариант.'],
  [/only choice fields have options/, () => 'Варианты бывают только у полей выбора.'],
  [/appellant's own field/, () => 'Этот код занят полем заявителя (name, phone, email, address, text, consent, type, region).'],
  [/" twice$/, () => 'Такой код уже есть у другого поля.'],
  [/min is greater than max/, () => 'Нижняя граница больше верхней.'],
  [/not a valid regular expression/, () => 'Это не регулярное выражение.'],
  [/lower-case latin letters/, () => 'Только строчные латинские буквы, цифры и «-» (у видов и полей ещё «_»), от 2 до 63 знаков.'],
  [/3–64 characters: Latin letters/, () => 'От 3 до 64 знаков: латинские буквы, цифры, точка, дефис или подчёркивание; первый знак — буква или цифра.'],
  [/a two-digit region code/, () => 'Код региона из двух цифр (например 77) или «федеральная».'],
  [/unknown region code/, () => 'Такого региона нет в справочнике.'],
  [/Invalid option/, () => 'Выберите из списка.'],
  [/a region code such as 77/, () => 'Код региона из двух цифр, например 77.'],
  [/may not be longer than the answer term/, () => 'Продление не может быть дольше срока ответа.'],
  [/whole number of days from (\d+) to (\d+)/, (m) => `Целое число дней от ${m[1]} до ${m[2]}.`],
  [/close must be later than open/, () => 'Закрытие должно быть позже открытия.'],
  [/a time HH:MM/, () => 'Время в виде ЧЧ:ММ, от 00:00 до 24:00, например 09:00.'],
  [/digit (\d) is used by an earlier item/, (m) => `Цифра ${m[1]} уже занята пунктом выше.`],
  [/no section ".*" in the knowledge base/, () => 'Такого раздела в базе знаний нет.'],
  [/Invalid email/i, () => 'Нужен адрес электронной почты, например org@example.ru.'],
  [/Too small: expected string to have >=1 /, () => 'Заполните это поле.'],
  [/Too small: expected string to have >=(\d+)/, (m) => `Не короче ${count(Number(m[1]), SIGNS)}.`],
  [/Too big: expected string to have <=(\d+)/, (m) => `Не длиннее ${count(Number(m[1]), SIGNS)}.`],
  [/Too small: expected number to be >=(-?\d+)/, (m) => `Не меньше ${m[1]}.`],
  [/Too big: expected number to be <=(-?\d+)/, (m) => `Не больше ${m[1]}.`],
  [/Too small: expected array to have >=1 /, () => 'Нужен хотя бы один вариант.'],
  [/Too big: expected array to have <=(\d+)/, (m) => `Не больше ${m[1]}.`],
  // (after the bounds: «Too big: expected number to be <=120» is a bound, not a wrong kind)
  [/expected int/, () => 'Нужно целое число.'],
  [/expected number/, () => 'Нужно число.'],
];

/** The sentence for one of the API's messages. */
export function explain(message: string): string {
  for (const [re, say] of rules) {
    const m = re.exec(message);
    if (m) return say(m);
  }
  return 'Проверьте значение.';
}

/** What went wrong, in the admin app's words for the problem's code, or as the server said it. */
export function problemText(r: Extract<ApiResult<unknown>, { ok: false }>): string {
  return (r.code && t.problems[r.code]) || r.message;
}

/**
 * A failed save as form errors. rename: a place in the body as the form calls it (the fields are
 * named by their stable key, not their position, so the messages stay with them while fields move).
 */
export function formErrors(r: Extract<ApiResult<unknown>, { ok: false }>, rename: (path: string) => string = (p) => p): FormErrors {
  const list = (r.body as { errors?: { path: string; message: string }[] } | null)?.errors;
  if (!list?.length) return { at: new Map(), general: problemText(r) };
  const at = new Map<string, string[]>();
  for (const e of list) {
    const place = rename(e.path.replace(/^(body|path)\.?/, ''));
    at.set(place, [...(at.get(place) ?? []), explain(e.message)]);
  }
  return { at, general: null };
}

/** The messages of a control: at its place and anywhere inside it (options.2 belongs to options). */
export function messagesAt(errors: FormErrors, place: string): string[] {
  return [...errors.at].flatMap(([p, m]) => (p === place || p.startsWith(`${place}.`) ? m : []));
}
