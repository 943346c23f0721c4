// Open311 GeoReport v2's records (docs/open311.md) and their two renderings. Each answer is built once
// as the JSON the spec shows; the XML is made from it by the spec's mapping (a list becomes a root
// element of repeated items, an inner list an element of repeated items, null an empty element), so
// the two formats cannot disagree. Appeal types become services, their fields attributes.
import { XMLBuilder } from 'fast-xml-parser';
import { count } from '../platform/text/russian.ts';
import { appealStatuses, type AppealStatus } from './appeals-queries.ts';
import type { Filed } from './intake.ts';
import type { PublicAppeal } from './open311-queries.ts';
import type { AppealType, Field, FieldKind } from './types-schema.ts';
import { statusWords } from './work.ts';

export const formats = ['xml', 'json'] as const;
export type Format = (typeof formats)[number];

/** Exactly these, without a charset parameter: SeeClickFix's validator compares the whole value. */
export const contentTypes: Record<Format, string> = { xml: 'text/xml', json: 'application/json' };

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this interface last changed (discovery's changesets). */
export const CHANGESET = '2026-12-06T00:00:00Z';

export interface ErrorRecord {
  code: number;
  description: string;
}

/** An answer that is a list of errors, with its HTTP status (400, 403, 404; 429 and 500 pass through). */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly errors: ErrorRecord[],
  ) {
    super(errors.map((e) => e.description).join('; '));
    this.name = 'Open311Error';
  }
}

export const open311Error = (status: number, ...descriptions: string[]) =>
  new Open311Error(
    status,
    descriptions.map((description) => ({ code: status, description })),
  );

// --- services and their definitions --------------------------------------------------------------

export interface ServiceRecord {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  /** otvet's types have no keywords or groups yet: empty (swagger.json allows no null here). */
  keywords: string;
  group: string;
}

