// Files attached to an appeal: images and PDF only, told by their content (file-type reads the
// bytes; the name and the declared type are not believed), at most 10 MB each, their content and
// name sealed like the rest of the appellant's data. The citizen's files (comment_id null) are
// given back only to the appeal's officers; an answer's files (comment_id: the answer) also to the
// citizen with the number and the code. Always as downloads of the type found, never as something
// a browser would run.
import { fileTypeFromBuffer } from 'file-type';
import type { Queryable } from '../platform/db/database.ts';
import { plural } from '../platform/text/russian.ts';
import type { FieldProblem } from './appeal-form.ts';
import type { Sealer } from './sealer.ts';

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
  if (files.length > MAX_FILES) problems.push({ path: 'files', message: `Не больше ${MAX_FILES} ${plural(MAX_FILES, ['файла', 'файлов', 'файлов'])}.` });
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

/** Checked files sealed and stored in the transaction `tx`: the citizen's (commentId null) or an answer's. */
export async function storeFiles(tx: Queryable, sealer: Sealer, appealContext: string, appealId: string, commentId: string | null, files: CheckedFile[]): Promise<void> {
  for (const file of files) {
    await insertAttachment(tx, appealId, {
      commentId,
      contentType: file.contentType,
      size: file.bytes.length,
      sealedName: await sealer.seal(file.name, fileNameContext(appealContext), tx),
      sealed: await sealer.seal(file.bytes, fileContext(appealContext), tx),
    });
  }
}

async function insertAttachment(db: Queryable, appealId: string, a: { commentId: string | null; contentType: AllowedType; size: number; sealedName: Buffer; sealed: Buffer }): Promise<void> {
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

/** The files of the appeal's answers (what the citizen may download): those of a comment that is an answer to them. */
export async function answerAttachmentsOf(db: Queryable, appealId: string): Promise<AttachmentRow[]> {
  return (
    await db.query<AttachmentRow>(
      `SELECT f.id, f.comment_id, f.content_type, f.size, f.sealed_name, f.created_at FROM ap_attachments f JOIN ap_comments c ON c.id = f.comment_id
       WHERE f.appeal_id = $1 AND c.is_answer AND c.visibility = 'citizen' ORDER BY f.id`,
      [appealId],
    )
  ).rows;
}

/** One file with its content; answerOnly: only if it is an answer's (the citizen's download). */
export async function attachmentContent(db: Queryable, appealId: string, id: string, answerOnly = false): Promise<(AttachmentRow & { sealed: Buffer }) | undefined> {
  const answer = answerOnly ? ` AND EXISTS (SELECT 1 FROM ap_comments c WHERE c.id = f.comment_id AND c.is_answer AND c.visibility = 'citizen')` : '';
  return (
    await db.query<AttachmentRow & { sealed: Buffer }>(
      `SELECT f.id, f.comment_id, f.content_type, f.size, f.sealed_name, f.created_at, f.sealed FROM ap_attachments f WHERE f.appeal_id = $1 AND f.id = $2${answer}`,
      [appealId, id],
    )
  ).rows[0];
}

/** Where a file's content and name are sealed: bound to its appeal. */
export const fileContext = (appealContext: string) => `${appealContext}:file`;
export const fileNameContext = (appealContext: string) => `${appealContext}:file-name`;
