// The navigator catalogue's editing API (/api/v1/navigator/…) for either kind of entry: the paths
// differ only by questions / measures, so one set of calls serves both forms.
import { apiUrl, request, type ApiResult } from '../../shared/api.ts';
import type { Schema } from '../../shared/api-types.ts';

export type Entry = Schema<'NavigatorEntry'>;
export type EntryVersion = Schema<'NavigatorEntryVersion'>;
export type Kind = Entry['kind'];
export type Content = Record<string, unknown>;

const base = (kind: Kind) => `/api/v1/navigator/${kind}s`;
const one = (kind: Kind, key: string) => `${base(kind)}/${encodeURIComponent(key)}`;

export const listEntries = (kind: Kind) => request<{ items: Entry[]; total: number }>('GET', apiUrl('/api/v1/navigator/entries', { query: { kind, limit: 500 } }));
export const readEntry = (kind: Kind, key: string) => request<Entry>('GET', one(kind, key));
export const versionsOf = (kind: Kind, key: string) => request<{ items: EntryVersion[] }>('GET', `${one(kind, key)}/versions`);
export const createEntry = (kind: Kind, content: Content, note?: string): Promise<ApiResult<Entry>> => request<Entry>('POST', base(kind), { content, ...(note ? { note } : {}) });
export const saveEntry = (kind: Kind, key: string, content: Content, baseVersion: number, note?: string): Promise<ApiResult<Entry>> =>
  request<Entry>('PUT', one(kind, key), { content, baseVersion, ...(note ? { note } : {}) });

export type Step = 'submit' | 'approve' | 'reject' | 'archive' | 'restore';
export const stepEntry = (kind: Kind, key: string, step: Step, body: object = {}) => request<Entry>('POST', `${one(kind, key)}/${step}`, body);
