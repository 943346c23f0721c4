// What a citizen (or an operator taking their words) submits, checked against the appeal type: the
// appellant's own fields and the type's fields by their rules. Every problem is said in Russian next
// to the field it concerns (the portal form shows it there; the API returns the same list). Files
// are checked where they are received (attachments.ts), not here; a type's file fields only say
// whether some file must come with the appeal.
import { maskNumber, normalizeNumber } from '../platform/phone-numbers.ts';
import { plural } from '../platform/text/russian.ts';
import type { AppealType, Field } from './types-schema.ts';

export interface Appellant {
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
}

/** A submission as received: strings as typed (form) or values (JSON). */
export interface RawSubmission {
  name?: unknown;
  phone?: unknown;
  email?: unknown;
  address?: unknown;
  text?: unknown;
  consent?: unknown;
  values?: Record<string, unknown>;
}

export interface CleanSubmission {
  appellant: Appellant;
  text: string;
  values: Record<string, string | number | string[]>;
}

export interface FieldProblem {
  /** name, phone, email, address, text, consent, or values.<field code> */
  path: string;
  message: string;
}

export const TEXT_MAX = 10_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/u;

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** The local date `days` from `today` (YYYY-MM-DD), by the calendar. */
function shiftDate(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const russianDate = (s: string) => s.split('-').reverse().join('.');

/** What a required field left empty is told, by its kind (a choice is chosen, not filled in). */
const missing: Record<Field['kind'], string> = {
  text: 'Заполните это поле.',
  long_text: 'Заполните это поле.',
  choice: 'Выберите один из вариантов.',
  multi_choice: 'Выберите хотя бы один вариант.',
  date: 'Укажите дату.',
  number: 'Укажите число.',
  phone: 'Укажите номер телефона.',
  email: 'Укажите адрес электронной почты.',
  file: 'Приложите файл.',
};

function checkField(f: Field, raw: unknown, today: string): { value?: string | number | string[]; problem?: string } {
  const empty = raw === undefined || raw === null || (Array.isArray(raw) ? raw.length === 0 : str(raw) === '');
  if (empty) return f.required ? { problem: missing[f.kind] } : {};
  switch (f.kind) {
    case 'text':
    case 'long_text': {
      const s = str(raw);
      const max = f.maxLength ?? (f.kind === 'text' ? 300 : 4000);
      if (s.length > max) return { problem: `Не больше ${max} ${plural(max, ['знака', 'знаков', 'знаков'])} (сейчас ${s.length}).` };
      if (f.pattern && !new RegExp(f.pattern, 'u').test(s)) return { problem: f.patternMessage ?? 'Проверьте, как заполнено поле.' };
      return { value: s };
    }
    case 'choice': {
      const s = str(raw);
      return f.options!.includes(s) ? { value: s } : { problem: 'Выберите один из вариантов.' };
    }
    case 'multi_choice': {
      const list = (Array.isArray(raw) ? raw : [raw]).map(str).filter(Boolean);
      const unknown = list.find((x) => !f.options!.includes(x));
      if (unknown !== undefined) return { problem: `Такого варианта нет: «${unknown.slice(0, 50)}».` };
      return { value: [...new Set(list)] };
    }
    case 'date': {
      const s = str(raw);
      if (!validDate(s)) return { problem: 'Укажите дату в виде ГГГГ-ММ-ДД, например 2026-03-15.' };
      if (f.min !== undefined && s < shiftDate(today, f.min)) return { problem: `Дата не может быть раньше ${russianDate(shiftDate(today, f.min))}.` };
      if (f.max !== undefined && s > shiftDate(today, f.max)) return { problem: `Дата не может быть позже ${russianDate(shiftDate(today, f.max))}.` };
      return { value: s };
    }
    case 'number': {
      const s = str(raw).replace(',', '.');
      const n = Number(s);
      if (s === '' || !Number.isFinite(n)) return { problem: 'Укажите число.' };
      if (f.min !== undefined && n < f.min) return { problem: `Не меньше ${f.min}.` };
      if (f.max !== undefined && n > f.max) return { problem: `Не больше ${f.max}.` };
      return { value: n };
    }
    case 'phone': {
      const n = normalizeNumber(str(raw));
      return n && n.length >= 10 && n.length <= 15 ? { value: n } : { problem: 'Укажите номер телефона, например +7 916 123-45-67.' };
    }
    case 'email': {
      const s = str(raw);
      return EMAIL.test(s) && s.length <= 254 ? { value: s.toLowerCase() } : { problem: 'Укажите адрес электронной почты, например name@example.ru.' };
    }
    case 'file':
      return {};
  }
}

/**
 * The submission cleaned, or every problem found. `today` is the local date where the citizen is
 * (dates "in the past" are judged by it). `files`: how many files come with it (a required file
 * field wants one; the files are not told apart by field).
 */
export function checkSubmission(type: AppealType, raw: RawSubmission, today: string, files = 0): { ok: true; value: CleanSubmission } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const name = str(raw.name);
  if (name.length < 2) problems.push({ path: 'name', message: 'Укажите фамилию, имя и отчество (если есть).' });
  else if (name.length > 200) problems.push({ path: 'name', message: 'Не больше 200 знаков.' });
  const phoneRaw = str(raw.phone);
  const phone = phoneRaw ? normalizeNumber(phoneRaw) : null;
  if (phoneRaw && (!phone || phone.length < 10 || phone.length > 15)) problems.push({ path: 'phone', message: 'Укажите номер телефона, например +7 916 123-45-67.' });
  const emailRaw = str(raw.email);
  if (emailRaw && (!EMAIL.test(emailRaw) || emailRaw.length > 254)) problems.push({ path: 'email', message: 'Укажите адрес электронной почты, например name@example.ru.' });
  const address = str(raw.address);
  if (address.length > 500) problems.push({ path: 'address', message: 'Не больше 500 знаков.' });
  // 59-FZ art. 7: a written appeal names where to send the answer
  if (!emailRaw && !address) problems.push({ path: 'email', message: 'Укажите электронную почту или почтовый адрес: туда придёт ответ.' });
  const text = str(raw.text);
  if (text.length < 10) problems.push({ path: 'text', message: 'Опишите суть обращения (хотя бы 10 знаков).' });
  else if (text.length > TEXT_MAX) problems.push({ path: 'text', message: `Не больше ${TEXT_MAX} ${plural(TEXT_MAX, ['знака', 'знаков', 'знаков'])} (сейчас ${text.length}).` });
  const consent = raw.consent === true || raw.consent === 'on' || raw.consent === 'yes' || raw.consent === 'true';
  if (!consent) problems.push({ path: 'consent', message: 'Без согласия на обработку персональных данных обращение не может быть рассмотрено.' });
  const values: CleanSubmission['values'] = {};
  const given = raw.values ?? {};
  for (const f of type.fields) {
    if (f.kind === 'file') {
      if (f.required && files === 0) problems.push({ path: `values.${f.code}`, message: missing.file });
      continue;
    }
    const r = checkField(f, given[f.code], today);
    if (r.problem) problems.push({ path: `values.${f.code}`, message: r.problem });
    else if (r.value !== undefined) values[f.code] = r.value;
  }
  const known = new Set(type.fields.map((f) => f.code));
  for (const k of Object.keys(given)) if (!known.has(k)) problems.push({ path: `values.${k}`, message: 'В этом виде обращения такого поля нет.' });
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { appellant: { name, phone, email: emailRaw ? emailRaw.toLowerCase() : null, address: address || null }, text, values } };
}

/** What lists show of the appellant: no value in full. */
export function maskAppellant(a: Appellant): { name: string; phone: string | null; email: string | null } {
  const parts = a.name.split(/\s+/).filter(Boolean);
  const name = parts.map((p, i) => (i === 0 ? `${p[0]}***` : `${p[0]}.`)).join(' ');
  const email = a.email ? `${a.email[0]}***@${a.email.split('@')[1]}` : null;
  return { name, phone: a.phone ? maskNumber(a.phone) : null, email };
}
