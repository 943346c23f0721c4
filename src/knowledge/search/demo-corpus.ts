// The demo knowledge base shipped in data/demo/kb: answers, judged queries and the default
// synonym dictionary. The project reads only its own copy, never ../shared.
import fs from 'node:fs';
import type { JudgedQuery } from './evaluate.ts';
import type { SearchDocument, SynonymEntry } from './types.ts';

export const demoKbDir = new URL('../../../data/demo/kb/', import.meta.url);

const readJsonl = <T>(name: string): T[] =>
  fs
    .readFileSync(new URL(name, demoKbDir), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);

interface DemoAnswer {
  id: string;
  section: string;
  title: string;
  body: string;
  tags: string[];
  alternatives?: string[];
}

export function demoDocuments(): SearchDocument[] {
  return readJsonl<DemoAnswer>('answers.jsonl').map((a) => ({
    slug: a.id,
    title: a.title,
    alternatives: a.alternatives ?? [],
    body: a.body,
    section: a.section,
    tags: a.tags,
    scope: 'federal',
  }));
}

export const demoQueries = (): JudgedQuery[] => readJsonl<JudgedQuery>('queries-dev.jsonl');

export const demoSynonyms = (): SynonymEntry[] => JSON.parse(fs.readFileSync(new URL('synonyms.json', demoKbDir), 'utf8')) as SynonymEntry[];
