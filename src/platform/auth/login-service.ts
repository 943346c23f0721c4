// Signing in and out, and turning a session cookie or an API token back into a principal.
// Failed sign-ins slow their address down, whatever the usernames; wrong passwords lock an account
// for the address they came from, and for everyone only when they come from several addresses
// (LoginGuard). A locked account refuses even the right password until the lock ends.
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { AppError, unauthorized } from '../errors.ts';
import type { AuditService } from '../audit/service.ts';
import { accountsTopics } from './events.ts';
import { ACCOUNT_LOCK_ADDRESSES, LoginGuard } from './login-guard.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { FEDERAL, type ActorContext, type Principal } from '../access/principal.ts';
import { randomSecret, sha256 } from './secrets.ts';
import * as sessions from './sessions-queries.ts';
import { TokenCache } from './token-cache.ts';
import { liveToken, touchToken } from './tokens-queries.ts';
import * as users from './users-queries.ts';
import { presentUser } from './users-service.ts';
import type { UserView } from './users-schema.ts';

const badCredentials = () => unauthorized('auth.invalid_credentials', 'Wrong username or password.');

function locked(until: number, now: number, here: boolean): AppError {
  const minutes = Math.max(1, Math.ceil((until - now) / 60000));
  const where = here ? 'from this address ' : '';
  return new AppError(429, 'auth.locked', `Too many wrong passwords: this account is locked ${where}for ${minutes} more minute(s). An administrator can unlock it by resetting the password.`, {
    retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)),
  });
}

function slowDown(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError(429, 'auth.slow_down', `Too many failed sign-ins from this address: try again in ${seconds} second(s).`, { retryAfterSeconds: seconds });
}

export interface LoginResult {
  user: UserView;
  /** The cookie value (the client's secret); only its hash is stored. */
  sessionSecret: string;
  csrfToken: string;
  expiresAt: Date;
}

// Writing last_seen_at on every request would turn reads into writes; once a minute is enough.
const TOUCH_EVERY_MS = 60_000;

