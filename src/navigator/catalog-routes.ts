// /api/v1/navigator/questions and /measures: the editors' workflow over the navigator's catalogue
// (docs/navigator.md, «Editing»), and /api/v1/navigator/entries, their list.
import { z } from 'zod';
import { actorOf } from '../platform/access/request-actor.ts';
import { INT32_MAX, problems, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import type { NavigatorCatalogService } from './catalog-service.ts';
import {
  editMeasureSchema,
  editorEntrySchema,
  editQuestionSchema,
  entryKinds,
  entryStatuses,
  entryVersionSchema,
  newMeasureSchema,
  newQuestionSchema,
  type EditEntry,
  type NewEntry,
} from './entry-schema.ts';

const keyParam = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'a question’s var or a measure’s id: lowercase Latin letters, digits, - and _');

export function navigatorCatalogRoutes(app: App, deps: { navigatorCatalog: NavigatorCatalogService }) {
  const tags = ['navigator'];
  const security = staffSecurity;
  const s = deps.navigatorCatalog;
  const federal = 'Questions and measures are federal: only a federal editor (or coordinator, where said) may change them; a regional account gets 403.';

  app.get('/api/v1/navigator/entries', {
    schema: {
      tags,
      security,
      summary: "Editors' list of the navigator's questions and measures with their workflow state and working copy",
      description: 'Questions first (in the tie-break order of the next question), then measures (in their order). Editors and coordinators of any region may read it.',
      querystring: z.object({
        kind: z.enum(entryKinds).optional().describe('Only questions or only measures'),
        status: z.enum(entryStatuses).optional().describe('Only entries whose working copy is in this state'),
        limit: z.coerce.number().int().min(1).max(500).default(100),
        offset: z.coerce.number().int().min(0).max(INT32_MAX).default(0),
      }),
      response: { 200: z.object({ items: z.array(editorEntrySchema), total: z.number().int().describe('Entries matching the filter, on all pages') }), ...problems(400, 401, 403) },
    },
    handler: async (req) => s.list(actorOf(req), req.query),
  });

  app.put('/api/v1/navigator/question-order', {
    schema: {
      tags,
      security,
      summary: 'Set the questions’ tie-break order (which of two equally useful questions is asked first)',
      description: `Every question not archived, each once (a new question goes last until then). It takes effect at once, without review: it never changes who is eligible. An editor or a coordinator. ${federal}`,
      body: z.object({ order: z.array(keyParam).min(1).max(1000).describe('Question vars, first asked first') }),
      response: { 200: z.object({ order: z.array(z.string()) }), ...problems(400, 401, 403) },
    },
    handler: async (req) => s.reorder(actorOf(req), req.body.order),
  });

  for (const kind of entryKinds) {
    const plural = `${kind}s`;
    const base = `/api/v1/navigator/${plural}`;
    const params = z.object({ key: keyParam.describe(kind === 'question' ? 'The question’s var' : 'The measure’s id') });
    const what = kind === 'question' ? 'a question' : 'a measure';
    const checks =
      kind === 'question'
        ? 'The question is checked as the catalogue’s questions are (docs/navigator.md): the type, the options of a choice, the bounds of a number; each problem at its path.'
        : 'The measure is checked as the catalogue’s are, and its rule against the questions not archived (their working copies): an unknown question, a value a question cannot have, a comparison that is always or never true is a 400 whose errors name the path (body.content.eligibility.all.1.in.0) and say, in Russian, what is wrong.';

    app.post(base, {
      schema: {
        tags,
        security,
        summary: `Write ${what} (a draft)`,
        description: `${checks} ${federal}`,
        body: kind === 'question' ? newQuestionSchema : newMeasureSchema,
        response: { 201: editorEntrySchema, ...problems(400, 401, 403, 409) },
      },
      handler: async (req, reply) => reply.code(201).send(await s.create(actorOf(req), kind, req.body as NewEntry)),
    });

    app.get(`${base}/:key`, {
      schema: { tags, security, summary: `The working copy and workflow state of ${what}`, params, response: { 200: editorEntrySchema, ...problems(400, 401, 403, 404) } },
      handler: async (req) => s.forEditor(actorOf(req), kind, req.params.key),
    });

    app.put(`${base}/:key`, {
      schema: {
        tags,
        security,
        summary: `Save a new version of ${what} (it goes back to draft; what is published stays until the new version is approved)`,
        description: `Send \`baseVersion\` = the version you started from: if someone saved meanwhile you get 409 \`navigator.version_conflict\` instead of overwriting them. The ${kind === 'question' ? 'var' : 'id'} cannot change. ${checks} ${federal}`,
        params,
        body: kind === 'question' ? editQuestionSchema : editMeasureSchema,
        response: { 200: editorEntrySchema, ...problems(400, 401, 403, 404, 409) },
      },
      handler: async (req) => s.edit(actorOf(req), kind, req.params.key, req.body as EditEntry),
    });

    const transition = (
      path: string,
      summary: string,
      description: string,
      run: (ctx: ReturnType<typeof actorOf>, key: string, body: { comment?: string; reason?: string }) => Promise<unknown>,
      body?: z.ZodType,
    ) =>
      app.post(`${base}/:key/${path}`, {
        schema: { tags, security, summary, description: `${description} ${federal}`, params, ...(body ? { body } : {}), response: { 200: editorEntrySchema, ...problems(400, 401, 403, 404, 409) } },
        handler: async (req) => run(actorOf(req), req.params.key, (req.body ?? {}) as { comment?: string; reason?: string }) as never,
      });

    transition('submit', `Send the latest version of ${what} for review`, 'Only a draft; an editor.', (ctx, key) => s.submit(ctx, kind, key));
    transition(
      'approve',
      `Approve the version of ${what} in review and publish it (another editor or a coordinator)`,
      'Whoever wrote the version or sent it for review may not approve it (403 `navigator.self_review`). The catalogue that would result (every published entry, this one in its reviewed version) must hold together, else 409 `navigator.catalog_invalid` with every problem at its path (measures.<id>.eligibility…, e.g. a measure asking a question not yet published). The wizard, the operators’ panel and the HSDS export use the new version at once.',
      (ctx, key) => s.approve(ctx, kind, key),
    );
    transition(
      'reject',
      `Send ${what} in review back to its author with a comment`,
      'An editor or a coordinator.',
      (ctx, key, b) => s.reject(ctx, kind, key, b.comment!),
      z.object({ comment: z.string().trim().min(1).max(2000).describe('What to change, for the author') }),
    );
    transition(
      'archive',
      `Withdraw ${what} from the wizard, the operators’ panel and the HSDS export`,
      kind === 'question'
        ? 'An editor or a coordinator. A question that a published measure’s rule asks is refused (409 `navigator.question_in_use`, naming the measures in `measures`).'
        : 'An editor or a coordinator.',
      (ctx, key, b) => s.archive(ctx, kind, key, b.reason),
      z.object({ reason: z.string().trim().max(500).optional().describe('Why, for the audit log') }).default({}),
    );
    transition('restore', `Bring an archived ${kind} back as a draft (to be reviewed again)`, 'An editor or a coordinator.', (ctx, key) => s.restore(ctx, kind, key));

    app.get(`${base}/:key/versions`, {
      schema: { tags, security, summary: `Every version of ${what}, newest first`, params, response: { 200: z.object({ items: z.array(entryVersionSchema) }), ...problems(400, 401, 403, 404) } },
      handler: async (req) => ({ items: await s.versions(actorOf(req), kind, req.params.key) }),
    });
  }
}
