import { fileURLToPath } from 'node:url';

export const demoAnswersFile = fileURLToPath(new URL('../../data/demo/kb/answers.jsonl', import.meta.url));
export const demoSynonymsFile = fileURLToPath(new URL('../../data/demo/kb/synonyms.json', import.meta.url));
