// /api/v1/operators/{username}/sip-password and /api/v1/telephony/sip-credentials: operators' SIP
// passwords, set by people, and the browser phones' session credentials, read (as digest HA1s) by
// SIP edges' registrars.
import { z } from 'zod';
import { usernameSchema } from '../platform/access/schema.ts';
import { actorOf } from '../platform/access/request-actor.ts';
import { problems, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import type { SipCredentialsService } from './sip-credentials-service.ts';

const XID8_MAX = 2n ** 64n - 1n;
const params = z.object({ username: usernameSchema });

const credentialSchema = z
  .object({
    username: z.string().describe('The digest username: the operator’s otvet username for a password, `operator~…` for a session credential'),
    operator: z.string().describe('The operator’s otvet username: the address-of-record their phones register'),
    kind: z.enum(['password', 'session']).describe('The operator’s own SIP password, or a web session’s credential for the browser phone'),
    realm: z.string(),
    ha1Md5: z.string().describe('MD5(username:realm:password), hex'),
    ha1Sha256: z.string().describe('SHA-256(username:realm:password), hex (RFC 8760)'),
    updatedAt: z.string(),
    expiresAt: z.string().nullable().describe('When a session credential stops working (honour it even without a refresh); null for a password'),
  })
  .meta({ id: 'SipCredential' });

export function sipCredentialsRoutes(app: App, deps: { sipCredentials: SipCredentialsService }) {
  app.put('/api/v1/operators/:username/sip-password', {
    schema: {
      tags: ['operator'],
      security: staffSecurity,
      summary: "Set an operator's SIP password, for their phones (the operator, or an admin of their region)",
      description: 'Kept only as digest HA1s (MD5 and SHA-256) for the SIP edge’s registrar, never as given. The rules of account passwords apply.',
      params,
      body: z.object({ password: z.string().max(200) }),
      response: { 204: z.null(), ...problems(400, 401, 403, 404) },
    },
    handler: async (req, reply) => {
      await deps.sipCredentials.setPassword(actorOf(req), req.params.username, req.body.password);
      return reply.code(204).send(null);
    },
  });

  app.delete('/api/v1/operators/:username/sip-password', {
    schema: {
      tags: ['operator'],
      security: staffSecurity,
      summary: "Remove an operator's SIP password: their phones can no longer register",
      params,
      response: { 204: z.null(), ...problems(401, 403, 404) },
    },
    handler: async (req, reply) => {
      await deps.sipCredentials.removePassword(actorOf(req), req.params.username);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/telephony/sip-credentials', {
    schema: {
      tags: ['telephony'],
      security: staffSecurity,
      summary: "Operators' SIP credentials as digest HA1s, for a SIP edge's registrar (a regional edge: its region's)",
      description:
        'Operators’ own SIP passwords (`kind: password`) and the browser phones’ session credentials (`kind: session`, one per web session, ending with it). Without `since`: every usable one (a working account; a session credential not expired, its web session live). With `since` (the `next` of an earlier answer): what changed after it, and in `removed` the digest usernames to forget.',
      querystring: z.object({
        since: z
          .string()
          .regex(/^[0-9]{1,20}$/)
          // (checked on its own: zod runs a refinement even after the pattern failed)
          .refine((v) => /^[0-9]{1,20}$/.test(v) && BigInt(v) <= XID8_MAX, 'must be the "next" of an earlier answer')
          .optional()
          .describe('The `next` of an earlier answer'),
      }),
      response: {
        200: z.object({
          realm: z.string().describe('The realm to challenge phones in (SIP_REALM)'),
          items: z.array(credentialSchema),
          removed: z
            .array(z.string())
            .describe('Digest usernames to forget (with `since` only): a password removed, a session credential revoked, expired or whose session ended, an account disabled'),
          next: z.string().describe('Pass as `since` next time'),
        }),
        ...problems(400, 401, 403),
      },
    },
    handler: async (req) => deps.sipCredentials.list(actorOf(req), req.query.since),
  });
}
