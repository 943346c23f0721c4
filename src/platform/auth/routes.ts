// /api/v1/auth: sign in, sign out, and the current session.
import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { problems, publicSecurity, staffSecurity } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { actorOf } from '../access/request-actor.ts';
import { clearSessionCookie, SESSION_COOKIE } from './http-principal.ts';
import type { LoginService } from './login-service.ts';
import { userSchema } from './users-schema.ts';
import type { UsersService } from './users-service.ts';

const sessionSchema = z.object({
  user: userSchema,
  csrfToken: z.string().optional().describe('Send as the X-CSRF-Token header with every write made with the session cookie (absent for API tokens)'),
  expiresAt: z.string().optional(),
});

export async function authRoutes(app: App, deps: { login: LoginService; users: UsersService; config: Pick<Config, 'login'> }) {
  await app.register(rateLimit, { global: false });

  app.post('/api/v1/auth/login', {
    config: {
      csrf: false,
      // Per client address, on top of the backoff and lockout: caps even attempts that succeed.
      rateLimit: { max: deps.config.login.ratePerMinute, timeWindow: '1 minute' },
    },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with username and password',
      description:
        'Sets the HttpOnly session cookie `otvet_session`. Failed sign-ins from one address make it wait, longer each time (429 `auth.slow_down`); ' +
        'wrong passwords lock the account for the address they came from, and for everyone when they come from several (429 `auth.locked`). Both send Retry-After.',
      security: publicSecurity,
      body: z.object({ username: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(200) }),
      response: { 200: sessionSchema, ...problems(400, 401, 429) },
    },
    handler: async (req, reply) => {
      // (a lock or a backoff says when to come back: the problem handler sends it as Retry-After)
      const r = await deps.login.login(actorOf(req), req.body.username, req.body.password);
      reply.setCookie(SESSION_COOKIE, r.sessionSecret, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        expires: r.expiresAt,
      });
      return { user: r.user, csrfToken: r.csrfToken, expiresAt: r.expiresAt.toISOString() };
    },
  });

  app.post('/api/v1/auth/logout', {
    schema: {
      tags: ['auth'],
      summary: 'Sign out (ends the session)',
      security: staffSecurity,
      response: { 204: z.null(), ...problems(403) },
    },
    handler: async (req, reply) => {
      await deps.login.logout(actorOf(req));
      clearSessionCookie(req, reply);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/auth/session', {
    schema: {
      tags: ['auth'],
      summary: 'The signed-in user and the CSRF token of the session',
      security: staffSecurity,
      response: { 200: sessionSchema, ...problems(401) },
    },
    handler: async (req) => {
      const user = await deps.users.self(actorOf(req));
      return { user, ...(req.principal?.csrfToken ? { csrfToken: req.principal.csrfToken } : {}) };
    },
  });
}
