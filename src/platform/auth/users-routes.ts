// /api/v1/users: staff accounts (admins; a regional admin sees and manages their region only).
import { z } from 'zod';
import { idParams, problems, queryBoolean, staffSecurity } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { actorOf } from '../access/request-actor.ts';
import { newUserSchema, regionScopeSchema, roleSchema, userChangeSchema, userSchema } from './users-schema.ts';
import type { UsersService } from './users-service.ts';

const withPassword = z.object({
  user: userSchema,
  generatedPassword: z.string().optional().describe('Present when the server generated the password; shown this once only'),
});

export function usersRoutes(app: App, deps: { users: UsersService }) {
  const tags = ['users'];
  const security = staffSecurity;

  app.get('/api/v1/users', {
    schema: {
      tags,
      security,
      summary: 'List staff accounts',
      querystring: z.object({
        region: regionScopeSchema.optional(),
        role: roleSchema.optional(),
        includeDisabled: queryBoolean.optional(),
      }),
      response: { 200: z.object({ items: z.array(userSchema) }), ...problems(400, 401, 403) },
    },
    handler: async (req) => ({ items: await deps.users.list(actorOf(req), req.query) }),
  });

  app.post('/api/v1/users', {
    schema: {
      tags,
      security,
      summary: 'Create a staff account',
      body: newUserSchema,
      response: { 201: withPassword, ...problems(400, 401, 403, 409) },
    },
    handler: async (req, reply) => reply.code(201).send(await deps.users.create(actorOf(req), req.body)),
  });

  app.get('/api/v1/users/:id', {
    schema: { tags, security, summary: 'One staff account', params: idParams, response: { 200: userSchema, ...problems(401, 403, 404) } },
    handler: async (req) => deps.users.get(actorOf(req), req.params.id),
  });

  app.put('/api/v1/users/:id', {
    schema: {
      tags,
      security,
      summary: "Change an account's name, role and region (a new role or region ends its sessions)",
      params: idParams,
      body: userChangeSchema,
      response: { 200: userSchema, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => deps.users.update(actorOf(req), req.params.id, req.body),
  });

  app.post('/api/v1/users/:id/disable', {
    schema: {
      tags,
      security,
      summary: 'Disable an account (ends its sessions; its API tokens stop working)',
      params: idParams,
      response: { 200: userSchema, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => deps.users.setDisabled(actorOf(req), req.params.id, true),
  });

  app.post('/api/v1/users/:id/enable', {
    schema: { tags, security, summary: 'Enable a disabled account', params: idParams, response: { 200: userSchema, ...problems(401, 403, 404) } },
    handler: async (req) => deps.users.setDisabled(actorOf(req), req.params.id, false),
  });

  app.post('/api/v1/users/:id/password', {
    schema: {
      tags,
      security,
      summary: 'Set a new password (also unlocks the account and ends its sessions)',
      params: idParams,
      body: z.object({ password: z.string().max(200).optional().describe('Omit to have one generated') }).default({}),
      response: { 200: withPassword, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => deps.users.resetPassword(actorOf(req), req.params.id, req.body.password),
  });
}
