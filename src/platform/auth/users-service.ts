// Staff accounts: create, list, disable, reset passwords. A regional admin manages only the
// accounts of their region; federal accounts are managed by federal admins.
import { badRequest, conflict, notFound } from '../errors.ts';
import { pgCode, type Db, type Queryable } from '../db/database.ts';
import type { AuditService } from '../audit/service.ts';
import { authorize, regionFilter, requirePrincipal } from '../access/authorize.ts';
import { checkPasswordRules, DEFAULT_PASSWORD_HASH_COST, hashPassword } from './passwords.ts';
import { FEDERAL, type ActorContext, type Role } from '../access/principal.ts';
import { generatePassword } from './secrets.ts';
import type { AccountsWatch } from './accounts-watch.ts';
import { accountsTopics } from './events.ts';
import { deleteUserSessions } from './sessions-queries.ts';
import * as q from './users-queries.ts';
import type { NewUser, UserChange, UserView } from './users-schema.ts';

export function presentUser(u: q.UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    region: u.region_code ?? FEDERAL,
    createdAt: u.created_at.toISOString(),
    disabledAt: u.disabled_at?.toISOString() ?? null,
    lockedUntil: u.locked_until && u.locked_until > new Date() ? u.locked_until.toISOString() : null,
  };
}

/** Ends a user's sessions, and says so (what was given for them, such as SIP credentials, ends too). */
async function endSessions(tx: Queryable, userId: number): Promise<void> {
  const ids = await deleteUserSessions(tx, userId);
  if (ids.length) await accountsTopics.publish(tx, 'auth.sessions.ended', { sessionIds: ids });
}

const userNotFound = (id: number | string) => notFound('user.not_found', `There is no user ${id}.`);

const unknownRegion = (region: string) =>
  badRequest('user.unknown_region', `There is no region ${region}; see GET /api/v1/regions (import them first with \`otvet import regions\`).`, {
    errors: [{ path: 'region', message: 'unknown region code' }],
  });

