// What changed between two versions of a question or a measure, for the reviewer: the API gives
// the versions whole (no diff of its own), so text fields are compared word by word here with the
// same library the answers' diff uses on the server (diff, Russian words by Intl.Segmenter), and
// everything else (the rule, lists, variants) as before → after.
import { diffWords } from 'diff';
import type { FieldDiff } from '../answers/field-diff.ts';
import type { Content } from './entries-api.ts';

const segmenter = new Intl.Segmenter('ru', { granularity: 'word' });

export function entryDiff(before: Content, after: Content): FieldDiff[] {
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  const out: FieldDiff[] = [];
  for (const field of keys) {
    const a = before[field];
    const b = after[field];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if ((typeof a === 'string' || a === undefined) && (typeof b === 'string' || b === undefined)) {
      out.push({ field, changes: diffWords(a ?? '', b ?? '', { intlSegmenter: segmenter }).map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value })) });
    } else {
      out.push({ field, before: a === undefined ? null : typeof a === 'object' ? JSON.stringify(a) : a, after: b === undefined ? null : typeof b === 'object' ? JSON.stringify(b) : b });
    }
  }
  return out;
}