export class LoginService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly config: Pick<Config, 'session' | 'login' | 'passwordHashCost'>,
    private readonly tokens = new TokenCache(),
    readonly guard = new LoginGuard(config.login),
  ) {}

  async login(ctx: ActorContext, username: string, password: string): Promise<LoginResult> {
    const ip = ctx.ip ?? '';
    // Before any database read or password hash: a waiting address costs nothing.
    const wait = this.guard.addressWait(ip);
    if (wait > 0) throw slowDown(wait);
    const user = await users.userByUsername(this.db, username);
    if (!user || user.disabled_at) {
      await verifyPassword(password, await dummyHash(this.config.passwordHashCost));
      this.guard.failed(ip);
      // What was typed as an unknown username is often a password typed in the wrong field: not kept.
      const target = user ? { targetId: user.id, region: user.region_code } : {};
      await this.audit.record(ctx, { action: 'auth.login_failed', targetType: 'user', ...target, details: { reason: user ? 'disabled' : 'unknown_user' } });
      throw badCredentials();
    }
    const target = { targetType: 'user', targetId: user.id, region: user.region_code };
    const now = this.guard.now();
    const lockedHere = this.guard.lockedUntil(user.id, ip, user.password_changed_at);
    const lockedEverywhere = user.locked_until && user.locked_until.getTime() > Date.now() ? user.locked_until.getTime() - Date.now() + now : null;
    if (lockedEverywhere !== null || lockedHere !== null) {
      await this.audit.record(ctx, { action: 'auth.login_failed', ...target, details: { reason: 'locked' } });
      throw lockedEverywhere !== null ? locked(lockedEverywhere, now, false) : locked(lockedHere!, now, true);
    }
    if (!(await verifyPassword(password, user.password_hash))) {
      const r = this.guard.failed(ip, { id: user.id, passwordChangedAt: user.password_changed_at });
      if (r.lockedUntil === null) {
        await this.audit.record(ctx, { action: 'auth.login_failed', ...target, details: { reason: 'wrong_password' } });
        throw badCredentials();
      }
      // Locked out from several addresses at once: guessing spread over machines; lock it for everyone.
      const everywhere = r.lockedAddresses >= ACCOUNT_LOCK_ADDRESSES;
      if (everywhere) await users.lockAccount(this.db, user.id, this.config.login.lockoutMinutes);
      await this.audit.record(ctx, { action: 'auth.locked', ...target, details: { reason: 'wrong_password', scope: everywhere ? 'account' : 'address' } });
      throw locked(r.lockedUntil, now, !everywhere);
    }
    this.guard.succeeded(user.id, ip);
    const sessionSecret = randomSecret();
    const csrfToken = randomSecret();
    const expiresAt = new Date(Date.now() + this.config.session.ttlHours * 3600_000);
    await this.db.transaction(async (tx) => {
      await users.clearFailedLogins(tx, user.id);
      await sessions.insertSession(tx, {
        id: sha256(sessionSecret),
        userId: user.id,
        csrfToken,
        expiresAt,
        ...(ctx.ip ? { ip: ctx.ip } : {}),
        ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}),
      });
      const actor = { ...ctx, principal: toPrincipal(user, 'session') };
      await this.audit.record(actor, { action: 'auth.login', ...target }, tx);
    });
    return { user: presentUser({ ...user, failed_logins: 0, locked_until: null }), sessionSecret, csrfToken, expiresAt };
  }

  async logout(ctx: ActorContext): Promise<void> {
    const p = ctx.principal;
    if (!p?.sessionId) return;
    const sessionId = p.sessionId;
    await this.db.transaction(async (tx) => {
      await sessions.deleteSession(tx, sessionId);
      // What was given for this session (the browser phone's SIP credential) ends with it.
      await accountsTopics.publish(tx, 'auth.sessions.ended', { sessionIds: [sessionId] });
      await this.audit.record(ctx, { action: 'auth.logout', targetType: 'user', targetId: p.userId, region: p.region === FEDERAL ? null : p.region }, tx);
    });
  }

  async sessionPrincipal(secret: string): Promise<Principal | null> {
    const row = await sessions.liveSession(this.db, sha256(secret), this.config.session.idleMinutes);
    if (!row) return null;
    if (Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) await sessions.touchSession(this.db, row.session_id);
    return {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      region: row.region_code ?? FEDERAL,
      via: 'session',
      sessionId: row.session_id,
      csrfToken: row.csrf_token,
    };
  }

  async tokenPrincipal(secret: string): Promise<Principal | null> {
    const hash = sha256(secret);
    const known = this.tokens.get(hash);
    if (known) return known;
    const row = await liveToken(this.db, hash);
    if (!row) return null;
    // (read at most once a minute per token: last_used_at is as fresh as it ever was)
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > TOUCH_EVERY_MS) await touchToken(this.db, row.token_id);
    const principal: Principal = {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      region: row.region_code ?? FEDERAL,
      via: 'token',
      tokenId: row.token_id,
      ...(row.scopes ? { scopes: row.scopes } : {}),
      ...(row.routing === 'pbx' ? { routing: 'pbx' as const } : {}),
    };
    this.tokens.set(hash, principal, row.expires_at);
    return principal;
  }

  /** Removes ended sessions; run now and then so the table stays small. */
  purgeEndedSessions(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const ids = await sessions.deleteEndedSessions(tx, this.config.session.idleMinutes);
      if (ids.length) await accountsTopics.publish(tx, 'auth.sessions.ended', { sessionIds: ids });
      return ids.length;
    });
  }
}

function toPrincipal(u: users.UserRow, via: 'session' | 'token'): Principal {
  return { userId: u.id, username: u.username, displayName: u.display_name, role: u.role, region: u.region_code ?? FEDERAL, via };
}
