// The API's refusals of a question or a measure: each error names its path in the body
// (body.content.eligibility.all.1.in.0); the form shows it at the field it starts with, with the
// rest of the path («eligibility.all.1.in.0: …») so the place inside a rule can be found. The
// catalogue's own messages are Russian already; the few generic English ones are replaced.
import type { ApiResult } from '../../shared/api.ts';
import { explain } from '../answers/problems.ts';
import { nt } from './strings.ts';

export interface EntryErrors {
  /** by field: the messages, each with its full place */
  at: Map<string, string[]>;
  general: string | null;
  /** a 409 of the catalogue as a whole: each problem with its place */
  list: string[];
}

export const noEntryErrors: EntryErrors = { at: new Map(), general: null, list: [] };

const russian = (m: string) => (/[а-яё]/i.test(m) ? m : explain(m));

export function entryErrors(r: Extract<ApiResult<unknown>, { ok: false }>): EntryErrors {
  const errors = (r.body as { errors?: { path: string; message: string }[] } | null)?.errors ?? [];
  const general = (r.code && nt.problems[r.code]) ?? r.message;
  if (r.status !== 400 || !errors.length) return { at: new Map(), general, list: errors.map((e) => `${e.path}: ${russian(e.message)}`) };
  const at = new Map<string, string[]>();
  for (const e of errors) {
    const place = e.path.replace(/^body\.(content\.)?/, '');
    const field = place.split('.')[0] ?? '';
    const text = place.includes('.') ? `${place}: ${russian(e.message)}` : russian(e.message);
    at.set(field, [...(at.get(field) ?? []), text]);
  }
  return { at, general: null, list: [] };
}
