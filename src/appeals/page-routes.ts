// The citizen's appeal pages on the public portal, HTML without JavaScript: /appeals (the types and
// the law's terms), /appeals/new/{type} (the form; POST files it, or with action=suggest shows
// ready answers from the knowledge base first), /appeals/status (the number and the code, POSTed so
// the code stays out of URLs). The forms are public: no session is looked up (a signed-in staff
// member's cookie changes nothing, and no CSRF token is asked for), and what is filed here is the
// portal's channel whoever sends it.
import formbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import type { App } from '../platform/http/types.ts';
import { page, PRIVATE, render, sendErrorPage, sendPage, visitorOf, type PortalService } from '../portal/index.ts';
import { checkSubmission, type FieldProblem, type RawSubmission } from './appeal-form.ts';
import type { AppealsCatalog } from './catalog.ts';
import { appealForm, emptyForm, formPath, type FormState, type Suggestion } from './form-page.ts';
import type { AppealIntake } from './intake.ts';
import { s } from './page-strings.ts';
import { filedPage, statusFormPage, statusPage, typesPage, type PageBody } from './pages.ts';
import type { AppealType } from './types-schema.ts';
import type { AppealsWork } from './work.ts';

const HTML = 'text/html; charset=utf-8';
/** The form's fields as posted: an appeal's text is at most 10 000 characters (percent-encoded, several bytes each). */
const BODY_LIMIT = 256 * 1024;
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

const formBody = z.record(z.string().max(100), z.union([z.string().max(20_000), z.array(z.string().max(20_000)).max(100)]));
type FormBody = z.infer<typeof formBody>;

const one = (v: FormBody[string] | undefined): string => (typeof v === 'string' ? v : (v?.[0] ?? ''));
const all = (v: FormBody[string] | undefined): string[] => (typeof v === 'string' ? [v] : (v ?? []));

/** The form as typed, the type's own fields by their codes (file fields are not on the form). */
function readForm(type: AppealType, b: FormBody): FormState {
  const values: FormState['values'] = {};
  for (const f of type.fields) {
    if (f.kind === 'file') continue;
    if (f.kind === 'multi_choice') values[f.code] = all(b[`values.${f.code}[]`]);
    else values[f.code] = one(b[`values.${f.code}`]);
  }
  return { region: one(b.region), name: one(b.name), phone: one(b.phone), email: one(b.email), address: one(b.address), text: one(b.text), consent: one(b.consent) === 'yes', values };
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
    await scope.register(formbody, { bodyLimit: BODY_LIMIT });
    scope.setErrorHandler((err: { statusCode?: number }, req, reply) => {
      const code = err.statusCode;
      const status = typeof code === 'number' && code >= 400 && code < 500 ? ([404, 413, 429].includes(code) ? (code === 413 ? 400 : code) : 400) : 500;
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

    scope.post('/appeals/new/:type', { schema: { hide: true, params: z.object({ type: typeCode }), body: formBody }, config: limited }, async (req, reply) => {
      const type = await activeType(req.params.type);
      if (!type) return sendErrorPage(portal, req, reply, 404);
      const state = readForm(type, req.body);
      const form = (problems: FieldProblem[], suggestions: Suggestion[] | 'no-text' | null, status: number) =>
        send(req, reply, appealForm({ type, regions: portal.regions(), state, problems, suggestions }), { path: null, status, posted: true });

      if (one(req.body.action) === 'suggest') {
        const text = state.text.trim();
        return form([], text ? deps.answers.searchUncounted(text, { limit: SUGGESTIONS }).items : 'no-text', 200);
      }
      if (!portal.isRegion(state.region)) {
        const rest = checkSubmission(type, submission(type, state), moscowToday());
        return form([{ path: 'region', message: s.regionMissing }, ...(rest.ok ? [] : rest.problems)], null, 400);
      }
      try {
        const filed = await intake.file({ type: type.code, region: state.region, channel: 'portal', submission: submission(type, state) });
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
        return send(req, reply, statusPage(await work.status(number, code)), { path: null, posted: true });
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'appeal.not_found') throw err;
        // (one message: it does not say whether the number or the code was wrong)
        return send(req, reply, statusFormPage(number, [{ path: '', message: s.statusNotFound }]), { path: null, status: 404, posted: true });
      }
    });
  });
}
