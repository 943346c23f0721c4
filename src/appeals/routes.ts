// /api/v1/appeals and what they are filed against: appeal types, organisations, the routing table.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { roleMay } from '../platform/access/permissions.ts';
import { notFound } from '../platform/errors.ts';
import type { ActorContext } from '../platform/access/principal.ts';
import { actorOf } from '../platform/access/request-actor.ts';
import { problems, publicSecurity, queryBoolean, staffSecurity } from '../platform/http/schemas.ts';
import { regionScopeSchema } from '../platform/access/schema.ts';
import type { App } from '../platform/http/types.ts';
import { appealStatuses } from './appeals-queries.ts';
import type { AppealsCatalog } from './catalog.ts';
import type { AppealIntake } from './intake.ts';
import { rejectReasonCodes } from './reject-reasons.ts';
import { MAX_FILES } from './attachments.ts';
import { appealTypeBody, appealTypeFields, appealTypeSchema, organisationSchema, routeSchema } from './types-schema.ts';
import type { AppealsWork } from './work.ts';
import { appealSchema, appealStatusSchema, listedAppealSchema } from './work-schema.ts';

const tags = ['appeals'];
const numberParams = z.object({ number: z.string().regex(/^122-\d{4}-\d{6}$/, 'an appeal number such as 122-2026-000123') });
const codeParams = z.object({ code: z.string().min(2).max(63) });

/** A file sent in JSON: its name and its content in base64 (told by its content, not by the name). */
const upload = z.object({ name: z.string().min(1).max(300), content: z.base64().max(14_000_000).describe('The file, base64: a photo (JPEG, PNG, GIF, WebP) or a PDF, at most 10 MB') });
/** Three files of 10 MB, in base64, with the rest of the body. */
const WITH_FILES_LIMIT = 42 * 1024 * 1024;
const fileDownload = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'];

const submission = z.object({
  type: z.string().min(2).max(63).describe('The appeal type’s code, e.g. volunteer'),
  region: z.string().regex(/^[0-9]{2}$/, 'a region code such as 77'),
  name: z.string().max(400).optional(),
  phone: z.string().max(40).optional(),
  email: z.string().max(300).optional(),
  address: z.string().max(1000).optional(),
  text: z.string().max(20_000).optional(),
  consent: z.boolean().describe('The citizen agrees to the type’s consent text (152-FZ): required'),
  values: z.record(z.string().max(63), z.union([z.string().max(20_000), z.number(), z.array(z.string().max(300)).max(100)])).optional(),
  callId: z.string().min(1).max(100).optional().describe('Operators: the call the appeal is taken during'),
  files: z.array(upload).max(MAX_FILES).optional().describe('Up to 3 files, told by their content (not by name): images and PDF only'),
});

const filed = z.object({
  number: z.string(),
  code: z.string().nullable().describe('The secret status code, shown this once; null when the same appeal was filed within a day (its number is given again)'),
  duplicate: z.boolean(),
  status: z.enum(appealStatuses),
  organisation: z.object({ code: z.string(), name: z.string() }),
  answerBy: z.string().describe('The local date the answer is due by (59-FZ: 30 days from registration)'),
});

const action = z.discriminatedUnion('action', [
  z.object({ action: z.literal('take') }),
  z.object({
    action: z.literal('answer'),
    text: z.string().trim().min(1).max(20_000),
    files: z
      .array(upload)
      .max(MAX_FILES)
      .optional()
      .describe('Up to 3 files sent with the answer, checked as the citizen’s are (400 `appeal.invalid`, errors at files.<n>); the citizen downloads them with the number and the code'),
  }),
  z.object({ action: z.literal('close') }),
  z.object({ action: z.literal('reject'), reason: z.enum(rejectReasonCodes), note: z.string().max(4000).optional() }),
  z.object({ action: z.literal('redirect'), organisation: z.string().min(2).max(63), note: z.string().max(4000).optional() }),
  z.object({ action: z.literal('extend'), days: z.int().min(1).max(90), reason: z.string().trim().min(3).max(1000) }),
  z.object({ action: z.literal('comment'), text: z.string().trim().min(1).max(20_000), visibility: z.enum(['internal', 'citizen']) }),
]);

