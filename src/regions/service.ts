// Regions and their call-centre settings. The list of regions and their hours are public (the
// portal shows them); settings with norms are staff data, each region's own.
import { authorize } from '../platform/access/authorize.ts';
import { FEDERAL, type ActorContext } from '../platform/access/principal.ts';
import type { AuditService } from '../platform/audit/service.ts';
import type { Db } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import { regionsTopics } from './events.ts';
import * as q from './queries.ts';
import type { Defaults, Hours, Norms, Overrides, Region, RegionRecord, RegionSettings } from './schema.ts';
import { utcOffsetMinutes } from './time.ts';

const regionNotFound = (code: string) => notFound('region.not_found', `There is no region ${code}; GET /api/v1/regions lists them.`);

function present(r: q.RegionRow): Region {
  return {
    code: r.code,
    name: r.name,
    federalDistrict: r.federal_district,
    timezone: r.timezone,
    utcOffsetMinutes: utcOffsetMinutes(r.timezone),
    population: r.population,
  };
}

export function effectiveSettings(defaults: Defaults, overrides: Overrides): Defaults {
  return {
    hours: { ...defaults.hours, ...overrides.hours } as Hours,
    norms: { ...defaults.norms, ...overrides.norms } as Norms,
  };
}

export interface ImportSummary {
  inserted: number;
  updated: number;
  unchanged: number;
}

export class RegionsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<Region[]> {
    return (await q.selectRegions(this.db)).map(present);
  }

  async get(code: string): Promise<Region> {
    const row = await q.regionByCode(this.db, code);
    if (!row) throw regionNotFound(code);
    return present(row);
  }

  count(): Promise<number> {
    return q.countRegions(this.db);
  }

  async codes(): Promise<string[]> {
    return (await q.selectRegions(this.db)).map((r) => r.code);
  }

  /** Time zone and effective norms of a region's call centre, for other modules' calculations. */
  async callCentre(code: string): Promise<{ timezone: string; norms: Norms; hours: Hours }> {
    const region = await q.regionByCode(this.db, code);
    if (!region) throw regionNotFound(code);
    const defaults = await q.selectDefaults(this.db);
    const row = await q.selectOverrides(this.db, code);
    const eff = effectiveSettings({ hours: defaults.hours, norms: defaults.norms }, { hours: row?.hours ?? {}, norms: row?.norms ?? {} });
    return { timezone: region.timezone, ...eff };
  }

  /** Every region's name, time zone and effective settings at once (the coordination centre's view). */
  async callCentres(): Promise<Map<string, { name: string; timezone: string; population: number; norms: Norms; hours: Hours }>> {
    const [regions, defaults, overrides] = await Promise.all([q.selectRegions(this.db), q.selectDefaults(this.db), q.selectAllOverrides(this.db)]);
    const byCode = new Map(overrides.map((o) => [o.region_code, o]));
    return new Map(
      regions.map((r) => {
        const o = byCode.get(r.code);
        const eff = effectiveSettings({ hours: defaults.hours, norms: defaults.norms }, { hours: o?.hours ?? {}, norms: o?.norms ?? {} });
        return [r.code, { name: r.name, timezone: r.timezone, population: r.population, ...eff }];
      }),
    );
  }

  async defaults(ctx: ActorContext): Promise<Defaults> {
    authorize(ctx, 'regions.settings.read');
    const { hours, norms } = await q.selectDefaults(this.db);
    return { hours, norms };
  }

  async updateDefaults(ctx: ActorContext, next: Defaults): Promise<Defaults> {
    authorize(ctx, 'regions.settings.write', { region: FEDERAL });
    await this.db.transaction(async (tx) => {
      const before = await q.selectDefaults(tx);
      await q.updateDefaults(tx, next, ctx.principal?.username ?? ctx.name ?? null);
      await this.audit.record(
        ctx,
        {
          action: 'settings.defaults_update',
          targetType: 'call_centre_defaults',
          details: { before: { hours: before.hours, norms: before.norms }, after: next },
        },
        tx,
      );
      // every region without its own value follows the defaults
      await regionsTopics.publish(tx, 'regions.settings.changed', { region: null });
    });
    return next;
  }

  async settings(ctx: ActorContext, code: string): Promise<RegionSettings> {
    authorize(ctx, 'regions.settings.read', { region: code });
    const region = await q.regionByCode(this.db, code);
    if (!region) throw regionNotFound(code);
    const defaults = await q.selectDefaults(this.db);
    const row = await q.selectOverrides(this.db, code);
    const overrides: Overrides = { hours: row?.hours ?? {}, norms: row?.norms ?? {} };
    return {
      region: code,
      timezone: region.timezone,
      effective: effectiveSettings({ hours: defaults.hours, norms: defaults.norms }, overrides),
      overrides,
      updatedAt: row?.updated_at.toISOString() ?? null,
      updatedBy: row?.updated_by ?? null,
    };
  }

  /** Replaces the region's overrides; a key left out falls back to the federal default. */
  async updateSettings(ctx: ActorContext, code: string, overrides: Overrides): Promise<RegionSettings> {
    authorize(ctx, 'regions.settings.write', { region: code });
    if (!(await q.regionByCode(this.db, code))) throw regionNotFound(code);
    await this.db.transaction(async (tx) => {
      const before = await q.selectOverrides(tx, code);
      await q.upsertOverrides(tx, code, overrides, ctx.principal?.username ?? ctx.name ?? null);
      await this.audit.record(
        ctx,
        {
          action: 'settings.region_update',
          targetType: 'region',
          targetId: code,
          region: code,
          details: { before: before ? { hours: before.hours, norms: before.norms } : null, after: overrides },
        },
        tx,
      );
      await regionsTopics.publish(tx, 'regions.settings.changed', { region: code });
    });
    return this.settings(ctx, code);
  }

  /** Upserts regions by code in one transaction: all of them or none. */
  async importRecords(ctx: ActorContext, records: RegionRecord[], onProgress?: (done: number, total: number) => void): Promise<ImportSummary> {
    authorize(ctx, 'regions.import', { region: FEDERAL });
    const summary: ImportSummary = { inserted: 0, updated: 0, unchanged: 0 };
    await this.db.transaction(async (tx) => {
      for (const [i, r] of records.entries()) {
        summary[await q.upsertRegion(tx, r)]++;
        onProgress?.(i + 1, records.length);
      }
      await this.audit.record(ctx, { action: 'regions.import', targetType: 'region', details: { ...summary } }, tx);
      await regionsTopics.publish(tx, 'regions.imported', { codes: records.map((r) => r.code) });
    });
    return summary;
  }
}
