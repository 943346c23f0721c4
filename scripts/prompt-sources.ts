// What the prompt render script and the prompts' test both read: the demo knowledge base's section
// names (each gets a spoken file for the menus) and the manifest of what each file says.
import fs from 'node:fs';

export const MANIFEST = 'manifest.json';

/** Each file's text when it was rendered (null: not speech, e.g. the hold music). */
export interface PromptManifest {
  prompts: Record<string, string | null>;
}

const ANSWERS = new URL('../data/demo/kb/answers.jsonl', import.meta.url);

export function demoSections(): string[] {
  const sections = fs
    .readFileSync(ANSWERS, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { section: string }).section);
  return [...new Set(sections)].sort((a, b) => a.localeCompare(b, 'ru'));
}
