// The regions module's public face: what other modules and the app may use.
export { RegionsService, effectiveSettings } from './service.ts';
export { regionsRoutes } from './routes.ts';
export { demoRegionsFile, readRegionsFile, parseRegions, RegionsFileError } from './import-file.ts';
export type { Region, Norms, Hours, RegionSettings } from './schema.ts';
export { utcOffsetMinutes } from './time.ts';
export type { RegionsTopics, RegionsImported, SettingsChanged } from './events.ts';
/** Every region's time zone, read in the caller's transaction (for other modules' derived tables). */
export { selectTimeZones as regionTimeZones } from './queries.ts';
