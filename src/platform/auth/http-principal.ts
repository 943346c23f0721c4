// Finds out who sends each request (API token or session cookie) and enforces CSRF protection on
// cookie-authenticated writes. Runs before every route.
import type { FastifyReply, FastifyRequest } from 'fastify';
import '../access/request-actor.ts';
import { forbidden, unauthorized } from '../errors.ts';
import type { App } from '../http/types.ts';
import type { LoginService } from './login-service.ts';
import { safeEqual } from './secrets.ts';

export const SESSION_COOKIE = 'otvet_session';
export const CSRF_HEADER = 'x-csrf-token';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https' });
}

export function registerPrincipalHook(app: App, login: LoginService) {
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionEnded', false);

  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.config?.principal === false) return;
    const header = req.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw unauthorized('auth.invalid_token', 'The Authorization header must be "Bearer <API token>".');
      const principal = await login.tokenPrincipal(m[1]!);
      // A wrong token is an integration fault: say so rather than silently treating it as anonymous.
      if (!principal) throw unauthorized('auth.invalid_token', 'The API token is unknown, revoked or expired, or its account is disabled.');
      req.principal = principal;
      return;
    }
    const secret = req.cookies[SESSION_COOKIE];
    if (secret) {
      req.principal = await login.sessionPrincipal(secret);
      if (!req.principal) {
        req.sessionEnded = true;
        clearSessionCookie(req, reply);
      }
    }
    if (UNSAFE.has(req.method) && req.principal?.via === 'session' && req.routeOptions.config?.csrf !== false) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, req.principal.csrfToken!)) {
        throw forbidden('auth.csrf', `This write needs the ${CSRF_HEADER} header with the csrfToken given at sign-in (GET /api/v1/auth/session returns it).`);
      }
    }
  });
}
