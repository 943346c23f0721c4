// The regions module's public face: what other modules and the app may use.
import type { AuditService } from '../platform/audit/service.ts';
import type { Db } from '../platform/db/database.ts';
import { RegionsService } from './service.ts';

export { RegionsService };
export { effectiveSettings } from './service.ts';
export { regionsRoutes } from './routes.ts';
export { demoRegionsFile, readRegionsFile, parseRegions, RegionsFileError } from './import-file.ts';
export type { Region, Norms, Hours, RegionSettings } from './schema.ts';
export { utcOffsetMinutes } from './time.ts';
export type { RegionsTopics, RegionsImported, SettingsChanged } from './events.ts';
/** Every region's time zone, read in the caller's transaction (for other modules' derived tables). */
export { selectTimeZones as regionTimeZones } from './queries.ts';

export interface RegionsOptions {
  db: Db;
  audit: AuditService;
}

/** The regions module's services. */
export function createRegions(o: RegionsOptions) {
  return { regions: new RegionsService(o.db, o.audit) };
}
