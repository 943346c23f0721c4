// /api/v1/agent/sip-session: the workstation's browser phone asks for its SIP credential at sign-in
// (and gives it back when switched off); the SIP edges read it with the passwords (ADR 0015).
import { z } from 'zod';
import { actorOf } from '../platform/access/request-actor.ts';
import { problems, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import type { SipSessionService } from './sip-session-service.ts';

const sipSessionSchema = z
  .object({
    username: z.string().describe('The digest username to answer challenges with: `operator~` and 16 random characters'),
    operator: z.string().describe('The operator’s otvet username: the phone registers sip:<operator>@<realm>'),
    password: z.string().describe('The digest password (random, 192 bits); given only here, once'),
    realm: z.string().describe('The digest realm (SIP_REALM)'),
    expiresAt: z.string().describe('When the credential stops working: the web session’s end, at most 12 hours from now'),
    wsUrl: z.string().describe('The SIP edge’s WebSocket address (SIP_WS_URL)'),
  })
  .meta({ id: 'SipSession' });

export function sipSessionRoutes(app: App, deps: { sipSessions: SipSessionService }) {
  app.post('/api/v1/agent/sip-session', {
    schema: {
      tags: ['operator'],
      security: staffSecurity,
      summary: 'A SIP credential for the browser phone, valid for this web session',
      description:
        'For the signed-in workstation only (an API token has no web session: 403 `sip_session.session_required`). Another one in the same session (a reload) revokes the one before; signing out revokes it. Without a browser phone configured (SIP_WS_URL): 404 `sip_session.unavailable`.',
      response: { 201: sipSessionSchema, ...problems(401, 403, 404) },
    },
    handler: async (req, reply) => reply.code(201).send(await deps.sipSessions.issue(actorOf(req))),
  });

  app.delete('/api/v1/agent/sip-session', {
    schema: {
      tags: ['operator'],
      security: staffSecurity,
      summary: "Revoke this web session's browser phone credential (none is no error)",
      response: { 204: z.null(), ...problems(401, 403) },
    },
    handler: async (req, reply) => {
      await deps.sipSessions.revoke(actorOf(req));
      return reply.code(204).send(null);
    },
  });
}
