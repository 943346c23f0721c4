// The IVR menu of a region that has not set its own: the first sections of the demo knowledge base,
// in the order they first appear in its file (the same on every node, whatever the database holds),
// digit 1 for the first.
import fs from 'node:fs';
import { demoAnswersFile, parseAnswersJsonl } from '../knowledge/index.ts';
import type { IvrItem } from './ivr-menu-queries.ts';

export const DEFAULT_TIMEOUT_SECONDS = 10;
/** The digits a menu item may have: 1–9 (0, * and # stay free). */
export const MENU_DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

let items: IvrItem[] | undefined;

/** Read from the file once, when first asked. */
export function defaultMenuItems(): IvrItem[] {
  if (!items) {
    const { records } = parseAnswersJsonl(fs.readFileSync(demoAnswersFile, 'utf8'));
    const sections = [...new Set(records.map((r) => r.section))];
    items = sections.slice(0, MENU_DIGITS.length).map((section, i) => ({ digit: MENU_DIGITS[i]!, section }));
  }
  return items;
}
