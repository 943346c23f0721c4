// Appeal types, organisations and who answers what where, as admins keep them: read from the
// database and kept in memory a short while (every intake reads them; they change rarely). A
// change on this node is seen at once; another node's within CACHE_MS.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { authorize, regionFilter } from '../platform/access/authorize.ts';
import { roleMay } from '../platform/access/permissions.ts';
import { FEDERAL, type ActorContext, type Role } from '../platform/access/principal.ts';
import type { AuditService } from '../platform/audit/service.ts';
import type { Db } from '../platform/db/database.ts';
import { badRequest, notFound } from '../platform/errors.ts';
import * as q from './types-queries.ts';
import { appealTypeSchema, organisationSchema, type AppealType, type AppealTypeInput, type Organisation, type Route } from './types-schema.ts';

const CACHE_MS = 10_000;

/** What the catalog knows of staff accounts (the platform's directory): by id, unknown ones absent. */
export type People = (ids: number[]) => Promise<Map<number, { id: number; username: string; displayName: string; region: string; role: Role }>>;

/** An agency officer and the organisation they work for; username null: no such account (attached before accounts were checked). */
export interface Officer {
  userId: number;
  username: string | null;
  displayName: string | null;
  region: string | null;
  organisation: { code: string; name: string; region: string | null };
}

interface Snapshot {
  types: Map<string, AppealType>;
  organisations: Map<number, Organisation>;
  byCode: Map<string, Organisation>;
  /** type -> region ('*' for the rest) -> organisation id */
  routes: Map<string, Map<string, number>>;
  at: number;
}

