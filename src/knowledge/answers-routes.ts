// /api/v1/kb/answers: reading live answers (anyone) and the editors' workflow.
import { z } from 'zod';
import { actorOf } from '../platform/access/request-actor.ts';
import { INT32_MAX, problems, publicSecurity, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import type { AnswersService } from './answers-service.ts';
import { editAnswerSchema, editorAnswerSchema, newAnswerSchema, publishedAnswerSchema, scopeSchema, slugSchema, statuses, versionSchema } from './schema.ts';

const slugParams = z.object({ slug: slugSchema });
const regionQuery = z.string().regex(/^[0-9]{2}$/, 'a two-digit region code');
const diffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({
      field: z.string(),
      before: z.unknown(),
      after: z.unknown(),
      changes: z.array(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })).optional(),
    }),
  ),
});

export function answersRoutes(app: App, deps: { answers: AnswersService }) {
  const tags = ['knowledge'];
  const security = staffSecurity;
  const a = deps.answers;

  app.get('/api/v1/kb/answers/:slug', {
    schema: {
      tags,
      security: publicSecurity,
      summary: 'A published answer, with the regional supplement for ?region= (public)',
      params: slugParams,
      querystring: z.object({ region: regionQuery.optional() }),
      response: { 200: publishedAnswerSchema, ...problems(400, 404) },
    },
    handler: async (req) => a.published(req.params.slug, req.query.region),
  });

  app.get('/api/v1/kb/workspace', {
    schema: {
      tags,
      security,
      summary: "Editors' list of answers with their workflow state, newest change first",
      querystring: z.object({
        status: z.enum(statuses).optional(),
        section: z.string().max(200).optional(),
        scope: scopeSchema.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).max(INT32_MAX).default(0),
      }),
      response: { 200: z.object({ items: z.array(editorAnswerSchema.extend({ title: z.string() })) }), ...problems(400, 401, 403) },
    },
    handler: async (req) => ({ items: await a.list(actorOf(req), req.query) }),
  });

  app.post('/api/v1/kb/answers', {
    schema: { tags, security, summary: 'Write a new answer (a draft)', body: newAnswerSchema, response: { 201: editorAnswerSchema, ...problems(400, 401, 403, 409) } },
    handler: async (req, reply) => reply.code(201).send(await a.create(actorOf(req), req.body)),
  });

  app.get('/api/v1/kb/answers/:slug/working', {
    schema: { tags, security, summary: 'The working copy and workflow state of an answer', params: slugParams, response: { 200: editorAnswerSchema, ...problems(401, 403, 404) } },
    handler: async (req) => a.forEditor(actorOf(req), req.params.slug),
  });

  app.put('/api/v1/kb/answers/:slug', {
    schema: {
      tags,
      security,
      summary: 'Save a new version (the answer goes back to draft)',
      description: 'Send `baseVersion` = the version you started from: if someone saved meanwhile you get 409 `kb.version_conflict` instead of overwriting them.',
      params: slugParams,
      body: editAnswerSchema,
      response: { 200: editorAnswerSchema, ...problems(400, 401, 403, 404, 409) },
    },
    handler: async (req) => a.edit(actorOf(req), req.params.slug, req.body),
  });

  const transition = (path: string, summary: string, run: (ctx: ReturnType<typeof actorOf>, slug: string, body: { comment?: string; reason?: string }) => Promise<unknown>, body?: z.ZodType) =>
    app.post(`/api/v1/kb/answers/:slug/${path}`, {
      schema: { tags, security, summary, params: slugParams, ...(body ? { body } : {}), response: { 200: editorAnswerSchema, ...problems(400, 401, 403, 404, 409) } },
      handler: async (req) => run(actorOf(req), req.params.slug, (req.body ?? {}) as { comment?: string; reason?: string }) as never,
    });

  transition('submit', 'Send the latest version for review', (ctx, slug) => a.submit(ctx, slug));
  transition('approve', 'Approve the version in review and publish it (another editor or a coordinator)', (ctx, slug) => a.approve(ctx, slug));
  transition('reject', 'Send the answer back to its author with a comment', (ctx, slug, b) => a.reject(ctx, slug, b.comment!), z.object({ comment: z.string().trim().min(1).max(2000) }));
  transition(
    'archive',
    'Withdraw the answer (and its regional supplements) from operators and the portal',
    (ctx, slug, b) => a.archive(ctx, slug, b.reason),
    z.object({ reason: z.string().trim().max(500).optional() }).default({}),
  );
  transition('restore', 'Bring an archived answer back as a draft', (ctx, slug) => a.restore(ctx, slug));

  app.get('/api/v1/kb/answers/:slug/versions', {
    schema: { tags, security, summary: 'Every version of an answer, newest first', params: slugParams, response: { 200: z.object({ items: z.array(versionSchema) }), ...problems(401, 403, 404) } },
    handler: async (req) => ({ items: await a.versions(actorOf(req), req.params.slug) }),
  });

  app.get('/api/v1/kb/answers/:slug/diff', {
    schema: {
      tags,
      security,
      summary: 'What changed between two versions, field by field, word by word',
      params: slugParams,
      querystring: z.object({ from: z.coerce.number().int().min(1).max(INT32_MAX), to: z.coerce.number().int().min(1).max(INT32_MAX) }),
      response: { 200: diffSchema, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => a.diff(actorOf(req), req.params.slug, req.query.from, req.query.to),
  });
}
