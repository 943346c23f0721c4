// What the settings screens compute without the page: a region's overrides as the form holds them
// (percentages as people type them, an empty field for «the federal value»), the overflow targets
// as typed (50, 69, резерв), and what a caller hears from a region's menu — the telephony edge
// plays the recorded greeting when the menu has one, then «Выберите тему…», each item whose section
// has a recorded name with its key, and «По другим вопросам…» (src/telephony/media/prompts.ts).
import type { Schema } from '../../shared/api-types.ts';
import { pressKeyText, promptTexts } from '../../../src/telephony/media/prompt-texts.ts';
import manifest from '../../../data/telephony/prompts/manifest.json' with { type: 'json' };

export type Norms = Schema<'Norms'>;
export type NormKey = keyof Norms;
export type Hours = Schema<'OpeningHours'>;
export type Day = keyof Hours;
export type Queue = Schema<'Queue'>;

export const days: Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The norms in the form's order; a share is typed as a percentage. Bounds as the API's. */
export const normFields: { key: NormKey; percent: boolean; min: number; max: number }[] = [
  { key: 'serviceLevelTarget', percent: true, min: 0, max: 100 },
  { key: 'serviceLevelSeconds', percent: false, min: 1, max: 3600 },
  { key: 'maxAbandonRate', percent: true, min: 0, max: 100 },
  { key: 'maxAsaSeconds', percent: false, min: 1, max: 3600 },
  { key: 'shortAbandonSeconds', percent: false, min: 0, max: 120 },
];

/** A norm as shown: 0.8 → «80», 20 → «20». */
export function showNorm(key: NormKey, value: number): string {
  const percent = normFields.find((f) => f.key === key)?.percent;
  return percent ? String(Math.round(value * 10000) / 100) : String(value);
}

/** A typed norm as the API takes it: «80» → 0.8; empty → left out; what is not a number goes as typed, for the API to refuse at its place. */
export function readNorm(key: NormKey, typed: string): number | string | undefined {
  const text = typed.trim().replace(',', '.').replace(/\s*%$/, '');
  if (!text) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) return typed;
  return normFields.find((f) => f.key === key)?.percent ? Math.round(n * 100) / 10000 : n;
}

export type DayMode = 'default' | 'open' | 'closed';
export interface DayDraft {
  mode: DayMode;
  open: string;
  close: string;
}

/** A day of the overrides as the form holds it: absent → the federal hours; null → closed. */
export function dayDraft(own: Hours[Day] | undefined, effective: Hours[Day]): DayDraft {
  if (own === undefined) return { mode: 'default', open: effective?.open ?? '09:00', close: effective?.close ?? '18:00' };
  if (own === null) return { mode: 'closed', open: effective?.open ?? '09:00', close: effective?.close ?? '18:00' };
  return { mode: 'open', open: own.open, close: own.close };
}

export function hoursBody(draft: Record<Day, DayDraft>): Partial<Hours> {
  const out: Partial<Hours> = {};
  for (const d of days) {
    const x = draft[d];
    if (x.mode === 'closed') out[d] = null;
    else if (x.mode === 'open') out[d] = { open: x.open.trim(), close: x.close.trim() };
  }
  return out;
}

/** «09:00–18:00» or «выходной». */
export const hoursText = (h: Hours[Day], closed: string) => (h ? `${h.open}–${h.close}` : closed);

const RESERVE_WORDS = new Set(['резерв', 'federal', 'фед', 'федеральный', 'федеральный резерв']);

/** «50, 69, резерв» → ['50', '69', 'federal']; what is not understood goes as typed, for the API to refuse. */
export function readTargets(typed: string): string[] {
  return typed
    .split(/[,;]/)
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => (RESERVE_WORDS.has(x.toLowerCase()) ? 'federal' : x));
}

export const showTargets = (to: string[]) => to.map((x) => (x === 'federal' ? 'резерв' : x)).join(', ');

/** The queue a chosen topic goes to: the first of the region's that takes it, else the general one (as the ACD resolves it). */
export function queueOfTopic(queues: Queue[], section: string): Queue | undefined {
  return queues.find((q) => q.skills.includes(section)) ?? queues.find((q) => q.name === 'general') ?? queues[0];
}

/** The sections the edge has a recorded name for (a menu item without one is left out of what is said). */
export const recordedSections: ReadonlySet<string> = new Set(
  Object.entries((manifest as { prompts: Record<string, string | null> }).prompts).flatMap(([id, text]) => (id.startsWith('section-') && text ? [text] : [])),
);

/** What the caller hears, sentence by sentence, before the wait for a key. */
export function heardLines(menu: { greeting?: string | null; items: { digit: string; section: string }[] }): string[] {
  const lines: string[] = menu.greeting?.trim() ? [promptTexts.greeting] : [];
  if (!menu.items.length) return lines;
  lines.push(promptTexts.menuIntro);
  for (const item of menu.items) {
    const digit = Number(item.digit);
    if (recordedSections.has(item.section) && Number.isInteger(digit) && digit >= 0 && digit <= 9) lines.push(`${item.section} — ${pressKeyText(digit)}.`);
  }
  lines.push(promptTexts.menuOther);
  return lines;
}
