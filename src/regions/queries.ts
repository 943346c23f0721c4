import type { Queryable } from '../platform/db/database.ts';
import type { Defaults, Overrides, RegionRecord } from './schema.ts';

export interface RegionRow {
  code: string;
  name: string;
  federal_district: string;
  timezone: string;
  population: number;
}

export async function selectRegions(db: Queryable): Promise<RegionRow[]> {
  return (await db.query<RegionRow>('SELECT code, name, federal_district, timezone, population FROM regions ORDER BY code')).rows;
}

export async function regionByCode(db: Queryable, code: string): Promise<RegionRow | undefined> {
  return (await db.query<RegionRow>('SELECT code, name, federal_district, timezone, population FROM regions WHERE code = $1', [code])).rows[0];
}

export async function upsertRegion(db: Queryable, r: RegionRecord): Promise<'inserted' | 'updated' | 'unchanged'> {
  const res = await db.query<{ inserted: boolean }>(
    `INSERT INTO regions (code, name, federal_district, timezone, population) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, federal_district = excluded.federal_district,
       timezone = excluded.timezone, population = excluded.population, updated_at = now()
     WHERE (regions.name, regions.federal_district, regions.timezone, regions.population)
       IS DISTINCT FROM (excluded.name, excluded.federal_district, excluded.timezone, excluded.population)
     RETURNING (xmax = 0) AS inserted`,
    [r.code, r.name, r.federal_district, r.timezone, r.population],
  );
  const row = res.rows[0];
  return !row ? 'unchanged' : row.inserted ? 'inserted' : 'updated';
}

export async function countRegions(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM regions')).rows[0]!.n;
}

export async function selectDefaults(db: Queryable): Promise<Defaults & { updated_at: Date; updated_by: string | null }> {
  return (await db.query<Defaults & { updated_at: Date; updated_by: string | null }>('SELECT hours, norms, updated_at, updated_by FROM call_centre_defaults')).rows[0]!;
}

export async function updateDefaults(db: Queryable, d: Defaults, by: string | null): Promise<void> {
  await db.query('UPDATE call_centre_defaults SET hours = $1, norms = $2, updated_at = now(), updated_by = $3', [JSON.stringify(d.hours), JSON.stringify(d.norms), by]);
}

export interface OverridesRow {
  hours: Overrides['hours'];
  norms: Overrides['norms'];
  updated_at: Date;
  updated_by: string | null;
}

export async function selectOverrides(db: Queryable, code: string): Promise<OverridesRow | undefined> {
  return (await db.query<OverridesRow>('SELECT hours, norms, updated_at, updated_by FROM region_settings WHERE region_code = $1', [code])).rows[0];
}

export async function upsertOverrides(db: Queryable, code: string, o: Overrides, by: string | null): Promise<void> {
  await db.query(
    `INSERT INTO region_settings (region_code, hours, norms, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (region_code) DO UPDATE SET hours = excluded.hours, norms = excluded.norms, updated_at = now(), updated_by = excluded.updated_by`,
    [code, JSON.stringify(o.hours), JSON.stringify(o.norms), by],
  );
}

export async function selectAllOverrides(db: Queryable): Promise<(OverridesRow & { region_code: string })[]> {
  return (await db.query<OverridesRow & { region_code: string }>('SELECT region_code, hours, norms, updated_at, updated_by FROM region_settings')).rows;
}

export async function selectTimeZones(db: Queryable): Promise<Map<string, string>> {
  const r = await db.query<{ code: string; timezone: string }>('SELECT code, timezone FROM regions');
  return new Map(r.rows.map((x) => [x.code, x.timezone]));
}
