import type { Queryable } from '../db/database.ts';

export interface AuditRow {
  id: number;
  at: Date;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_role: string | null;
  actor_region: string | null;
  via: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  region_code: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
}

export type NewAuditRow = Omit<AuditRow, 'id' | 'at'>;

export async function insertAudit(db: Queryable, row: NewAuditRow): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_user_id, actor_username, actor_role, actor_region, via, action, target_type,
       target_id, region_code, ip, user_agent, request_id, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      row.actor_user_id,
      row.actor_username,
      row.actor_role,
      row.actor_region,
      row.via,
      row.action,
      row.target_type,
      row.target_id,
      row.region_code,
      row.ip,
      row.user_agent,
      row.request_id,
      JSON.stringify(row.details),
    ],
  );
}

export interface AuditFilter {
  /** a code, null for federal records, undefined for all */
  region?: string | null;
  action?: string;
  actor?: string;
  targetType?: string;
  targetId?: string;
  /** without the reads: actions named by the platform's convention *.list, *.read, *.read_…, *_read */
  changesOnly?: boolean;
  from?: Date;
  to?: Date;
  before?: number;
  limit: number;
}

export async function selectAudit(db: Queryable, f: AuditFilter): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (f.region === null) where.push('region_code IS NULL');
  else if (f.region !== undefined) where.push(`region_code = ${param(f.region)}`);
  if (f.action !== undefined) {
    // "user" matches user.create, user.disable, …
    const prefix = `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`;
    where.push(`(action = ${param(f.action)} OR action LIKE ${param(prefix)})`);
  }
  if (f.actor !== undefined) where.push(`actor_username = ${param(f.actor)}`);
  if (f.targetType !== undefined) where.push(`target_type = ${param(f.targetType)}`);
  if (f.targetId !== undefined) where.push(`target_id = ${param(f.targetId)}`);
  if (f.changesOnly) where.push(`action !~ '(\\.(list|read)(_[a-z_]+)?|_read)$'`);
  if (f.from !== undefined) where.push(`at >= ${param(f.from)}`);
  if (f.to !== undefined) where.push(`at < ${param(f.to)}`);
  if (f.before !== undefined) where.push(`id < ${param(f.before)}`);
  const r = await db.query<AuditRow>(`SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${param(f.limit)}`, params);
  return r.rows;
}
