// /api/v1/tokens: API tokens for machine clients (admins).
import { z } from 'zod';
import { idParams, problems, queryBoolean, staffSecurity } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { actorOf } from '../access/request-actor.ts';
import { tokenRoutings } from '../access/principal.ts';
import type { TokensService } from './tokens-service.ts';
import { regionScopeSchema } from './users-schema.ts';

const routingSchema = z
  .enum(tokenRoutings)
  .describe(
    'For a telephony edge: who routes the calls it reports — otvet (its ACD rings operators, escalates, overflows, calls back) or pbx (the edge routes and otvet only records). Never both: see docs/telephony-events.md',
  );

const tokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the secret, to tell tokens apart'),
    user: z.object({ id: z.number().int(), username: z.string() }),
    region: z.string(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    scopes: z.array(z.string()).nullable().describe('Permissions the token is limited to (by prefix); null = all of its account’s'),
    routing: routingSchema,
  })
  .meta({ id: 'ApiToken' });

export const tokenNameSchema = z.string().trim().min(1).max(100);

export function tokensRoutes(app: App, deps: { tokens: TokensService }) {
  const tags = ['tokens'];
  const security = staffSecurity;

  app.get('/api/v1/tokens', {
    schema: {
      tags,
      security,
      summary: 'List API tokens',
      querystring: z.object({ region: regionScopeSchema.optional(), includeRevoked: queryBoolean.optional() }),
      response: { 200: z.object({ items: z.array(tokenSchema) }), ...problems(400, 401, 403) },
    },
    handler: async (req) => ({ items: await deps.tokens.list(actorOf(req), req.query) }),
  });

  app.post('/api/v1/tokens', {
    schema: {
      tags,
      security,
      summary: 'Create an API token acting as a user (the secret is returned once)',
      body: z.object({
        userId: z.number().int().positive(),
        name: tokenNameSchema.describe('What the token is for, e.g. "PBX adapter, region 77"'),
        expiresInDays: z.number().int().min(1).max(3650).optional(),
        scopes: z
          .array(z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/))
          .max(20)
          .optional()
          .describe('Limit the token, e.g. ["telephony"] for a PBX adapter'),
        routing: routingSchema.default('otvet'),
      }),
      response: { 201: z.object({ token: tokenSchema, secret: z.string() }), ...problems(400, 401, 403, 404) },
    },
    handler: async (req, reply) =>
      reply.code(201).send(
        await deps.tokens.create(actorOf(req), {
          user: req.body.userId,
          name: req.body.name,
          ...(req.body.expiresInDays ? { expiresInDays: req.body.expiresInDays } : {}),
          ...(req.body.scopes ? { scopes: req.body.scopes } : {}),
          routing: req.body.routing,
        }),
      ),
  });

  app.delete('/api/v1/tokens/:id', {
    schema: { tags, security, summary: 'Revoke an API token', params: idParams, response: { 200: tokenSchema, ...problems(401, 403, 404) } },
    handler: async (req) => deps.tokens.revoke(actorOf(req), req.params.id),
  });
}
