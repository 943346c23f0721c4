// An appeal type as its editor holds it: numbers as typed, options as lines, each field with a key
// of its own that stays while fields move (the API's messages name fields by position; the form
// keeps them with the field). Only the rules of a field's kind are sent.
import type { RequestOf } from '../../shared/api-types.ts';
import type { AppealType, TypeField } from './catalog.ts';

export type TypeBody = RequestOf<'/api/v1/appeal-types/{code}', 'put'>['body'];
export type FieldKind = TypeField['kind'];

export const fieldKinds: FieldKind[] = ['text', 'long_text', 'choice', 'multi_choice', 'date', 'number', 'phone', 'email', 'file'];

/** Which rules a kind has (appeal-form.ts on the server applies them). */
export const rulesOf = (kind: FieldKind): 'length' | 'options' | 'range' | 'dates' | 'none' =>
  kind === 'text' || kind === 'long_text' ? 'length' : kind === 'choice' || kind === 'multi_choice' ? 'options' : kind === 'number' ? 'range' : kind === 'date' ? 'dates' : 'none';

/** The length a text field has when none is set (appeal-form.ts). */
export const defaultMaxLength = (kind: FieldKind) => (kind === 'text' ? 300 : 4000);

export interface FieldDraft {
  key: string;
  code: string;
  label: string;
  hint: string;
  kind: FieldKind;
  required: boolean;
  options: string;
  min: string;
  max: string;
  maxLength: string;
  pattern: string;
  patternMessage: string;
}

export interface TypeDraft {
  isNew: boolean;
  code: string;
  name: string;
  description: string;
  active: boolean;
  consentText: string;
  deadlines: { registerDays: string; forwardDays: string; answerDays: string; maxExtensionDays: string; redirectRestarts: boolean };
  fields: FieldDraft[];
}

let keys = 0;
export const newKey = () => `k${++keys}`;

const text = (v: number | undefined) => (v === undefined ? '' : String(v));

export function fieldDraft(f?: TypeField): FieldDraft {
  return {
    key: newKey(),
    code: f?.code ?? '',
    label: f?.label ?? '',
    hint: f?.hint ?? '',
    kind: f?.kind ?? 'text',
    required: f?.required ?? false,
    options: f?.options?.join('\n') ?? '',
    min: text(f?.min),
    max: text(f?.max),
    maxLength: text(f?.maxLength),
    pattern: f?.pattern ?? '',
    patternMessage: f?.patternMessage ?? '',
  };
}

const DEFAULT_CONSENT =
  'Я даю согласие на обработку моих персональных данных, указанных в обращении, в целях его рассмотрения и ответа (Федеральный закон от 27.07.2006 № 152-ФЗ «О персональных данных»).';

export function typeDraft(t?: AppealType): TypeDraft {
  const d = t?.deadlines ?? { registerDays: 3, forwardDays: 7, answerDays: 30, maxExtensionDays: 30, redirectRestarts: false };
  return {
    isNew: !t,
    code: t?.code ?? '',
    name: t?.name ?? '',
    description: t?.description ?? '',
    active: t?.active ?? true,
    consentText: t?.consentText ?? DEFAULT_CONSENT,
    deadlines: {
      registerDays: String(d.registerDays),
      forwardDays: String(d.forwardDays),
      answerDays: String(d.answerDays),
      maxExtensionDays: String(d.maxExtensionDays),
      redirectRestarts: d.redirectRestarts,
    },
    fields: (t?.fields ?? []).map(fieldDraft),
  };
}

/** A number as typed: a number when it is one, else the text itself (the API then says what is wrong, at its place). */
const num = (s: string): number => {
  const n = Number(s.trim().replace(',', '.'));
  return (s.trim() !== '' && Number.isFinite(n) ? n : s) as number;
};

/** An optional number: absent when left empty. */
const opt = <K extends string>(key: K, s: string): Partial<Record<K, number>> => (s.trim() === '' ? {} : ({ [key]: num(s) } as Record<K, number>));

export function fieldBody(f: FieldDraft): TypeField {
  const rules = rulesOf(f.kind);
  const options = f.options
    .split('\n')
    .map((o) => o.trim())
    .filter(Boolean);
  return {
    code: f.code.trim(),
    label: f.label,
    ...(f.hint.trim() ? { hint: f.hint } : {}),
    kind: f.kind,
    required: f.required,
    ...(rules === 'options' && options.length ? { options } : {}),
    ...(rules === 'range' || rules === 'dates' ? { ...opt('min', f.min), ...opt('max', f.max) } : {}),
    ...(rules === 'length' ? { ...opt('maxLength', f.maxLength), ...(f.pattern ? { pattern: f.pattern } : {}), ...(f.patternMessage.trim() ? { patternMessage: f.patternMessage } : {}) } : {}),
  };
}

export function typeBody(d: TypeDraft): TypeBody {
  return {
    name: d.name,
    description: d.description,
    active: d.active,
    consentText: d.consentText,
    deadlines: {
      registerDays: num(d.deadlines.registerDays),
      forwardDays: num(d.deadlines.forwardDays),
      answerDays: num(d.deadlines.answerDays),
      maxExtensionDays: num(d.deadlines.maxExtensionDays),
      redirectRestarts: d.deadlines.redirectRestarts,
    },
    fields: d.fields.map(fieldBody),
  };
}

/** The API's place (fields.3.options) as the form's (fields.k7.options): the field by its key. */
export const placeOf = (d: TypeDraft) => (path: string) => path.replace(/^fields\.(\d+)(?=\.|$)/, (whole, i: string) => (d.fields[Number(i)] ? `fields.${d.fields[Number(i)]!.key}` : whole));

/** Moves the field at `from` by one place up (-1) or down (+1). */
export function moved(fields: FieldDraft[], from: number, by: -1 | 1): FieldDraft[] {
  const to = from + by;
  if (to < 0 || to >= fields.length) return fields;
  const next = [...fields];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}
