// The appeal form as a browser posts it: multipart/form-data with the files chosen (the form's
// enctype), or application/x-www-form-urlencoded (a page from before files, still open in a tab, or
// a client that sends none). Files are held in memory, at most 10 MB each and 3 in all: a file
// past the size or the count is read to its end and dropped, so the fields after the file input are
// still read and the form comes back with everything typed and the problem next to the input.
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, badRequest } from '../platform/errors.ts';
import { badText } from '../platform/text/unsafe-text.ts';
import type { FieldProblem } from './appeal-form.ts';
import { MAX_FILE_BYTES, MAX_FILES, type IncomingFile } from './attachments.ts';
import { s } from './page-strings.ts';

/** The form's fields as posted: an appeal's text is at most 10 000 characters (percent-encoded, several bytes each). */
export const FIELDS_LIMIT = 256 * 1024;
/** A whole multipart request: three files of 10 MB, the fields, and the parts' headers. */
export const MULTIPART_LIMIT = MAX_FILES * MAX_FILE_BYTES + FIELDS_LIMIT + 64 * 1024;

/**
 * What busboy is let read (the plugin is registered with throwFileSizeLimit false, so a file past the
 * size is marked, not thrown). fileSize cuts a file at 10 MB (marked truncated: "too big"); files above 3
 * are still handed over, to be counted and dropped, up to ten (past that: the request is refused
 * as too large, like a request above MULTIPART_LIMIT). A field is at most 20 000 characters of
 * up to 4 bytes each.
 */
export const multipartLimits = { fileSize: MAX_FILE_BYTES, files: 10, fields: 200, fieldSize: 80_000, parts: 220, headerPairs: 100, fieldNameSize: 100 };

export const formBody = z.record(z.string().max(100), z.union([z.string().max(20_000), z.array(z.string().max(20_000)).max(100)]));
export type FormBody = z.infer<typeof formBody>;

export interface Posted {
  fields: FormBody;
  /** The files kept (at most 3, none past 10 MB), to be checked by their content. */
  files: IncomingFile[];
  /** Too big or too many: said next to the file input (paths files.<n> and files). */
  problems: FieldProblem[];
  /** The names of every file chosen: the form that comes back asks for them again. */
  chosen: string[];
}

/** A request above the limits: the pages answer it with their page for 413. */
export const tooLarge = () => new AppError(413, 'request.too_large', 'The form with its files is larger than the limit.');

/** The form's fields and files, whichever way it was posted. */
export async function readPosted(req: FastifyRequest): Promise<Posted> {
  if (!req.isMultipart()) return { fields: parseFields(req.body ?? {}), files: [], problems: [], chosen: [] };
  // (a Content-Length above the limit is refused before a byte is read)
  if (Number(req.headers['content-length'] ?? 0) > MULTIPART_LIMIT) throw tooLarge();
  const fields: Record<string, string | string[]> = {};
  const files: IncomingFile[] = [];
  const problems: FieldProblem[] = [];
  const chosen: string[] = [];
  let read = 0;
  try {
    for await (const part of req.parts({ limits: multipartLimits })) {
      if (part.type === 'field') {
        if (part.valueTruncated || part.fieldnameTruncated) throw tooLarge();
        const v = typeof part.value === 'string' ? part.value : String(part.value);
        const had = fields[part.fieldname];
        fields[part.fieldname] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
        continue;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        read += chunk.length;
        if (read > MULTIPART_LIMIT) throw tooLarge();
        if (chosen.length < MAX_FILES) chunks.push(chunk);
      }
      // (a file input left empty still sends a part, with no name and nothing in it)
      if (!part.filename && size === 0) continue;
      const name = part.filename || s.filesUnnamed;
      chosen.push(name);
      if (chosen.length > MAX_FILES) continue;
      if (part.file.truncated) problems.push({ path: `files.${chosen.length - 1}`, message: s.fileTooBig(name) });
      else files.push({ name, bytes: Buffer.concat(chunks) });
    }
  } catch (err) {
    // (the rest of the body is read and dropped, so that the browser, still sending it, gets the page)
    req.raw.unpipe();
    req.raw.resume();
    throw err;
  }
  if (chosen.length > MAX_FILES) problems.unshift({ path: 'files', message: s.filesTooMany(MAX_FILES, chosen.length) });
  return { fields: parseFields(fields), files, problems, chosen };
}

function parseFields(raw: unknown): FormBody {
  const parsed = formBody.safeParse(raw);
  if (!parsed.success) throw badRequest('request.invalid', 'The form’s fields are not what the form sends.');
  // (text PostgreSQL cannot keep is refused here, as the text guard does for other bodies)
  const bad = badText(parsed.data, 'body');
  if (bad.length) throw badRequest('request.invalid_text', `The form has text that cannot be stored: ${bad.map((e) => e.path).join(', ')}`);
  return parsed.data;
}
