// The citizen's appeal pages on the public portal, HTML without JavaScript: /appeals (the types and
// the law's terms), /appeals/new/{type} (the form, multipart with up to 3 files; POST files it, or
// with action=suggest shows ready answers from the knowledge base first), /appeals/status (the
// number and the code, POSTed so the code stays out of URLs) and /appeals/status/file (a file of the
// answer, POSTed with the number and the code for the same reason). The forms are public: no session
// is looked up (a signed-in staff member's cookie changes nothing, and no CSRF token is asked for),
// and what is filed here is the portal's channel whoever sends it.
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import type { App } from '../platform/http/types.ts';
import { page, PRIVATE, render, sendErrorPage, sendPage, visitorOf, type PortalService } from '../portal/index.ts';
import { checkSubmission, type FieldProblem, type RawSubmission } from './appeal-form.ts';
import { checkFiles } from './attachments.ts';
import { FIELDS_LIMIT, formBody, multipartLimits, readPosted, type FormBody } from './form-upload.ts';
import type { AppealsCatalog } from './catalog.ts';
import { appealForm, emptyForm, formPath, type FormState, type Suggestion } from './form-page.ts';
import type { AppealIntake } from './intake.ts';
import { s } from './page-strings.ts';
import { filedPage, statusFormPage, statusPage, tooLargePage, typesPage, type PageBody } from './pages.ts';
import { sendFile } from './routes.ts';
import type { AppealType } from './types-schema.ts';
import type { AppealsWork } from './work.ts';

const HTML = 'text/html; charset=utf-8';
const SUGGESTIONS = 5;
const typeCode = z.string().max(100);
const NUMBER = /^122-\d{4}-\d{6}$/;

/** What the pages need of the knowledge base: answers for a citizen's words, not counted in its search statistics. */
export interface AnswerSearch {
  searchUncounted(text: string, options: { limit: number }): { items: Suggestion[] };
}

export interface AppealPagesDeps {
  appealsCatalog: AppealsCatalog;
  appealIntake: AppealIntake;
  appealsWork: AppealsWork;
  portal: PortalService;
  answers: AnswerSearch;
  publicUrl: string;
  /** Filings and status look-ups per client address and minute (as the API's). */
  ratePerMinute: number;
}

const one = (v: FormBody[string] | undefined): string => (typeof v === 'string' ? v : (v?.[0] ?? ''));
const all = (v: FormBody[string] | undefined): string[] => (typeof v === 'string' ? [v] : (v ?? []));

/** The form as typed, the type's own fields by their codes (file fields are the file input). */
function readForm(type: AppealType, b: FormBody, chosen: string[]): FormState {
  const values: FormState['values'] = {};
  for (const f of type.fields) {
    if (f.kind === 'file') continue;
    if (f.kind === 'multi_choice') values[f.code] = all(b[`values.${f.code}[]`]);
    else values[f.code] = one(b[`values.${f.code}`]);
  }
  return {
    region: one(b.region),
    name: one(b.name),
    phone: one(b.phone),
    email: one(b.email),
    address: one(b.address),
    text: one(b.text),
    consent: one(b.consent) === 'yes',
    values,
    chosen,
  };
}

function submission(type: AppealType, f: FormState): RawSubmission {
  const values: Record<string, unknown> = {};
  for (const field of type.fields) {
    const v = f.values[field.code];
    if (v !== undefined && (Array.isArray(v) ? v.length > 0 : v.trim() !== '')) values[field.code] = v;
  }
  return { name: f.name, phone: f.phone, email: f.email, address: f.address, text: f.text, consent: f.consent ? 'yes' : undefined, values };
}

const moscowToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());

