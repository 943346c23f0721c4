// The prompt files and how announcements are put together from them. Each piece of speech is one
// WAV file in data/telephony/prompts/ (rendered by `npm run prompts:render`, committed); an
// announcement is a list of pieces that wav.ts joins into one file for rtpengine to play.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_ANNOUNCED_MINUTES, minutesText, pressKeyText, promptTexts } from './prompt-texts.ts';

/** The committed prompts (rtpengine must see the same path: it reads the files itself). */
export const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL('../../../data/telephony/prompts/', import.meta.url));

/** Soft tones played while a caller waits (generated, not spoken). */
export const HOLD_MUSIC = 'hold-music';

export interface SpokenPrompt {
  /** The file's name without `.wav`. */
  id: string;
  text: string;
}

const fixed: [string, keyof typeof promptTexts][] = [
  ['greeting', 'greeting'],
  ['unavailable', 'unavailable'],
  ['menu-intro', 'menuIntro'],
  ['menu-other', 'menuOther'],
  ['menu-invalid', 'menuInvalid'],
  ['queued', 'queued'],
  ['wait-intro', 'waitIntro'],
  ['wait-under-minute', 'waitUnderMinute'],
  ['wait-over-max', 'waitOverMax'],
  ['callback-offer', 'callbackOffer'],
  ['callback-accepted', 'callbackAccepted'],
  ['connecting', 'connecting'],
];

/** Every spoken piece: the fixed phrases, minutes 1–30, "нажмите N" for 0–9, and one per menu section. */
export function spokenPrompts(sectionNames: string[]): SpokenPrompt[] {
  return [
    ...fixed.map(([id, key]) => ({ id, text: promptTexts[key] })),
    ...Array.from({ length: MAX_ANNOUNCED_MINUTES }, (_, i) => ({ id: `minutes-${i + 1}`, text: minutesText(i + 1) })),
    ...Array.from({ length: 10 }, (_, d) => ({ id: `press-${d}`, text: `${pressKeyText(d)}.` })),
    ...[...new Set(sectionNames)].map((name) => ({ id: sectionPromptId(name), text: name })),
  ];
}

export const promptFile = (id: string, dir = DEFAULT_PROMPTS_DIR) => path.join(dir, `${id}.wav`);

/** The wait as announced: whole minutes rounded up, "меньше минуты" under one, a cap above 30. */
export function waitAnnouncement(seconds: number): string[] {
  const minutes = Math.ceil(seconds / 60);
  if (seconds < 60) return ['wait-intro', 'wait-under-minute'];
  if (minutes > MAX_ANNOUNCED_MINUTES) return ['wait-intro', 'wait-over-max'];
  return ['wait-intro', `minutes-${minutes}`];
}

export interface MenuItem {
  digit: number;
  /** A knowledge-base section name, as the region's menu names it. */
  section: string;
}

/**
 * The menu as pieces: the invitation, "<section> — нажмите N" for each item, then "stay on the
 * line for anything else". A section without a rendered file (a new one, named by an admin after
 * the last render) is listed in `missing` and left out of the spoken menu: its digit still works.
 */
export function menuAnnouncement(items: MenuItem[], available: (id: string) => boolean): { ids: string[]; missing: string[] } {
  const ids = ['menu-intro'];
  const missing: string[] = [];
  for (const item of items) {
    const id = sectionPromptId(item.section);
    if (!available(id)) {
      missing.push(item.section);
      continue;
    }
    ids.push(id, `press-${item.digit}`);
  }
  ids.push('menu-other');
  return { ids, missing };
}

// Russian letters to Latin (the common passport-style spelling); ъ and ь are dropped ("-").
const CYRILLIC = [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'];
const LATIN = 'a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya'.split(' ');
const TRANSLIT = new Map(CYRILLIC.map((c, i) => [c, LATIN[i] === '-' ? '' : LATIN[i]!]));

/** A file name for a section: "Частичная мобилизация" → section-chastichnaya-mobilizatsiya. */
export function sectionPromptId(section: string): string {
  const latin = [...section.toLowerCase()].map((c) => TRANSLIT.get(c) ?? c).join('');
  const slug = latin.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  if (!slug) throw new RangeError(`section name ${JSON.stringify(section)} gives no file name`);
  return `section-${slug}`;
}