export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly accounts: AccountsWatch,
    private readonly passwordHashCost = DEFAULT_PASSWORD_HASH_COST,
  ) {}

  /** Creates an account; returns the password when it was generated (shown once, never stored). */
  async create(ctx: ActorContext, input: NewUser): Promise<{ user: UserView; generatedPassword?: string }> {
    authorize(ctx, 'users.manage', { region: input.region });
    const password = input.password ?? generatePassword();
    checkPasswordRules(password);
    const passwordHash = await hashPassword(password, this.passwordHashCost);
    try {
      const row = await this.db.transaction(async (tx) => {
        const row = await q.insertUser(tx, {
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          regionCode: input.region === FEDERAL ? null : input.region,
          passwordHash,
        });
        await this.audit.record(
          ctx,
          {
            action: 'user.create',
            targetType: 'user',
            targetId: row.id,
            region: row.region_code,
            details: { username: row.username, role: row.role },
          },
          tx,
        );
        return row;
      });
      return { user: presentUser(row), ...(input.password ? {} : { generatedPassword: password }) };
    } catch (e) {
      if (pgCode(e) === '23505') throw conflict('user.username_taken', `The username ${input.username} is taken.`);
      if (pgCode(e) === '23503') throw unknownRegion(input.region);
      throw e;
    }
  }

  async list(ctx: ActorContext, f: { region?: string; role?: Role; includeDisabled?: boolean } = {}): Promise<UserView[]> {
    authorize(ctx, 'users.read');
    const region = regionFilter(ctx, f.region);
    const rows = await q.selectUsers(this.db, {
      region: region === FEDERAL ? null : region,
      ...(f.role ? { role: f.role } : {}),
      includeDisabled: f.includeDisabled ?? false,
    });
    await this.audit.record(ctx, { action: 'user.list', targetType: 'user', region: region === FEDERAL ? null : (region ?? null), details: { count: rows.length } });
    return rows.map(presentUser);
  }

  private async load(ctx: ActorContext, ref: number | string, permission: 'users.read' | 'users.manage'): Promise<q.UserRow> {
    const row = typeof ref === 'number' ? await q.userById(this.db, ref) : await q.userByUsername(this.db, ref);
    if (!row) {
      authorize(ctx, permission);
      throw userNotFound(ref);
    }
    authorize(ctx, permission, { region: row.region_code ?? FEDERAL, notFound: userNotFound(ref) });
    return row;
  }

  /** The signed-in user's own account; needs no permission. */
  async self(ctx: ActorContext): Promise<UserView> {
    const p = requirePrincipal(ctx);
    return presentUser((await q.userById(this.db, p.userId))!);
  }

  async get(ctx: ActorContext, ref: number | string): Promise<UserView> {
    const row = await this.load(ctx, ref, 'users.read');
    await this.audit.record(ctx, { action: 'user.read', targetType: 'user', targetId: row.id, region: row.region_code });
    return presentUser(row);
  }

  /**
   * A new name, role or region. The admin needs the account's region and the new one; a new role or
   * region ends the account's sessions (what was given for them, SIP credentials among them, was
   * given to the old one). Admins keep their own role and region: no one locks themselves out.
   */
  async update(ctx: ActorContext, ref: number | string, input: UserChange): Promise<UserView> {
    const target = await this.load(ctx, ref, 'users.manage');
    authorize(ctx, 'users.manage', { region: input.region });
    const regionCode = input.region === FEDERAL ? null : input.region;
    const moved = input.role !== target.role || regionCode !== target.region_code;
    if (moved && ctx.principal?.userId === target.id) {
      throw badRequest('user.cannot_change_own_role', 'You cannot change your own role or region; ask another admin.');
    }
    try {
      const row = await this.db.transaction(async (tx) => {
        const row = (await q.updateUser(tx, target.id, { displayName: input.displayName, role: input.role, regionCode }))!;
        if (moved) await endSessions(tx, target.id);
        await this.audit.record(
          ctx,
          {
            action: 'user.update',
            targetType: 'user',
            targetId: target.id,
            region: regionCode,
            details: {
              username: target.username,
              before: { displayName: target.display_name, role: target.role, region: target.region_code ?? FEDERAL },
              after: { displayName: input.displayName, role: input.role, region: input.region },
            },
          },
          tx,
        );
        if (moved) await accountsTopics.publish(tx, 'auth.credentials.changed', { userId: target.id });
        return row;
      });
      if (moved) this.accounts.changed();
      return presentUser(row);
    } catch (e) {
      if (pgCode(e) === '23503') throw unknownRegion(input.region);
      throw e;
    }
  }

  /** Disabling also ends the user's sessions; their API tokens stop working with it. */
  async setDisabled(ctx: ActorContext, ref: number | string, disabled: boolean): Promise<UserView> {
    const target = await this.load(ctx, ref, 'users.manage');
    if (disabled && ctx.principal?.userId === target.id) {
      throw badRequest('user.cannot_disable_self', 'You cannot disable your own account.');
    }
    const row = await this.db.transaction(async (tx) => {
      const row = (await q.setDisabled(tx, target.id, disabled))!;
      if (disabled) await endSessions(tx, target.id);
      await this.audit.record(
        ctx,
        {
          action: disabled ? 'user.disable' : 'user.enable',
          targetType: 'user',
          targetId: target.id,
          region: target.region_code,
          details: { username: target.username },
        },
        tx,
      );
      await accountsTopics.publish(tx, 'auth.credentials.changed', { userId: target.id });
      return row;
    });
    this.accounts.changed();
    return presentUser(row);
  }

  /** Sets a new password (generated when none is given), unlocks, and ends the user's sessions. */
  async resetPassword(ctx: ActorContext, ref: number | string, password?: string): Promise<{ user: UserView; generatedPassword?: string }> {
    const target = await this.load(ctx, ref, 'users.manage');
    const next = password ?? generatePassword();
    checkPasswordRules(next);
    const hash = await hashPassword(next, this.passwordHashCost);
    await this.db.transaction(async (tx) => {
      await q.setPasswordHash(tx, target.id, hash);
      await endSessions(tx, target.id);
      await this.audit.record(
        ctx,
        {
          action: 'user.password_reset',
          targetType: 'user',
          targetId: target.id,
          region: target.region_code,
          details: { username: target.username },
        },
        tx,
      );
    });
    const user = presentUser((await q.userById(this.db, target.id))!);
    return { user, ...(password ? {} : { generatedPassword: next }) };
  }

  count(): Promise<number> {
    return q.countUsers(this.db);
  }
}
