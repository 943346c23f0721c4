// Reads a regions file (the format of data/demo/regions.json) and says exactly what is wrong where.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { regionRecordSchema, type RegionRecord } from './schema.ts';

export const demoRegionsFile = fileURLToPath(new URL('../../data/demo/regions.json', import.meta.url));

export interface RecordError {
  /** 1-based position of the record in the array. */
  record: number;
  path: string;
  message: string;
}

export class RegionsFileError extends Error {
  constructor(
    readonly file: string,
    readonly errors: RecordError[],
  ) {
    super(
      `${file}: ${errors.length} problem(s), nothing imported:\n` +
        errors
          .slice(0, 20)
          .map((e) => `  record ${e.record}${e.path ? ` (${e.path})` : ''}: ${e.message}`)
          .join('\n') +
        (errors.length > 20 ? `\n  … and ${errors.length - 20} more` : ''),
    );
    this.name = 'RegionsFileError';
  }
}

export function parseRegions(text: string, file = 'regions file'): RegionRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new RegionsFileError(file, [{ record: 0, path: '', message: `not valid JSON: ${(e as Error).message}` }]);
  }
  if (!Array.isArray(data)) throw new RegionsFileError(file, [{ record: 0, path: '', message: 'expected a JSON array of regions' }]);
  const errors: RecordError[] = [];
  const records: RegionRecord[] = [];
  const seen = new Map<string, number>();
  data.forEach((item, i) => {
    const r = regionRecordSchema.safeParse(item);
    if (!r.success) {
      for (const issue of r.error.issues) errors.push({ record: i + 1, path: issue.path.join('.'), message: issue.message });
      return;
    }
    const first = seen.get(r.data.code);
    if (first) errors.push({ record: i + 1, path: 'code', message: `code ${r.data.code} repeats record ${first}` });
    seen.set(r.data.code, i + 1);
    records.push(r.data);
  });
  if (errors.length) throw new RegionsFileError(file, errors);
  return records;
}

export function readRegionsFile(file: string): RegionRecord[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new RegionsFileError(file, [{ record: 0, path: '', message: `cannot read: ${(e as Error).message}` }]);
  }
  return parseRegions(text, file);
}
