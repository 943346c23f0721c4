// SQL of appeal types, organisations, the routing table and agency officers' organisations.
import type { Queryable } from '../platform/db/database.ts';
import type { AppealType, DeadlineRules, Field, Organisation } from './types-schema.ts';

interface TypeRow {
  code: string;
  name: string;
  description: string;
  fields: Field[];
  deadlines: DeadlineRules;
  consent_text: string;
  active: boolean;
}

const typeOf = (r: TypeRow): AppealType => ({
  code: r.code,
  name: r.name,
  description: r.description,
  fields: r.fields,
  deadlines: r.deadlines,
  consentText: r.consent_text,
  active: r.active,
});

export async function allTypes(db: Queryable): Promise<AppealType[]> {
  return (await db.query<TypeRow>('SELECT * FROM ap_types ORDER BY code')).rows.map(typeOf);
}

export async function upsertType(db: Queryable, t: AppealType): Promise<void> {
  await db.query(
    `INSERT INTO ap_types (code, name, description, fields, deadlines, consent_text, active, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (code) DO UPDATE SET name = $2, description = $3, fields = $4, deadlines = $5, consent_text = $6, active = $7, updated_at = now()`,
    [t.code, t.name, t.description, JSON.stringify(t.fields), JSON.stringify(t.deadlines), t.consentText, t.active],
  );
}

interface OrgRow {
  id: number;
  code: string;
  name: string;
  region_code: string | null;
  timezone: string | null;
  email: string | null;
  active: boolean;
}

const orgOf = (r: OrgRow): Organisation => ({ id: r.id, code: r.code, name: r.name, region: r.region_code, timezone: r.timezone, email: r.email, active: r.active });

export async function allOrganisations(db: Queryable): Promise<Organisation[]> {
  return (await db.query<OrgRow>('SELECT * FROM ap_organisations ORDER BY region_code NULLS FIRST, code')).rows.map(orgOf);
}

export async function upsertOrganisation(db: Queryable, o: Omit<Organisation, 'id'>): Promise<Organisation> {
  const r = await db.query<OrgRow>(
    `INSERT INTO ap_organisations (code, name, region_code, timezone, email, active, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (code) DO UPDATE SET name = $2, region_code = $3, timezone = $4, email = $5, active = $6, updated_at = now()
     RETURNING *`,
    [o.code, o.name, o.region, o.timezone, o.email, o.active],
  );
  return orgOf(r.rows[0]!);
}

export async function allRoutes(db: Queryable): Promise<{ type_code: string; region_code: string; organisation_id: number }[]> {
  return (await db.query<{ type_code: string; region_code: string; organisation_id: number }>('SELECT * FROM ap_routes ORDER BY type_code, region_code')).rows;
}

export async function setRoute(db: Queryable, type: string, region: string, organisationId: number): Promise<void> {
  await db.query(
    `INSERT INTO ap_routes (type_code, region_code, organisation_id) VALUES ($1, $2, $3)
     ON CONFLICT (type_code, region_code) DO UPDATE SET organisation_id = $3`,
    [type, region, organisationId],
  );
}

/** Many routes at once (the demo's, an import's). */
export async function setRoutes(db: Queryable, rows: { type: string; region: string; organisationId: number }[]): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO ap_routes (type_code, region_code, organisation_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
     ON CONFLICT (type_code, region_code) DO UPDATE SET organisation_id = excluded.organisation_id`,
    [rows.map((r) => r.type), rows.map((r) => r.region), rows.map((r) => r.organisationId)],
  );
}

export async function officerOrganisation(db: Queryable, userId: number): Promise<number | null> {
  return (await db.query<{ organisation_id: number }>('SELECT organisation_id FROM ap_officers WHERE user_id = $1', [userId])).rows[0]?.organisation_id ?? null;
}

export async function setOfficer(db: Queryable, userId: number, organisationId: number | null): Promise<void> {
  if (organisationId === null) await db.query('DELETE FROM ap_officers WHERE user_id = $1', [userId]);
  else await db.query('INSERT INTO ap_officers (user_id, organisation_id) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET organisation_id = $2', [userId, organisationId]);
}

/** The officers attached to these organisations. */
export async function officersOf(db: Queryable, organisationIds: number[]): Promise<{ user_id: number; organisation_id: number }[]> {
  if (!organisationIds.length) return [];
  return (await db.query<{ user_id: number; organisation_id: number }>('SELECT user_id, organisation_id FROM ap_officers WHERE organisation_id = ANY($1::int[]) ORDER BY user_id', [organisationIds]))
    .rows;
}
