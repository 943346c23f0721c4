// Operators' SIP passwords: set by the operator or an admin of their region (federal admins: any),
// kept only as digest HA1s, and read by SIP edges' registrars (a regional edge: its region's) with
// the browser phone's session credentials (sip-session-service.ts) beside them.
import { authorize } from '../platform/access/authorize.ts';
import { roleMay } from '../platform/access/permissions.ts';
import { FEDERAL, type ActorContext } from '../platform/access/principal.ts';
import type { AuditService } from '../platform/audit/service.ts';
import type { Directory, Person } from '../platform/auth/directory.ts';
import type { SessionDirectory } from '../platform/auth/session-directory.ts';
import { checkPasswordRules } from '../platform/auth/passwords.ts';
import type { Db } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import { digestHa1 } from './sip-digest.ts';
import * as q from './sip-credentials-queries.ts';
import * as sipSessions from './sip-session-queries.ts';

export interface SipCredential {
  /** The digest username. */
  username: string;
  /** The operator's otvet username, the address-of-record (equal to `username` for a password). */
  operator: string;
  kind: 'password' | 'session';
  realm: string;
  ha1Md5: string;
  ha1Sha256: string;
  updatedAt: string;
  /** A session credential's end; null for a password. */
  expiresAt: string | null;
}

export interface SipCredentials {
  /** The realm phones are challenged in now (SIP_REALM). */
  realm: string;
  items: SipCredential[];
  /** With ?since=: digest usernames to forget (password removed, session credential revoked or ended, account disabled). */
  removed: string[];
  /** Pass as ?since= next time. */
  next: string;
}

export class SipCredentialsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly directory: Directory,
    private readonly realm: string,
    private readonly sessions: SessionDirectory,
  ) {}

  /**
   * The operator whose SIP password the actor may set: themself, or one of an admin's region. An
   * unknown name, an account that takes no calls and another region's operator are the same 404.
   */
  private async operator(ctx: ActorContext, username: string): Promise<Person> {
    const person = (await this.directory.byUsernames([username])).get(username);
    const operator = person && roleMay(person.role, 'agent.work') ? person : undefined;
    const missing = notFound('operator.not_found', `There is no operator ${username}.`);
    if (operator && ctx.principal?.userId === operator.id) {
      authorize(ctx, 'agent.work');
      return operator;
    }
    if (!operator) {
      authorize(ctx, 'agents.sip_password');
      throw missing;
    }
    authorize(ctx, 'agents.sip_password', { region: operator.region, notFound: missing });
    return operator;
  }

  async setPassword(ctx: ActorContext, username: string, password: string): Promise<void> {
    const op = await this.operator(ctx, username);
    checkPasswordRules(password);
    const ha1 = digestHa1(op.username, this.realm, password);
    await this.db.transaction(async (tx) => {
      await q.upsertCredential(tx, { userId: op.id, username: op.username, region: op.region, realm: this.realm, ha1Md5: ha1.md5, ha1Sha256: ha1.sha256 });
      await this.audit.record(ctx, { action: 'operator.sip_password_set', targetType: 'operator', targetId: op.id, region: regionOf(op), details: { username: op.username, realm: this.realm } }, tx);
    });
  }

  /** Removes the operator's SIP password (their phones can no longer register); nothing to remove is no error. */
  async removePassword(ctx: ActorContext, username: string): Promise<void> {
    const op = await this.operator(ctx, username);
    await this.db.transaction(async (tx) => {
      if (await q.removeCredential(tx, op.id)) {
        await this.audit.record(ctx, { action: 'operator.sip_password_remove', targetType: 'operator', targetId: op.id, region: regionOf(op), details: { username: op.username } }, tx);
      }
    });
  }

  /**
   * The credentials of working operators (a regional edge: its region's). With `since` (the `next`
   * of an earlier answer) only what changed after it, and what is to be forgotten.
   */
  async list(ctx: ActorContext, since?: string): Promise<SipCredentials> {
    const p = authorize(ctx, 'telephony.sip_credentials');
    const region = p && p.region !== FEDERAL ? p.region : undefined;
    const { horizon, rows } = await q.credentialsSince(this.db, { ...(region ? { region } : {}), ...(since !== undefined ? { since } : {}) });
    const people = await this.directory.byUsernames([...new Set(rows.map((r) => r.operator))]);
    const sessions = await this.sessions.live(rows.flatMap((r) => (r.session_id !== null && r.ha1_md5 !== null ? [r.session_id] : [])));
    // A disabled account's phones must not register, whatever its password; a session's credential ends with it.
    const usable = (r: q.SipCredentialRow) => r.ha1_md5 !== null && people.get(r.operator)?.disabled === false && (r.kind === 'password' || (!r.expired && sessions.has(r.session_id!)));
    const live = rows.filter((r) => r.changed && usable(r));
    const items = live.map(present);
    // Session credentials found dead though never revoked (the session ended by time or without an
    // event, the credential expired): forgotten now, so the next refresh names them once more and then never.
    const dead = rows.filter((r) => r.kind === 'session' && r.ha1_md5 !== null && !usable(r));
    if (dead.length)
      await sipSessions.revokeUsernames(
        this.db,
        dead.map((r) => r.username),
      );
    const removed = since === undefined ? [] : rows.filter((r) => (r.changed && !usable(r)) || dead.includes(r)).map((r) => r.username);
    // HA1s stand in for passwords: who was handed them is on record (reads that hand out none are not).
    if (items.length) {
      await this.audit.record(ctx, { action: 'telephony.sip_credentials_read', region: region ?? null, details: { count: items.length, since: since ?? null } });
    }
    return { realm: this.realm, items, removed, next: horizon };
  }

  /** An account was disabled or enabled: its rows are marked changed, so refreshing edges read them again. */
  async accountChanged(userId: number): Promise<void> {
    await q.touchCredential(this.db, userId);
    await sipSessions.touchUserSessions(this.db, userId);
  }
}

const present = (r: q.SipCredentialRow): SipCredential => ({
  username: r.username,
  operator: r.operator,
  kind: r.kind,
  realm: r.realm,
  ha1Md5: r.ha1_md5!,
  ha1Sha256: r.ha1_sha256!,
  updatedAt: r.updated_at.toISOString(),
  expiresAt: r.expires_at?.toISOString() ?? null,
});

const regionOf = (p: Person) => (p.region === FEDERAL ? null : p.region);
