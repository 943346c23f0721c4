// Files chosen to go with an answer: checked here as the API will check them (at most 3, photos or
// PDF, 10 MB each; the server tells the type by the content, this only spares a useless upload),
// then read as base64 for the answer's JSON.
import type { AnswerFile } from './model.ts';
import { t } from './strings.ts';

export const MAX_FILES = 3;
export const MAX_BYTES = 10 * 1024 * 1024;
export const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp,application/pdf';
const accepted = ACCEPT.split(',');

/** What is wrong with the choice, in Russian; empty when it may be sent. */
export function fileProblems(files: File[]): string[] {
  if (files.length > MAX_FILES) return [t.actions.tooMany];
  return files.flatMap((f) => (f.size === 0 ? [t.actions.empty(f.name)] : f.size > MAX_BYTES ? [t.actions.tooBig(f.name)] : f.type && !accepted.includes(f.type) ? [t.actions.badType(f.name)] : []));
}

function base64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

export async function readFiles(files: File[]): Promise<AnswerFile[]> {
  return Promise.all(files.map(async (f) => ({ name: f.name, content: await base64(f) })));
}
