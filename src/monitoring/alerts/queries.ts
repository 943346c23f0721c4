// SQL of alerts: open, update, close, list.
import type { Queryable } from '../../platform/db/database.ts';

export interface AlertRow {
  id: string;
  region_code: string;
  kind: string;
  started_at: Date;
  ended_at: Date | null;
  target: number;
  value_at_start: number;
  worst_value: number;
  last_value: number | null;
  calls_at_start: number;
}

export async function openAlerts(db: Queryable): Promise<AlertRow[]> {
  return (await db.query<AlertRow>('SELECT * FROM mon_alerts WHERE ended_at IS NULL ORDER BY started_at, region_code')).rows;
}

export async function insertAlert(db: Queryable, a: { region: string; kind: string; at: Date; target: number; value: number; calls: number }): Promise<AlertRow | undefined> {
  const r = await db.query<AlertRow>(
    `INSERT INTO mon_alerts (region_code, kind, started_at, target, value_at_start, worst_value, last_value, calls_at_start)
     VALUES ($1, $2, $3, $4, $5, $5, $5, $6) ON CONFLICT (region_code, kind) WHERE ended_at IS NULL DO NOTHING RETURNING *`,
    [a.region, a.kind, a.at, a.target, a.value, a.calls],
  );
  return r.rows[0];
}

export async function updateAlert(db: Queryable, id: string, value: number): Promise<void> {
  await db.query('UPDATE mon_alerts SET last_value = $2, worst_value = least(worst_value, $2) WHERE id = $1 AND ended_at IS NULL', [id, value]);
}

export async function closeAlert(db: Queryable, id: string, at: Date, value: number | null): Promise<AlertRow | undefined> {
  const r = await db.query<AlertRow>('UPDATE mon_alerts SET ended_at = $2, last_value = coalesce($3, last_value) WHERE id = $1 AND ended_at IS NULL RETURNING *', [id, at, value]);
  return r.rows[0];
}

export async function alertsBetween(db: Queryable, f: { from: Date; to: Date; regions?: string[]; limit: number }): Promise<AlertRow[]> {
  const r = await db.query<AlertRow>(
    `SELECT * FROM mon_alerts WHERE started_at < $2 AND (ended_at IS NULL OR ended_at >= $1)
        AND ($3::text[] IS NULL OR region_code = ANY($3::text[]))
      ORDER BY started_at DESC, id DESC LIMIT $4`,
    [f.from, f.to, f.regions ?? null, f.limit],
  );
  return r.rows;
}
