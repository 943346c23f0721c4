// Signing in and out, and turning a session cookie or an API token back into a principal.
// Wrong passwords are counted per account; reaching the limit locks it for a while, and a locked
// account refuses even the right password until the lock ends.
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { AppError, unauthorized } from '../errors.ts';
import type { AuditService } from '../audit/service.ts';
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

function locked(until: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60000));
  return new AppError(429, 'auth.locked', `Too many wrong passwords: this account is locked for ${minutes} more minute(s). An administrator can unlock it by resetting the password.`, {
    retryAfterSeconds: Math.ceil((until.getTime() - Date.now()) / 1000),
  });
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
    private readonly config: Pick<Config, 'session' | 'login'>,
    private readonly tokens = new TokenCache(),
  ) {}

  async login(ctx: ActorContext, username: string, password: string): Promise<LoginResult> {
    const user = await users.userByUsername(this.db, username);
    if (!user || user.disabled_at) {
      await verifyPassword(password, await dummyHash());
      // What was typed as an unknown username is often a password typed in the wrong field: not kept.
      const target = user ? { targetId: user.id, region: user.region_code } : {};
      await this.audit.record(ctx, { action: 'auth.login_failed', targetType: 'user', ...target, details: { reason: user ? 'disabled' : 'unknown_user' } });
      throw badCredentials();
    }
    const target = { targetType: 'user', targetId: user.id, region: user.region_code };
    if (user.locked_until && user.locked_until > new Date()) {
      await this.audit.record(ctx, { action: 'auth.login_failed', ...target, details: { reason: 'locked' } });
      throw locked(user.locked_until);
    }
    if (!(await verifyPassword(password, user.password_hash))) {
      const r = await users.recordFailedLogin(this.db, user.id, this.config.login.maxFailures, this.config.login.lockoutMinutes);
      const nowLocked = r.locked_until !== null && r.locked_until > new Date();
      await this.audit.record(ctx, { action: nowLocked ? 'auth.locked' : 'auth.login_failed', ...target, details: { reason: 'wrong_password' } });
      throw nowLocked ? locked(r.locked_until!) : badCredentials();
    }
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
    await sessions.deleteSession(this.db, p.sessionId);
    await this.audit.record(ctx, { action: 'auth.logout', targetType: 'user', targetId: p.userId, region: p.region === FEDERAL ? null : p.region });
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
    };
    this.tokens.set(hash, principal, row.expires_at);
    return principal;
  }

  /** Removes ended sessions; run now and then so the table stays small. */
  purgeEndedSessions(): Promise<number> {
    return sessions.deleteEndedSessions(this.db, this.config.session.idleMinutes);
  }
}

function toPrincipal(u: users.UserRow, via: 'session' | 'token'): Principal {
  return { userId: u.id, username: u.username, displayName: u.display_name, role: u.role, region: u.region_code ?? FEDERAL, via };
}
