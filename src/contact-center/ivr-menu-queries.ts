// SQL of regions' IVR menus (cc_ivr_menus).
import type { Queryable } from '../platform/db/database.ts';

export interface IvrItem {
  digit: string;
  section: string;
}

export interface IvrMenuRow {
  region_code: string;
  greeting: string | null;
  timeout_seconds: number;
  items: IvrItem[];
  updated_at: Date;
}

export async function menuOf(db: Queryable, region: string): Promise<IvrMenuRow | undefined> {
  return (await db.query<IvrMenuRow>('SELECT * FROM cc_ivr_menus WHERE region_code = $1', [region])).rows[0];
}

export async function saveMenu(tx: Queryable, region: string, m: { greeting: string | null; timeoutSeconds: number; items: IvrItem[] }): Promise<void> {
  await tx.query(
    `INSERT INTO cc_ivr_menus (region_code, greeting, timeout_seconds, items) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT (region_code) DO UPDATE SET greeting = excluded.greeting, timeout_seconds = excluded.timeout_seconds, items = excluded.items, updated_at = now()`,
    [region, m.greeting, m.timeoutSeconds, JSON.stringify(m.items)],
  );
}
