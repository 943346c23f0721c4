// The knowledge base's exchange format: JSON Lines, one answer per line (the format of
// data/demo/kb/answers.jsonl). Reading it says exactly which line is wrong and why.
import { z } from 'zod';
import { answerContentSchema, scopeSchema, slugSchema, type AnswerContent } from './schema.ts';

export const answerRecordSchema = z.object({
  id: slugSchema.describe('the slug'),
  section: answerContentSchema.shape.section,
  title: answerContentSchema.shape.title,
  body: answerContentSchema.shape.body,
  tags: answerContentSchema.shape.tags,
  audience: z.string().trim().max(200).nullable().default(null),
  alternatives: answerContentSchema.shape.alternatives,
  related: answerContentSchema.shape.related,
  scope: scopeSchema.default('federal'),
  parent: slugSchema.optional(),
  valid_from: answerContentSchema.shape.validFrom,
  valid_until: answerContentSchema.shape.validUntil,
  agency: answerContentSchema.shape.agency,
  sources: answerContentSchema.shape.sources,
});

export interface AnswerRecord extends AnswerContent {
  slug: string;
  scope: string;
  parent?: string;
}

export interface LineError {
  line: number;
  path: string;
  message: string;
}

export interface ParsedFile {
  records: (AnswerRecord & { line: number })[];
  errors: LineError[];
}

export function parseAnswersJsonl(text: string): ParsedFile {
  const records: ParsedFile['records'] = [];
  const errors: LineError[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      errors.push({ line, path: '', message: `not valid JSON: ${(e as Error).message}` });
      return;
    }
    const r = answerRecordSchema.safeParse(data);
    if (!r.success) {
      for (const issue of r.error.issues) errors.push({ line, path: issue.path.join('.'), message: issue.message });
      return;
    }
    const d = r.data;
    const first = seen.get(d.id);
    if (first) {
      errors.push({ line, path: 'id', message: `"${d.id}" repeats line ${first}` });
      return;
    }
    if (d.scope !== 'federal' && !d.parent) {
      errors.push({ line, path: 'parent', message: 'a regional supplement needs the slug of its federal answer' });
      return;
    }
    seen.set(d.id, line);
    records.push({
      line,
      slug: d.id,
      scope: d.scope,
      ...(d.parent ? { parent: d.parent } : {}),
      title: d.title,
      body: d.body,
      section: d.section,
      tags: d.tags,
      audience: d.audience,
      alternatives: d.alternatives,
      related: d.related,
      validFrom: d.valid_from,
      validUntil: d.valid_until,
      agency: d.agency,
      sources: d.sources,
    });
  });
  return { records, errors };
}

/** One line of the export, the same format the importer reads. */
export function toJsonLine(r: AnswerRecord): string {
  return JSON.stringify({
    id: r.slug,
    section: r.section,
    title: r.title,
    body: r.body,
    tags: r.tags,
    audience: r.audience,
    alternatives: r.alternatives,
    related: r.related,
    scope: r.scope,
    ...(r.parent ? { parent: r.parent } : {}),
    valid_from: r.validFrom,
    valid_until: r.validUntil,
    ...(r.agency ? { agency: r.agency } : {}),
    ...(r.sources.length ? { sources: r.sources } : {}),
  });
}