export function appealPageRoutes(app: App, deps: AppealPagesDeps) {
  const { appealsCatalog: catalog, appealIntake: intake, appealsWork: work, portal } = deps;
  // Public pages: no session is looked up, so none gives these routes any authority (and a staff
  // member's browser needs no CSRF token here).
  const config = { principal: false, csrf: false };
  const limited = { ...config, rateLimit: { max: deps.ratePerMinute, timeWindow: '1 minute' } };

  /**
   * A page in the portal's frame. path: canonical (null: not indexed). Pages a POST returned are
   * stored by nobody and have no font switch (it would leave them for good, and the code with them).
   */
  function send(req: FastifyRequest, reply: FastifyReply, body: PageBody, o: { path: string | null; status?: number; posted?: boolean; personal?: boolean; back?: string; description?: string }) {
    const meta = { title: body.title, description: o.description ?? s.description, path: o.path, ...(o.back ? { back: o.back } : {}), ...(o.posted ? { fontSwitch: false } : {}) };
    const text = page(deps.publicUrl, visitorOf(portal, req), meta, body.content);
    return sendPage(req, reply, render(text, HTML, null), o.posted || o.personal ? PRIVATE : undefined, o.status ?? 200);
  }

  async function activeType(code: string): Promise<AppealType | undefined> {
    const t = /^[a-z0-9][a-z0-9_-]{1,62}$/.test(code) ? await catalog.type(code) : undefined;
    return t?.active ? t : undefined;
  }

  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // (repeated names, as checkboxes send them, arrive as lists)
    await scope.register(formbody, { bodyLimit: FIELDS_LIMIT });
    // The form with files; only these pages read multipart (form-upload.ts reads it, within its limits).
    await scope.register(multipart, { limits: multipartLimits, throwFileSizeLimit: false });
    scope.setErrorHandler((err: { statusCode?: number }, req, reply) => {
      const code = err.statusCode;
      // (too large: the form's page of its own, saying what the limits are)
      if (code === 413) return send(req, reply, tooLargePage(), { path: null, status: 413, posted: true });
      const status = typeof code === 'number' && code >= 400 && code < 500 ? ([404, 429].includes(code) ? code : 400) : 500;
      if (status === 500) req.log.error({ err }, 'appeal page failed');
      return sendErrorPage(portal, req, reply, status);
    });

    scope.get('/appeals', { schema: { hide: true }, config }, async (req, reply) => send(req, reply, typesPage(await catalog.types()), { path: '/appeals' }));

    scope.get('/appeals/new/:type', { schema: { hide: true, params: z.object({ type: typeCode }) }, config }, async (req, reply) => {
      const type = await activeType(req.params.type);
      if (!type) return sendErrorPage(portal, req, reply, 404);
      const region = visitorOf(portal, req).region?.code ?? '';
      const view = appealForm({ type, regions: portal.regions(), state: emptyForm(region), problems: [], suggestions: null });
      return send(req, reply, view, { path: formPath(type), description: type.description || s.description });
    });

    // (no body schema: a multipart body is read in the handler, files and all, by readPosted)
    scope.post('/appeals/new/:type', { schema: { hide: true, params: z.object({ type: typeCode }) }, config: limited }, async (req, reply) => {
      const type = await activeType(req.params.type);
      const posted = await readPosted(req);
      if (!type) return sendErrorPage(portal, req, reply, 404);
      const state = readForm(type, posted.fields, posted.chosen);
      const form = (problems: FieldProblem[], suggestions: Suggestion[] | 'no-text' | null, status: number) =>
        send(req, reply, appealForm({ type, regions: portal.regions(), state, problems, suggestions }), { path: null, status, posted: true });

      if (one(posted.fields.action) === 'suggest') {
        const text = state.text.trim();
        return form([], text ? deps.answers.searchUncounted(text, { limit: SUGGESTIONS }).items : 'no-text', 200);
      }
      // (too big or too many, or no region: every other problem is said with it, nothing filed)
      if (posted.problems.length || !portal.isRegion(state.region)) {
        const count = posted.files.length + posted.problems.length;
        const rest = checkSubmission(type, submission(type, state), moscowToday(), count);
        const files = await checkFiles(posted.files);
        const region = portal.isRegion(state.region) ? [] : [{ path: 'region', message: s.regionMissing }];
        return form([...region, ...(rest.ok ? [] : rest.problems), ...posted.problems, ...(files.ok ? [] : files.problems)], null, 400);
      }
      try {
        const filed = await intake.file({ type: type.code, region: state.region, channel: 'portal', submission: submission(type, state), files: posted.files });
        return send(req, reply, filedPage(type, filed), { path: null, posted: true });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.code === 'appeal.invalid') return form(err.extras.errors ?? [], null, 400);
        if (err.code === 'appeal.bad_region') return form([{ path: 'region', message: s.regionMissing }], null, 400);
        if (err.code === 'appeal.no_organisation') return form([{ path: 'region', message: s.regionNoRoute }], null, 400);
        throw err;
      }
    });

    scope.get('/appeals/status', { schema: { hide: true, querystring: z.object({ number: z.string().max(40).optional().catch(undefined) }) }, config }, (req, reply) => {
      const number = req.query.number && NUMBER.test(req.query.number) ? req.query.number : '';
      // (the number only, from the page after filing: kept by nobody but the browser)
      return send(req, reply, statusFormPage(number, []), { path: null, personal: true, back: '/appeals/status' });
    });

    scope.post('/appeals/status', { schema: { hide: true, body: formBody }, config: limited }, async (req, reply) => {
      const number = one(req.body.number).trim();
      const code = one(req.body.code).trim();
      const problems: FieldProblem[] = [];
      if (!number) problems.push({ path: 'number', message: s.statusNumberMissing });
      else if (!NUMBER.test(number)) problems.push({ path: 'number', message: s.statusNumberBad });
      if (!code) problems.push({ path: 'code', message: s.statusCodeMissing });
      if (problems.length) return send(req, reply, statusFormPage(number, problems), { path: null, status: 400, posted: true });
      try {
        return send(req, reply, statusPage(await work.status(number, code), code), { path: null, posted: true });
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'appeal.not_found') throw err;
        // (one message: it does not say whether the number or the code was wrong)
        return send(req, reply, statusFormPage(number, [{ path: '', message: s.statusNotFound }]), { path: null, status: 404, posted: true });
      }
    });

    // A file of the answer: the status page's button for it posts the number, the code and the file's id.
    scope.post('/appeals/status/file', { schema: { hide: true, body: formBody }, config: limited }, async (req, reply) => {
      const number = one(req.body.number).trim();
      try {
        return sendFile(reply, await work.statusFile(number, one(req.body.code).trim(), one(req.body.file)));
      } catch (err) {
        if (!(err instanceof AppError) || (err.code !== 'appeal.not_found' && err.code !== 'appeal.file_not_found')) throw err;
        const message = err.code === 'appeal.not_found' ? s.statusNotFound : s.fileNotFound;
        return send(req, reply, statusFormPage(NUMBER.test(number) ? number : '', [{ path: '', message }]), { path: null, status: 404, posted: true });
      }
    });
  });
}
