// Who sends an HTTP request, as every route hands it to its service. The principal itself is
// found by platform/auth (session cookie or API token) before the route runs.
import type { FastifyRequest } from 'fastify';
import type { ActorContext, Principal } from './principal.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** A session cookie came with the request but its session has ended. */
    sessionEnded: boolean;
  }
  interface FastifyContextConfig {
    /** false for the few writes made before there is a session (login). */
    csrf?: boolean;
    /** false for routes that never look at who asks (health probes): no session lookup at all. */
    principal?: boolean;
  }
}

export function actorOf(req: FastifyRequest): ActorContext {
  return {
    principal: req.principal,
    via: req.principal ? req.principal.via : 'anonymous',
    ip: req.ip,
    ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
    requestId: req.id,
    ...(req.sessionEnded ? { sessionEnded: true } : {}),
  };
}