export class AppealsCatalog {
  private snapshot: Snapshot | undefined;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    /** The regions (the demo's organisations are made for each). */
    private readonly regions: () => Promise<{ code: string; name: string }[]>,
    private readonly people: People,
  ) {}

  private async read(): Promise<Snapshot> {
    if (this.snapshot && Date.now() - this.snapshot.at < CACHE_MS) return this.snapshot;
    const [types, orgs, routes] = await Promise.all([q.allTypes(this.db), q.allOrganisations(this.db), q.allRoutes(this.db)]);
    const byType = new Map<string, Map<string, number>>();
    for (const r of routes) (byType.get(r.type_code) ?? byType.set(r.type_code, new Map()).get(r.type_code)!).set(r.region_code, r.organisation_id);
    this.snapshot = {
      types: new Map(types.map((t) => [t.code, t])),
      organisations: new Map(orgs.map((o) => [o.id, o])),
      byCode: new Map(orgs.map((o) => [o.code, o])),
      routes: byType,
      at: Date.now(),
    };
    return this.snapshot;
  }

  /** Forget what was read (a change was written). */
  forget(): void {
    this.snapshot = undefined;
  }

  async types(includeInactive = false): Promise<AppealType[]> {
    return [...(await this.read()).types.values()].filter((t) => includeInactive || t.active);
  }

  /** Every type, the inactive ones too: what admins edit. */
  async allTypes(ctx: ActorContext): Promise<AppealType[]> {
    authorize(ctx, 'appeals.catalog.write');
    return this.types(true);
  }

  async type(code: string): Promise<AppealType | undefined> {
    return (await this.read()).types.get(code);
  }

  async organisation(id: number): Promise<Organisation | undefined> {
    return (await this.read()).organisations.get(id);
  }

  async organisationByCode(code: string): Promise<Organisation | undefined> {
    return (await this.read()).byCode.get(code);
  }

  async organisations(): Promise<Organisation[]> {
    return [...(await this.read()).organisations.values()];
  }

  /** Who answers this type in this region: the region's own route, else the type's default ("*"). */
  async route(type: string, region: string): Promise<Organisation | undefined> {
    const s = await this.read();
    const routes = s.routes.get(type);
    const id = routes?.get(region) ?? routes?.get('*');
    return id === undefined ? undefined : s.organisations.get(id);
  }

  async routes(): Promise<Route[]> {
    const s = await this.read();
    return [...s.routes].flatMap(([type, m]) => [...m].map(([region, id]) => ({ type, region, organisation: s.organisations.get(id)?.code ?? String(id) })));
  }

  // --- what admins change -----------------------------------------------------------------------

  /** Types are the whole country's: federal admins only. */
  async saveType(ctx: ActorContext, input: AppealTypeInput): Promise<AppealType> {
    authorize(ctx, 'appeals.catalog.write', { region: null });
    const t = appealTypeSchema.parse(input);
    await this.db.transaction(async (tx) => {
      await q.upsertType(tx, t);
      await this.audit.record(ctx, { action: 'appeal_type.save', targetType: 'appeal_type', targetId: t.code, region: null, details: { fields: t.fields.length, active: t.active } }, tx);
    });
    this.forget();
    return t;
  }

  /** A region's admins keep their region's organisations; federal ones, federal admins. */
  async saveOrganisation(ctx: ActorContext, input: unknown): Promise<Organisation> {
    authorize(ctx, 'appeals.catalog.write');
    const o = organisationSchema.parse(input);
    const existing = await this.organisationByCode(o.code);
    // (both the region it is in and the one it would move to must be the admin's)
    for (const region of new Set([o.region, ...(existing ? [existing.region] : [])])) authorize(ctx, 'appeals.catalog.write', { region });
    if (o.timezone) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: o.timezone });
      } catch {
        throw badRequest('organisation.bad_timezone', `"${o.timezone}" is not a time zone (an IANA name such as Asia/Vladivostok).`);
      }
    }
    const saved = await this.db.transaction(async (tx) => {
      const row = await q.upsertOrganisation(tx, o);
      await this.audit.record(ctx, { action: 'organisation.save', targetType: 'organisation', targetId: row.code, region: row.region, details: { active: row.active } }, tx);
      return row;
    });
    this.forget();
    return saved;
  }

  /** A region's admins route their region; the default route ("*") is federal. */
  async saveRoute(ctx: ActorContext, r: Route): Promise<void> {
    authorize(ctx, 'appeals.catalog.write', { region: r.region === '*' ? null : r.region });
    if (!(await this.type(r.type))) throw notFound('appeal_type.not_found', `There is no appeal type "${r.type}".`);
    const org = await this.organisationByCode(r.organisation);
    if (!org) throw notFound('organisation.not_found', `There is no organisation "${r.organisation}".`);
    await this.db.transaction(async (tx) => {
      await q.setRoute(tx, r.type, r.region, org.id);
      await this.audit.record(ctx, { action: 'appeal_route.save', targetType: 'appeal_type', targetId: r.type, region: r.region === '*' ? null : r.region, details: { organisation: org.code } }, tx);
    });
    this.forget();
  }

  /**
   * An agency officer's organisation (an admin sets it). The account must be an agency officer's,
   * and one of a region works that region's organisations (or federal ones).
   */
  /** Staff accounts' display names by id, for the steps and comments an officer reads (unknown ids absent). */
  async staffNames(ids: number[]): Promise<Map<number, string>> {
    const people = await this.people([...new Set(ids)]);
    return new Map([...people].map(([id, p]) => [id, p.displayName]));
  }

  async setOfficer(ctx: ActorContext, userId: number, organisation: string | null): Promise<void> {
    authorize(ctx, 'appeals.catalog.write');
    const org = organisation === null ? null : await this.organisationByCode(organisation);
    if (organisation !== null && !org) throw notFound('organisation.not_found', `There is no organisation "${organisation}".`);
    const person = (await this.people([userId])).get(userId);
    const noAccount = notFound('user.not_found', `There is no account ${userId}.`);
    // (a detached row of an account that is gone may still be removed)
    if (!person && org) throw noAccount;
    // (the account, the organisation they join and the one they leave must all be the admin's)
    if (person) authorize(ctx, 'appeals.catalog.write', { region: person.region === FEDERAL ? null : person.region, notFound: noAccount });
    const current = await q.officerOrganisation(this.db, userId);
    for (const id of [org?.id, current ?? undefined]) if (id !== undefined) authorize(ctx, 'appeals.catalog.write', { region: (await this.organisation(id))?.region ?? null });
    if (person && org) {
      if (!roleMay(person.role, 'appeals.work')) throw badRequest('appeal_officer.not_an_officer', `${person.username} is a ${person.role}; only agency officers work appeals.`);
      if (org.region !== null && person.region !== FEDERAL && person.region !== org.region)
        throw badRequest('appeal_officer.other_region', `${person.username} works in region ${person.region}; ${org.code} is of region ${org.region}.`);
    }
    await this.db.transaction(async (tx) => {
      await q.setOfficer(tx, userId, org?.id ?? null);
      await this.audit.record(ctx, { action: 'appeal_officer.set', targetType: 'user', targetId: userId, region: org?.region ?? null, details: { organisation } }, tx);
    });
  }

  /**
   * Who is attached to which organisation: a region's admins see their region's organisations'
   * officers (federal organisations are federal admins'); federal admins every one, or one region's.
   */
  async officers(ctx: ActorContext, f: { region?: string } = {}): Promise<Officer[]> {
    authorize(ctx, 'appeals.catalog.write');
    const region = regionFilter(ctx, f.region);
    const s = await this.read();
    const orgs = [...s.organisations.values()].filter((o) => region === undefined || o.region === (region === FEDERAL ? null : region));
    const rows = await q.officersOf(
      this.db,
      orgs.map((o) => o.id),
    );
    const people = await this.people(rows.map((r) => r.user_id));
    return rows
      .map((r) => {
        const p = people.get(r.user_id);
        const o = s.organisations.get(r.organisation_id)!;
        return {
          userId: r.user_id,
          username: p?.username ?? null,
          displayName: p?.displayName ?? null,
          region: p?.region ?? null,
          organisation: { code: o.code, name: o.name, region: o.region },
        };
      })
      .sort((a, b) => a.organisation.code.localeCompare(b.organisation.code) || (a.displayName ?? '').localeCompare(b.displayName ?? '', 'ru'));
  }

  officerOrganisation(userId: number): Promise<number | null> {
    return q.officerOrganisation(this.db, userId);
  }

  /**
   * The demo's types and organisations (data/demo/appeals.json): federal ones as listed, regional
   * ones from a template per region, each type routed to its region's organisation.
   */
  async loadDemo(ctx: ActorContext, file: DemoCatalog = readDemoCatalog()): Promise<{ types: number; organisations: number; routes: number }> {
    authorize(ctx, 'appeals.catalog.write');
    const regions = await this.regions();
    const types = file.types.map((t) => appealTypeSchema.parse(t));
    const orgs = [
      ...file.organisations.map((o) => organisationSchema.parse(o)),
      ...regions.flatMap((r) =>
        file.regional.map((tpl) => {
          const code = tpl.code.replace('{region}', r.code);
          return organisationSchema.parse({ code, name: tpl.name.replace('{regionName}', r.name), region: r.code, email: tpl.email?.replace('{code}', code) ?? null });
        }),
      ),
    ];
    let routes = 0;
    await this.db.transaction(async (tx) => {
      for (const t of types) await q.upsertType(tx, t);
      const ids = new Map<string, number>();
      for (const o of orgs) ids.set(o.code, (await q.upsertOrganisation(tx, o)).id);
      const rows = regions.flatMap((r) => file.regional.flatMap((tpl) => tpl.types.map((type) => ({ type, region: r.code, organisationId: ids.get(tpl.code.replace('{region}', r.code))! }))));
      await q.setRoutes(tx, rows);
      routes = rows.length;
    });
    this.forget();
    return { types: types.length, organisations: orgs.length, routes };
  }
}

/** The demo's appeal types and organisations. */
export const demoAppealsFile = fileURLToPath(new URL('../../data/demo/appeals.json', import.meta.url));

export function readDemoCatalog(): DemoCatalog {
  return JSON.parse(fs.readFileSync(demoAppealsFile, 'utf8')) as DemoCatalog;
}

export interface DemoCatalog {
  organisations: unknown[];
  /** email: the organisation's address for notices, {code} standing for its code (the demo's are at agency.example, a name reserved for examples). */
  regional: { code: string; name: string; email?: string; types: string[] }[];
  types: AppealTypeInput[];
}