export type Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export interface AttributeRecord {
  variable: boolean;
  code: string;
  datatype: Datatype;
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

export interface DefinitionRecord {
  service_code: string;
  attributes: AttributeRecord[];
}

/** A field kind as a GeoReport datatype; files are not attributes (GeoReport has no file upload). */
const datatypes: Record<FieldKind, Datatype | null> = {
  text: 'string',
  long_text: 'text',
  choice: 'singlevaluelist',
  multi_choice: 'multivaluelist',
  date: 'datetime',
  number: 'number',
  phone: 'string',
  email: 'string',
  file: null,
};

/** The two attributes every service has besides its type's fields (both are reserved field codes). */
export const REGION_ATTRIBUTE = 'region';
export const CONSENT_ATTRIBUTE = 'consent';
export const CONSENT_GIVEN = 'true';

/**
 * Every service has attributes (at least the consent, which is required), so every service says
 * metadata: true and clients fetch its definition.
 */
export function serviceOf(t: AppealType): ServiceRecord {
  return { service_code: t.code, service_name: t.name, description: t.description, metadata: true, type: 'realtime', keywords: '', group: '' };
}

const days = (n: number) => (n === 0 ? 'сегодня' : n < 0 ? `${-n} дн. назад` : `через ${n} дн.`);

function datatypeDescription(f: Field): string {
  switch (f.kind) {
    case 'text':
      return `Строка, не больше ${count(f.maxLength ?? 300, ['знака', 'знаков', 'знаков'])}`;
    case 'long_text':
      return `Текст, не больше ${count(f.maxLength ?? 4000, ['знака', 'знаков', 'знаков'])}; переводы строк допустимы`;
    case 'choice':
      return 'Один из вариантов: его key';
    case 'multi_choice':
      return 'Один или несколько вариантов: attribute[code][]=key, по одному на вариант';
    case 'date': {
      const range = [f.min !== undefined ? `не раньше, чем ${days(f.min)}` : '', f.max !== undefined ? `не позже, чем ${days(f.max)}` : ''].filter(Boolean).join(', ');
      return `Дата: ГГГГ-ММ-ДД (дата и время W3C тоже принимаются, в счёт идёт дата)${range ? `; ${range}` : ''}`;
    }
    case 'number':
      return ['Число', f.min !== undefined ? `от ${f.min}` : '', f.max !== undefined ? `до ${f.max}` : ''].filter(Boolean).join(' ');
    case 'phone':
      return 'Номер телефона, например +7 916 123-45-67';
    case 'email':
      return 'Адрес электронной почты';
    case 'file':
      return '';
  }
}

/** The service's attributes: the type's fields (without files), then the region and the consent. */
export function definitionOf(t: AppealType, regions: { code: string; name: string }[]): DefinitionRecord {
  const attributes: AttributeRecord[] = [];
  for (const f of t.fields) {
    const datatype = datatypes[f.kind];
    if (!datatype) continue;
    attributes.push({
      variable: true,
      code: f.code,
      datatype,
      required: f.required,
      datatype_description: datatypeDescription(f),
      order: attributes.length + 1,
      description: f.hint ? `${f.label}. ${f.hint}` : f.label,
      ...(f.options ? { values: f.options.map((o) => ({ key: o, name: o })) } : {}),
    });
  }
  attributes.push({
    variable: true,
    code: REGION_ATTRIBUTE,
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: 'Код региона из списка. Ключ API регионального аккаунта подаёт обращения своего региона (поле можно не заполнять); с ключом федерального аккаунта оно обязательно',
    order: attributes.length + 1,
    description: 'Регион, к которому относится обращение',
    values: regions.map((r) => ({ key: r.code, name: r.name })),
  });
  attributes.push({
    variable: true,
    code: CONSENT_ATTRIBUTE,
    datatype: 'singlevaluelist',
    required: true,
    datatype_description: `${CONSENT_GIVEN}: заявитель дал это согласие (152-ФЗ); без него обращение не принимается`,
    order: attributes.length + 1,
    description: t.consentText,
    values: [{ key: CONSENT_GIVEN, name: 'Согласие получено' }],
  });
  return { service_code: t.code, attributes };
}

// --- service requests ----------------------------------------------------------------------------

export interface RequestRecord {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  agency_responsible?: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
}

/** The answer to a filing: the number at once (realtime), and what happens next. */
export interface FiledRecord {
  service_request_id: string;
  service_notice: string;
}

const OPEN: readonly AppealStatus[] = ['registered', 'forwarded', 'in_progress', 'redirected'];
export const openness = (s: AppealStatus): 'open' | 'closed' => (OPEN.includes(s) ? 'open' : 'closed');
export const statusesOf = (o: 'open' | 'closed'): AppealStatus[] => appealStatuses.filter((s) => openness(s) === o);

/** W3C date-time in UTC, to the second. */
export const w3c = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
export const russianDate = (isoDate: string) => isoDate.split('-').reverse().join('.');

/**
 * status_notes: the status in words, an extension's new due date; for an answer the fact of it,
 * never its text (the answer speaks to one person about their own matter).
 */
export function statusNotes(a: Pick<PublicAppeal, 'status' | 'extended_at' | 'answer_by_date'>): string {
  const words = statusWords[a.status];
  if (a.status === 'answered') return `${words}. Текст ответа получает заявитель; здесь он не публикуется.`;
  if (openness(a.status) === 'open' && a.extended_at) return `${words}. Срок рассмотрения продлён до ${russianDate(a.answer_by_date)}.`;
  return `${words}.`;
}

export function requestOf(a: PublicAppeal, type: { name: string } | undefined, organisation: { name: string } | undefined): RequestRecord {
  const closedAt = a.closed_at ?? a.answered_at;
  const updated = openness(a.status) === 'closed' && closedAt ? closedAt : (a.updated_at ?? a.registered_at);
  return {
    service_request_id: a.number,
    status: openness(a.status),
    status_notes: statusNotes(a),
    service_name: type?.name ?? a.type_code,
    service_code: a.type_code,
    ...(organisation ? { agency_responsible: organisation.name } : {}),
    requested_datetime: w3c(a.registered_at),
    updated_datetime: w3c(updated),
    expected_datetime: w3c(a.answer_by),
  };
}

// --- discovery -----------------------------------------------------------------------------------

export interface DiscoveryRecord {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: { specification: string; url: string; changeset: string; type: 'production' | 'test'; formats: string[] }[];
}

/**
 * One GeoReport v2 endpoint, listed as production and as test: SeeClickFix's validator needs at
 * least two endpoints and reads only test ones unless told otherwise (docs/open311.md).
 */
export function discoveryOf(publicUrl: string): DiscoveryRecord {
  const url = `${publicUrl.replace(/\/+$/, '')}/open311/v2`;
  const endpoint = (type: 'production' | 'test') => ({ specification: SPECIFICATION, url, changeset: CHANGESET, type, formats: formats.map((f) => contentTypes[f]) });
  return {
    changeset: CHANGESET,
    contact: `Единая горячая линия 122: ${publicUrl}`,
    key_service:
      'api_key: API-токен учётной записи интегрируемой системы (роль operator или supervisor, токен с областью appeals.register); выдаёт администратор платформы. ' +
      `Порядок и соответствие полей: docs/open311.md. Просмотр (GET) ключа не требует.`,
    endpoints: [endpoint('production'), endpoint('test')],
  };
}

// --- rendering -----------------------------------------------------------------------------------

type ListRoot = 'services' | 'service_requests' | 'errors';
type ObjectRoot = 'service_definition' | 'discovery';

/** The element each list's items are written as. */
const itemOf: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

const builder = new XMLBuilder({ format: true, ignoreAttributes: false, suppressEmptyNode: true });

/** A JSON value as the XML builder's tree: lists wrapped in their items' element, scalars as text. */
function tree(value: unknown, name?: string): unknown {
  if (Array.isArray(value)) return { [itemOf[name ?? ''] ?? 'item']: value.map((v) => tree(v)) };
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, tree(v, k)]])));
  return String(value);
}

export function render(format: Format, root: ListRoot, body: object[]): string;
export function render(format: Format, root: ObjectRoot, body: object): string;
export function render(format: Format, root: ListRoot | ObjectRoot, body: object): string {
  if (format === 'json') return JSON.stringify(body);
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, [root]: tree(body, root) }) as string;
}

/** What a filing answers: its number at once, where it went, when the answer is due, the citizen's code. */
export function filedOf(f: Filed): FiledRecord {
  const due = `Ответ — не позднее ${russianDate(f.answerBy)}.`;
  return {
    service_request_id: f.number,
    service_notice: !f.duplicate
      ? `Обращение ${f.number} зарегистрировано и направлено: ${f.organisation.name}. ${due} Код для проверки статуса и получения ответа: ${f.code}; сообщите его заявителю вместе с номером.`
      : f.code
        ? `Такое обращение уже подано несколько минут назад: его номер ${f.number}, код для проверки статуса: ${f.code}; направлено: ${f.organisation.name}. ${due}`
        : `Такое обращение уже подано в течение суток: его номер ${f.number} (код для проверки статуса выдан при первой подаче), направлено: ${f.organisation.name}. ${due}`,
  };
}
