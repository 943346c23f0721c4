// The one authorisation function every route uses, through its service.
import type { AppError } from '../errors.ts';
import { forbidden, unauthorized } from '../errors.ts';
import { permissions, roleMay, type Permission } from './permissions.ts';
import { FEDERAL, type ActorContext, type Principal } from './principal.ts';

export interface Target {
  /**
   * Whose data: a region code, or 'federal' for data only federal users may touch (defaults,
   * users without a region). Omit for data that has no region.
   */
  region?: string | null;
  /**
   * The error to give a user of another region instead of 403, so that ids of other regions'
   * records do not even reveal that they exist.
   */
  notFound?: AppError;
}

/**
 * Throws unless the actor may perform `permission` on `target`. Returns the principal (null for
 * the command line and the system, which act with full rights).
 */
/** The signed-in principal, or 401 (with "sign in again" when the session has just ended). */
export function requirePrincipal(ctx: ActorContext): Principal {
  if (ctx.principal) return ctx.principal;
  if (ctx.sessionEnded) throw unauthorized('auth.session_ended', 'Your session has ended; sign in again.');
  throw unauthorized('auth.required', 'Sign in first: this needs a session or an API token.');
}

export function authorize(ctx: ActorContext, permission: Permission, target: Target = {}): Principal | null {
  if (ctx.via === 'cli' || ctx.via === 'system') return null;
  const p = requirePrincipal(ctx);
  if (p.scopes && !p.scopes.some((scope) => permission === scope || permission.startsWith(`${scope}.`))) {
    throw forbidden('auth.token_scope', `This API token is limited to ${p.scopes.join(', ')}; it may not do ${permission}.`);
  }
  if (!roleMay(p.role, permission)) {
    throw forbidden('auth.forbidden', `Your role (${p.role}) may not do this (${permission}); it needs one of: ${permissions[permission].join(', ')}.`);
  }
  if (target.region !== undefined && p.region !== FEDERAL) {
    const region = target.region ?? FEDERAL;
    if (region !== p.region) {
      if (target.notFound) throw target.notFound;
      throw forbidden(
        'auth.region_forbidden',
        region === FEDERAL ? `Your account works in region ${p.region}; this needs a federal account.` : `Your account works in region ${p.region}; region ${region} is not yours.`,
      );
    }
  }
  return p;
}

/**
 * The region filter for a list: a regional user sees only their region (asking for another is
 * refused); a federal user sees the region asked for, or all.
 */
export function regionFilter(ctx: ActorContext, requested: string | undefined): string | undefined {
  const p = ctx.principal;
  if (!p || p.region === FEDERAL) return requested;
  if (requested !== undefined && requested !== p.region) {
    throw forbidden('auth.region_forbidden', `Your account works in region ${p.region}; region ${requested} is not yours.`);
  }
  return p.region;
}
