// Files attached to an appeal: images and PDF only, told by their content (file-type reads the
// bytes; the name and the declared type are not believed), at most 10 MB each, their content and
// name sealed like the rest of the appellant's data. They are given back only to the appeal's
// officers, as downloads of the type found, never as something a browser would run.
import { fileTypeFromBuffer } from 'file-type';
import type { Queryable } from '../platform/db/database.ts';
import type { FieldProblem } from './appeal-form.ts';

export const ALLOWED_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'] as const;
export type AllowedType = (typeof ALLOWED_TYPES)[number];
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 3;

export interface IncomingFile {
  name: string;
  bytes: Buffer;
}

export interface CheckedFile extends IncomingFile {
  contentType: AllowedType;
}

const cleanName = (name: string) =>
  name
    .replace(/[\p{Cc}\\/]/gu, '_')
    .trim()
    .slice(0, 200) || 'файл';

/** The files as they may be kept, or what is wrong with each (`files.<n>`), in Russian. */
export async function checkFiles(files: IncomingFile[]): Promise<{ ok: true; files: CheckedFile[] } | { ok: false; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = [];
  if (files.length > MAX_FILES) problems.push({ path: 'files', message: `Не больше ${MAX_FILES} файлов.` });
  const checked: CheckedFile[] = [];
  for (const [i, f] of files.slice(0, MAX_FILES).entries()) {
    const path = `files.${i}`;
    if (f.bytes.length === 0) {
      problems.push({ path, message: `«${cleanName(f.name)}»: файл пустой.` });
      continue;
    }
    if (f.bytes.length > MAX_FILE_BYTES) {
      problems.push({ path, message: `«${cleanName(f.name)}»: больше 10 МБ.` });
      continue;
    }
    const found = await fileTypeFromBuffer(f.bytes);
    const type = found && (ALLOWED_TYPES as readonly string[]).includes(found.mime) ? (found.mime as AllowedType) : null;
    if (!type) problems.push({ path, message: `«${cleanName(f.name)}»: можно приложить только фотографию (JPEG, PNG, GIF, WebP) или PDF.` });
    else checked.push({ name: cleanName(f.name), bytes: f.bytes, contentType: type });
  }
  return problems.length ? { ok: false, problems } : { ok: true, files: checked };
}

export interface AttachmentRow {
  id: string;
  comment_id: string | null;
  content_type: AllowedType;
  size: number;
  sealed_name: Buffer;
  created_at: Date;
}

export async function insertAttachment(db: Queryable, appealId: string, a: { commentId: string | null; contentType: AllowedType; size: number; sealedName: Buffer; sealed: Buffer }): Promise<void> {
  await db.query('INSERT INTO ap_attachments (appeal_id, comment_id, content_type, size, sealed_name, sealed) VALUES ($1, $2, $3, $4, $5, $6)', [
    appealId,
    a.commentId,
    a.contentType,
    a.size,
    a.sealedName,
    a.sealed,
  ]);
}

export async function attachmentsOf(db: Queryable, appealId: string): Promise<AttachmentRow[]> {
  return (await db.query<AttachmentRow>('SELECT id, comment_id, content_type, size, sealed_name, created_at FROM ap_attachments WHERE appeal_id = $1 ORDER BY id', [appealId])).rows;
}

export async function attachmentContent(db: Queryable, appealId: string, id: string): Promise<(AttachmentRow & { sealed: Buffer }) | undefined> {
  return (
    await db.query<AttachmentRow & { sealed: Buffer }>('SELECT id, comment_id, content_type, size, sealed_name, created_at, sealed FROM ap_attachments WHERE appeal_id = $1 AND id = $2', [
      appealId,
      id,
    ])
  ).rows[0];
}

/** Where a file's content and name are sealed: bound to its appeal. */
export const fileContext = (appealContext: string) => `${appealContext}:file`;
export const fileNameContext = (appealContext: string) => `${appealContext}:file-name`;
