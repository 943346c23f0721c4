// The workstation's pure parts: durations, what the call card shows, the wrap-up's topics.
import type { Answer, Schema } from '../shared/api-types.ts';
import { t } from './strings.ts';

/** 75 → "1:15"; 3725 → "1:02:05". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

export const secondsSince = (iso: string | null | undefined, now: number) => (iso ? (now - Date.parse(iso)) / 1000 : 0);

/** A call as the API shows it (GET /api/v1/calls/{callId}, the feed's offer). */
export type Call = Schema<'Call'>;

/** The operator's seat (GET /api/v1/agent). */
export type Agent = Schema<'Operator'>;

export type PreviousCall = Answer<'/api/v1/calls/{callId}/caller-history'>['items'][number];

/** The topics to offer in wrap-up: the IVR topic and the sections of the answers used, first. */
export function initialTopics(call: Call | null, usedSections: string[]): string[] {
  return [...new Set([...(call?.topic ? [call.topic] : []), ...usedSections])];
}

export function toggle<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/** "2026-11-20T09:15:00Z" → "20.11 12:15" in the browser's time. */
export function shortDate(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${String(d.getDate()).padStart(2, '0')}.${String(d.getMonth() + 1).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The wrap-up's note with a line for each appeal's number not in it yet. */
export function withAppealNumbers(note: string, numbers: string[]): string {
  const missing = numbers.filter((n) => !note.includes(n)).map((n) => t.appeal.note(n));
  return missing.length ? [note.trimEnd(), ...missing].filter(Boolean).join('\n') : note;
}