export function appealsRoutes(
  app: App,
  deps: {
    appealsCatalog: AppealsCatalog;
    appealIntake: AppealIntake;
    appealsWork: AppealsWork;
    ratePerMinute: number;
    /** Refuses (404) a call the operator may not see: an appeal is linked only to a call of theirs. */
    checkCall: (ctx: ActorContext, callId: string) => Promise<void>;
  },
) {
  const { appealsCatalog: catalog, appealIntake: intake, appealsWork: work } = deps;
  // Per client address (kept in memory for a minute, never stored): a burst of filings, or of
  // guesses at a status code, is held back with 429.
  // Signed-in staff are counted each by their account, not by address: a call centre's operators
  // share one address, and each files for the callers they talk to.
  const limited = {
    rateLimit: {
      max: deps.ratePerMinute,
      timeWindow: '1 minute',
      keyGenerator: (req: FastifyRequest) => (req.principal ? `account:${req.principal.userId}` : req.ip),
    },
  };

  app.get('/api/v1/appeal-types', {
    schema: {
      tags,
      security: publicSecurity,
      summary: 'The appeal types citizens may file, with their fields (public)',
      querystring: z.object({ includeInactive: queryBoolean.optional().describe('Admins: the inactive types too (the admin page lists every type)') }),
      response: { 200: z.object({ items: z.array(appealTypeSchema) }), ...problems(400, 401, 403) },
    },
    handler: async (req) => ({ items: req.query.includeInactive ? await catalog.allTypes(actorOf(req)) : await catalog.types() }),
  });

  app.get('/api/v1/appeal-types/:code', {
    schema: { tags, security: publicSecurity, summary: 'One appeal type (public)', params: codeParams, response: { 200: appealTypeSchema, ...problems(400, 404) } },
    handler: async (req) => {
      const t = await catalog.type(req.params.code);
      if (!t || !t.active) throw notFound('appeal_type.not_found', `There is no appeal type "${req.params.code}".`);
      return t;
    },
  });

  app.put('/api/v1/appeal-types/:code', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Create or change an appeal type (admins)',
      // (the code's own rule here: a code the type may not have is a 400 at path.code)
      params: z.object({ code: appealTypeFields.shape.code }),
      body: appealTypeBody,
      response: { 200: appealTypeSchema, ...problems(400, 401, 403) },
    },
    handler: async (req) => catalog.saveType(actorOf(req), { ...req.body, code: req.params.code }),
  });

  app.get('/api/v1/organisations', {
    schema: {
      tags,
      security: publicSecurity,
      summary: 'The organisations that answer appeals (public)',
      response: { 200: z.object({ items: z.array(organisationSchema.extend({ id: z.number() })) }) },
    },
    handler: async () => ({ items: await catalog.organisations() }),
  });

  app.put('/api/v1/organisations/:code', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Create or change an organisation (admins)',
      params: z.object({ code: organisationSchema.shape.code }),
      body: organisationSchema.omit({ code: true }),
      response: { 200: organisationSchema.extend({ id: z.number() }), ...problems(400, 401, 403) },
    },
    handler: async (req) => catalog.saveOrganisation(actorOf(req), { ...req.body, code: req.params.code }),
  });

  app.get('/api/v1/appeal-routes', {
    schema: { tags, security: publicSecurity, summary: 'Who answers which appeal type in which region (public)', response: { 200: z.object({ items: z.array(routeSchema) }) } },
    handler: async () => ({ items: await catalog.routes() }),
  });

  app.put('/api/v1/appeal-routes', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Route an appeal type in a region (or "*": every other) to an organisation (admins)',
      body: routeSchema,
      response: { 204: z.null(), ...problems(400, 401, 403, 404) },
    },
    handler: async (req, reply) => {
      await catalog.saveRoute(actorOf(req), req.body);
      return reply.code(204).send(null);
    },
  });

  app.put('/api/v1/appeal-officers/:userId', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Attach an agency officer to their organisation, or detach them (admins)',
      description:
        'The account must be an agency officer’s (else 400 `appeal_officer.not_an_officer`), of the organisation’s region or federal (else 400 `appeal_officer.other_region`); an unknown account, or one of another region, is 404 `user.not_found`.',
      params: z.object({ userId: z.coerce.number().int().positive() }),
      body: z.object({ organisation: z.string().min(2).max(63).nullable() }),
      response: { 204: z.null(), ...problems(400, 401, 403, 404) },
    },
    handler: async (req, reply) => {
      await catalog.setOfficer(actorOf(req), req.params.userId, req.body.organisation);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/appeal-officers', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Agency officers and their organisations (admins; a region’s admins see their region’s organisations)',
      querystring: z.object({ region: regionScopeSchema.optional().describe('Federal admins: one region’s organisations, or `federal` for the federal ones') }),
      response: {
        200: z.object({
          items: z.array(
            z.object({
              userId: z.number(),
              username: z.string().nullable().describe('null: there is no such account any more'),
              displayName: z.string().nullable(),
              region: z.string().nullable().describe('The account’s region, or `federal`'),
              organisation: z.object({ code: z.string(), name: z.string(), region: z.string().nullable() }),
            }),
          ),
        }),
        ...problems(400, 401, 403),
      },
    },
    handler: async (req) => ({ items: await catalog.officers(actorOf(req), req.query.region === undefined ? {} : { region: req.query.region }) }),
  });

  app.post('/api/v1/appeals', {
    config: limited,
    bodyLimit: WITH_FILES_LIMIT,
    schema: {
      tags,
      security: publicSecurity,
      summary: 'File an appeal (citizens’ apps; operators during a call)',
      description:
        'Registered at once with a number and a secret status code; routed to the organisation that answers the type in the region. 400 `appeal.invalid` lists every problem in `errors` (path: name, phone, email, address, text, consent, values.<field>), in Russian. The same person filing the same text of the same type within a day gets the first appeal’s number (`duplicate: true`, no code).',
      body: submission,
      response: { 201: filed, 200: filed, ...problems(400, 404, 429) },
    },
    handler: async (req, reply) => {
      const ctx = actorOf(req);
      const operator = ctx.principal && roleMay(ctx.principal.role, 'appeals.register');
      const { type, region, callId, values, files, ...rest } = req.body;
      if (operator && callId) await deps.checkCall(ctx, callId);
      const r = await intake.file({
        type,
        region,
        ...(files ? { files: files.map((f) => ({ name: f.name, bytes: Buffer.from(f.content, 'base64') })) } : {}),
        channel: operator ? 'operator' : 'api',
        submission: { ...rest, ...(values ? { values } : {}) },
        ...(operator ? { actorId: ctx.principal!.userId, callId: callId ?? null } : {}),
      });
      return reply.code(r.duplicate ? 200 : 201).send(r);
    },
  });

  app.get('/api/v1/appeals', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Your organisation’s appeals, soonest due first (agency officers; masked appellants)',
      querystring: z.object({
        status: z
          .string()
          .optional()
          .transform((s, c) => {
            if (s === undefined) return undefined;
            const list = s.split(',');
            for (const x of list) if (!(appealStatuses as readonly string[]).includes(x)) c.addIssue({ code: 'custom', message: `"${x}" is not a status (${appealStatuses.join(', ')})` });
            return list as (typeof appealStatuses)[number][];
          }),
        due: z.enum(['overdue', 'soon']).optional().describe('Open appeals past their due date, or due within 3 days'),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        after: z.string().max(100).optional().describe('The `next` of the previous page'),
      }),
      response: {
        200: z.object({ items: z.array(listedAppealSchema), next: z.string().nullable().describe('The `after` of the next page; null: this is the last') }),
        ...problems(400, 401, 403, 404),
      },
    },
    handler: async (req) =>
      work.list(actorOf(req), {
        ...(req.query.status ? { status: req.query.status } : {}),
        ...(req.query.due ? { due: req.query.due } : {}),
        limit: req.query.limit,
        ...(req.query.after ? { after: req.query.after } : {}),
      }),
  });

  app.get('/api/v1/appeals/:number', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'One appeal with the appellant’s data, history and comments (agency officers; the reading is audited)',
      params: numberParams,
      response: { 200: appealSchema, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => work.get(actorOf(req), req.params.number),
  });

  app.get('/api/v1/appeals/:number/files/:fileId', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'A file of the appeal, as a download (agency officers; the reading is audited)',
      description: 'Sent as the type its content was found to be (an image or a PDF), as an attachment, never to be shown or run in the page.',
      params: numberParams.extend({ fileId: z.string().regex(/^\d{1,18}$/, 'a file id from the appeal') }),
      produces: fileDownload,
      response: { 200: z.any(), ...problems(400, 401, 403, 404) },
    },
    handler: async (req, reply) => sendFile(reply, await work.file(actorOf(req), req.params.number, req.params.fileId)),
  });

  app.post('/api/v1/appeals/:number/actions', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'A step of the appeal’s life: take, answer, close, reject (59-FZ art. 11), redirect, extend (once), comment',
      params: numberParams,
      body: action,
      response: { 204: z.null(), ...problems(400, 401, 403, 404, 409) },
    },
    // (an answer may carry files)
    bodyLimit: WITH_FILES_LIMIT,
    handler: async (req, reply) => {
      const step = req.body;
      const files = step.action === 'answer' ? step.files?.map((f) => ({ name: f.name, bytes: Buffer.from(f.content, 'base64') })) : undefined;
      await work.act(actorOf(req), req.params.number, step.action === 'answer' ? { action: 'answer', text: step.text, files } : step);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/appeals/status', {
    config: limited,
    schema: {
      tags,
      security: publicSecurity,
      summary: 'The citizen reads their appeal’s status and answer with its number and code',
      description: 'A POST so that the code stays out of URLs and logs. A wrong code and an unknown number get the same 404.',
      body: z.object({ number: z.string().max(40), code: z.string().max(40) }),
      response: { 200: appealStatusSchema, ...problems(400, 404, 429) },
    },
    handler: async (req) => work.status(req.body.number, req.body.code),
  });

  app.post('/api/v1/appeals/status/files/:fileId', {
    config: limited,
    schema: {
      tags,
      security: publicSecurity,
      summary: 'The citizen downloads a file of their appeal’s answer with its number and code',
      description:
        'A POST so that the code stays out of URLs and logs; the file ids are those the status lists with the answer. Only the answer’s files are given (not the citizen’s own). A wrong code and an unknown number get the same 404.',
      params: z.object({ fileId: z.string().regex(/^\d{1,18}$/, 'a file id from the status') }),
      body: z.object({ number: z.string().max(40), code: z.string().max(40) }),
      produces: fileDownload,
      response: { 200: z.any(), ...problems(400, 404, 429) },
    },
    handler: async (req, reply) => sendFile(reply, await work.statusFile(req.body.number, req.body.code, req.params.fileId)),
  });

  app.get('/api/v1/appeal-figures', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Appeals by region and status with those overdue (coordinators: every region; supervisors: theirs; no content)',
      response: { 200: z.object({ items: z.array(z.object({ region: z.string(), status: z.enum(appealStatuses), count: z.number(), overdue: z.number() })) }), ...problems(401, 403) },
    },
    handler: async (req) => ({ items: await work.figures(actorOf(req)) }),
  });
}

/** A file as a download, never to be shown or run in a page (officers' and citizens' alike). */
export function sendFile(reply: FastifyReply, f: { name: string; contentType: string; bytes: Buffer }) {
  return reply
    .header('content-type', f.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${rfc5987(f.name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(f.bytes);
}

/** A file name as RFC 5987 wants it: percent-encoded UTF-8, ' ( ) * too (encodeURIComponent leaves them). */
const rfc5987 = (name: string) => encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
