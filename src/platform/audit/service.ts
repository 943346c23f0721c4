// The audit log: every admin and editor action and every read of personal data, with who, what,
// when and from where. Call record() inside the transaction of the change it describes, so the
// change and its record commit together.
import { authorize, regionFilter } from '../access/authorize.ts';
import { FEDERAL, type ActorContext } from '../access/principal.ts';
import type { Db, Queryable } from '../db/database.ts';
import { insertAudit, selectAudit, type AuditRow } from './queries.ts';

export interface AuditEntry {
  /** dotted verb: `user.create`, `auth.login_failed`, `appeal.read_personal` */
  action: string;
  targetType?: string;
  targetId?: string | number;
  /** The region whose data was touched; null/undefined when federal or none. */
  region?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: { userId: number | null; username: string | null; role: string | null; region: string | null; via: string };
  action: string;
  target: { type: string | null; id: string | null };
  region: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

function present(r: AuditRow): AuditRecord {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor: { userId: r.actor_user_id, username: r.actor_username, role: r.actor_role, region: r.actor_region, via: r.via },
    action: r.action,
    target: { type: r.target_type, id: r.target_id },
    region: r.region_code,
    ip: r.ip,
    userAgent: r.user_agent,
    requestId: r.request_id,
    details: r.details,
  };
}

export interface AuditQuery {
  region?: string;
  action?: string;
  actor?: string;
  targetType?: string;
  targetId?: string;
  /** without the reads: actions named by the platform's convention *.list, *.read, *.read_…, *_read */
  changesOnly?: boolean;
  from?: Date;
  to?: Date;
  before?: number;
  limit?: number;
}

export class AuditService {
  constructor(private readonly db: Db) {}

  async record(ctx: ActorContext, entry: AuditEntry, tx: Queryable = this.db): Promise<void> {
    const p = ctx.principal;
    await insertAudit(tx, {
      actor_user_id: p?.userId ?? null,
      actor_username: p?.username ?? ctx.name ?? null,
      actor_role: p?.role ?? null,
      actor_region: p?.region ?? null,
      via: p ? p.via : ctx.via,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId === undefined ? null : String(entry.targetId),
      region_code: entry.region ?? null,
      ip: ctx.ip ?? null,
      user_agent: ctx.userAgent?.slice(0, 500) ?? null,
      request_id: ctx.requestId ?? null,
      details: entry.details ?? {},
    });
  }

  /** Admins read the log; a regional admin sees the records of their region only. */
  async list(ctx: ActorContext, q: AuditQuery): Promise<{ items: AuditRecord[]; nextBefore: number | null }> {
    authorize(ctx, 'audit.read');
    const region = regionFilter(ctx, q.region);
    const limit = q.limit ?? 100;
    const rows = await selectAudit(this.db, { ...q, region: region === FEDERAL ? null : region, limit });
    await this.record(ctx, { action: 'audit.read', region: region ?? null, details: { filter: { ...q, region } } });
    return { items: rows.map(present), nextBefore: rows.length === limit ? rows[rows.length - 1]!.id : null };
  }
}
