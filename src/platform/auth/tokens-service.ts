// API tokens for machine clients (a PBX adapter, a BI export). A token acts as the account it
// belongs to; its secret is shown once and only its hash is kept.
import type { AuditService } from '../audit/service.ts';
import type { Db } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { authorize, regionFilter } from '../access/authorize.ts';
import { FEDERAL, type ActorContext, type TokenRouting } from '../access/principal.ts';
import { randomSecret, sha256 } from './secrets.ts';
import type { AccountsWatch } from './accounts-watch.ts';
import { accountsTopics } from './events.ts';
import * as q from './tokens-queries.ts';
import { userById, userByUsername } from './users-queries.ts';

export interface TokenView {
  id: number;
  name: string;
  prefix: string;
  user: { id: number; username: string };
  region: string;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  scopes: string[] | null;
  routing: TokenRouting;
}

function present(t: q.TokenRow): TokenView {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    user: { id: t.user_id, username: t.username },
    region: t.region_code ?? FEDERAL,
    createdAt: t.created_at.toISOString(),
    createdBy: t.created_by,
    expiresAt: t.expires_at?.toISOString() ?? null,
    lastUsedAt: t.last_used_at?.toISOString() ?? null,
    revokedAt: t.revoked_at?.toISOString() ?? null,
    scopes: t.scopes,
    routing: t.routing,
  };
}

const TOKEN_PREFIX = 'otvet_';
const tokenNotFound = (id: number) => notFound('token.not_found', `There is no API token ${id}.`);
const userNotFound = (ref: number | string) => notFound('user.not_found', `There is no user ${ref}.`);

export class TokensService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly accounts: AccountsWatch,
  ) {}

  async create(ctx: ActorContext, input: { user: number | string; name: string; expiresInDays?: number; scopes?: string[]; routing?: TokenRouting }): Promise<{ token: TokenView; secret: string }> {
    const user = typeof input.user === 'number' ? await userById(this.db, input.user) : await userByUsername(this.db, input.user);
    if (!user) {
      authorize(ctx, 'tokens.manage');
      throw userNotFound(input.user);
    }
    authorize(ctx, 'tokens.manage', { region: user.region_code ?? FEDERAL, notFound: userNotFound(input.user) });
    const secret = `${TOKEN_PREFIX}${randomSecret()}`;
    const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86400_000) : null;
    const token = await this.db.transaction(async (tx) => {
      const token = await q.insertToken(tx, {
        userId: user.id,
        name: input.name,
        hash: sha256(secret),
        prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        createdBy: ctx.principal?.username ?? ctx.name ?? null,
        expiresAt,
        scopes: input.scopes?.length ? input.scopes : null,
        routing: input.routing ?? 'otvet',
      });
      await this.audit.record(
        ctx,
        {
          action: 'token.create',
          targetType: 'token',
          targetId: token.id,
          region: user.region_code,
          details: { name: input.name, user: user.username, scopes: input.scopes ?? null, routing: input.routing ?? 'otvet' },
        },
        tx,
      );
      return token;
    });
    return { token: present(token), secret };
  }

  async list(ctx: ActorContext, f: { region?: string; includeRevoked?: boolean } = {}): Promise<TokenView[]> {
    authorize(ctx, 'tokens.manage');
    const region = regionFilter(ctx, f.region);
    const rows = await q.selectTokens(this.db, {
      region: region === FEDERAL ? null : region,
      includeRevoked: f.includeRevoked ?? false,
    });
    await this.audit.record(ctx, { action: 'token.list', targetType: 'token', region: region === FEDERAL ? null : (region ?? null) });
    return rows.map(present);
  }

  async revoke(ctx: ActorContext, id: number): Promise<TokenView> {
    const token = await q.tokenById(this.db, id);
    if (!token) {
      authorize(ctx, 'tokens.manage');
      throw tokenNotFound(id);
    }
    authorize(ctx, 'tokens.manage', { region: token.region_code ?? FEDERAL, notFound: tokenNotFound(id) });
    await this.db.transaction(async (tx) => {
      await q.revokeToken(tx, id);
      await this.audit.record(ctx, { action: 'token.revoke', targetType: 'token', targetId: id, region: token.region_code, details: { name: token.name } }, tx);
      await accountsTopics.publish(tx, 'auth.credentials.changed', { tokenId: id });
    });
    this.accounts.changed();
    return present((await q.tokenById(this.db, id))!);
  }
}
