// The browser phone's SIP credential (ADR 0015): the signed-in operator's workstation asks for one
// per web session instead of using their own SIP password. Random, returned once, kept only as
// digest HA1s, valid while the session is and at most a shift; the edges read it beside passwords.
import { randomBytes } from 'node:crypto';
import { authorize } from '../platform/access/authorize.ts';
import { FEDERAL, type ActorContext, type Principal } from '../platform/access/principal.ts';
import type { AuditService } from '../platform/audit/service.ts';
import type { SessionDirectory } from '../platform/auth/session-directory.ts';
import type { Db } from '../platform/db/database.ts';
import { forbidden, notFound, unauthorized } from '../platform/errors.ts';
import { digestHa1 } from './sip-digest.ts';
import * as q from './sip-session-queries.ts';

/** At most a shift, whatever the session's own lifetime. */
export const SIP_SESSION_MAX_MS = 12 * 3600_000;

export interface SipSession {
  /** The digest username: `${operator}~` and 16 random [a-z0-9]. */
  username: string;
  /** The operator's otvet username: the address-of-record the phone registers. */
  operator: string;
  password: string;
  realm: string;
  expiresAt: string;
  /** Where the phone reaches the SIP edge (SIP_WS_URL). */
  wsUrl: string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
// (252 = 7 · 36: bytes above it are skipped, so every character is equally likely)
function randomSuffix(length = 16): string {
  let out = '';
  while (out.length < length) for (const b of randomBytes(length * 2)) if (b < 252 && out.length < length) out += ALPHABET[b % 36];
  return out;
}

export class SipSessionService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly sessions: SessionDirectory,
    private readonly realm: string,
    private readonly wsUrl: string | undefined,
  ) {}

  /** Issues this web session's credential; one issued before in the same session (a reload) is revoked. */
  async issue(ctx: ActorContext): Promise<SipSession> {
    const p = webSession(ctx);
    if (!this.wsUrl) throw notFound('sip_session.unavailable', 'This otvet has no browser phone: SIP_WS_URL (the SIP edge’s WebSocket address) is not set. Use a SIP phone.');
    const sessionEnd = (await this.sessions.live([p.sessionId])).get(p.sessionId);
    if (!sessionEnd) throw unauthorized('auth.session_ended', 'Your session has ended; sign in again.');
    const expiresAt = new Date(Math.min(sessionEnd.getTime(), Date.now() + SIP_SESSION_MAX_MS));
    const username = `${p.username}~${randomSuffix()}`;
    const password = randomBytes(24).toString('base64url');
    const ha1 = digestHa1(username, this.realm, password);
    await this.db.transaction(async (tx) => {
      await q.revokeSessions(tx, [p.sessionId]);
      await q.insertSessionCredential(tx, {
        username,
        userId: p.userId,
        operator: p.username,
        region: p.region,
        realm: this.realm,
        ha1Md5: ha1.md5,
        ha1Sha256: ha1.sha256,
        sessionId: p.sessionId,
        expiresAt,
      });
      await q.pruneEnded(tx);
      await this.audit.record(
        ctx,
        {
          action: 'operator.sip_session_issued',
          targetType: 'operator',
          targetId: p.userId,
          region: p.region === FEDERAL ? null : p.region,
          details: { username, realm: this.realm, expiresAt: expiresAt.toISOString() },
        },
        tx,
      );
    });
    return { username, operator: p.username, password, realm: this.realm, expiresAt: expiresAt.toISOString(), wsUrl: this.wsUrl };
  }

  /** Revokes this web session's credential (the phone is switched off); none is no error. */
  async revoke(ctx: ActorContext): Promise<void> {
    const p = webSession(ctx);
    await this.db.transaction((tx) => q.revokeSessions(tx, [p.sessionId]));
  }

  /** Web sessions ended (signed out, cleaned up, the account disabled): their credentials with them. */
  async sessionsEnded(sessionIds: string[]): Promise<void> {
    await this.db.transaction((tx) => q.revokeSessions(tx, sessionIds));
  }
}

/** The operator behind a web session: an API token has none, so it gets no credential. */
function webSession(ctx: ActorContext): Principal & { sessionId: string } {
  const p = authorize(ctx, 'agent.work');
  if (!p || p.via !== 'session' || !p.sessionId)
    throw forbidden('sip_session.session_required', 'A browser phone’s SIP credential belongs to a web session: sign in on the workstation (an API token has no web session).');
  return { ...p, sessionId: p.sessionId };
}
