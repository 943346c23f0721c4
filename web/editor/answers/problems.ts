// A refused save as the form shows it: the API names each mistake's place (body.title,
// body.related.2) and the form puts a Russian sentence next to that control. The API's messages are
// English, for developers: they only choose the sentence here.
import type { ApiResult } from '../../shared/api.ts';
import { t } from '../strings.ts';

export interface FormErrors {
  at: Map<string, string[]>;
  general: string | null;
}

export const noErrors: FormErrors = { at: new Map(), general: null };

const rules: [RegExp, (m: RegExpExecArray) => string][] = [
  [/lowercase Latin letters/, () => 'Только строчные латинские буквы, цифры и «-», от 2 до 120 знаков.'],
  [/"federal" or a two-digit region code/, () => '«federal» или код региона из двух цифр.'],
  [/a date YYYY-MM-DD/, () => 'Нужна дата.'],
  [/an http\(s\) address/, () => 'Нужен адрес, начинающийся с https:// или http://.'],
  [/required for a regional supplement/, () => 'У регионального дополнения должен быть федеральный ответ.'],
  [/not a federal answer/, () => 'Это не федеральный ответ.'],
  [/only for regional supplements/, () => 'Федеральный ответ ни к чему не дополнение.'],
  [/Too small: expected string to have >=1 /, () => 'Заполните это поле.'],
  [/Too big: expected string to have <=(\d+)/, (m) => `Не длиннее ${m[1]} знаков.`],
  [/Too big: expected array to have <=(\d+)/, (m) => `Не больше ${m[1]}.`],
  [/expected string/, () => 'Заполните это поле.'],
];

export function explain(message: string): string {
  for (const [re, say] of rules) {
    const m = re.exec(message);
    if (m) return say(m);
  }
  return 'Проверьте значение.';
}

/** A failed request as form errors: each at its place in the body (related.2 goes with related). */
export function formErrors(r: Extract<ApiResult<unknown>, { ok: false }>): FormErrors {
  const list = (r.body as { errors?: { path: string; message: string }[] } | null)?.errors;
  const byCode = r.code ? t.problems[r.code] : undefined;
  if (!list?.length) return { at: new Map(), general: byCode ?? r.message };
  const at = new Map<string, string[]>();
  for (const e of list) {
    const parts = e.path.replace(/^(body|path)\.?/, '').split('.');
    const place = parts[0] ?? '';
    // (a source's mistake says its line: the sources are one box, a line each)
    const line = place === 'sources' && parts[1] !== undefined ? `${t.editor.sourceLine(Number(parts[1]) + 1)}: ` : '';
    at.set(place, [...(at.get(place) ?? []), line + explain(e.message)]);
  }
  return { at, general: null };
}

export const messagesAt = (errors: FormErrors, place: string) => errors.at.get(place) ?? [];
