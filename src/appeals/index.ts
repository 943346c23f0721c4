// The appeals module's public face: what the app, the CLI and the demo use.
import type { AuditService } from '../platform/audit/service.ts';
import { Directory } from '../platform/auth/directory.ts';
import type { Db } from '../platform/db/database.ts';
import { AppealsCatalog } from './catalog.ts';
import { AppealFigures } from './figures.ts';
import { AppealIntake } from './intake.ts';
import { Open311Service } from './open311-service.ts';
import { RegionZones } from './region-zones.ts';
import type { Sealer } from './sealer.ts';
import { AppealsWork } from './work.ts';

export { appealsRoutes } from './routes.ts';
export { appealPageRoutes, type AnswerSearch } from './page-routes.ts';
export { open311Routes } from './open311-routes.ts';
export { demoAppealsFile, readDemoCatalog, type DemoCatalog } from './catalog.ts';
export type { Sealer } from './sealer.ts';
export { AppealsCatalog, AppealIntake, AppealsWork, AppealFigures };

export interface AppealsOptions {
  db: Db;
  audit: AuditService;
  /** Seals the appellants' data (the platform's vault). */
  sealer: Sealer;
  /** Keys the hashes of status codes and of the duplicate check. */
  secretKey: Buffer;
  /** The regions and their time zones (the regions module's list). */
  regions: () => Promise<{ code: string; name: string; timezone: string }[]>;
  clock?: () => Date;
}

export function createAppeals(o: AppealsOptions) {
  // (officers' names and roles: the platform's directory of accounts, never the users table itself)
  const directory = new Directory(o.db);
  const catalog = new AppealsCatalog(o.db, o.audit, o.regions, (ids) => directory.byIds(ids));
  const zones = new RegionZones(o.regions);
  const timezoneOf = (region: string) => zones.zone(region);
  return {
    appealsCatalog: catalog,
    appealIntake: new AppealIntake(o.db, catalog, o.sealer, o.secretKey, timezoneOf, (region) => zones.exists(region), o.clock),
    appealsWork: new AppealsWork(o.db, o.audit, catalog, o.sealer, o.secretKey, timezoneOf, o.clock),
    open311: new Open311Service(o.db, catalog, o.clock),
    // the coordination centre's figures (counts only), handed to monitoring by the composition root
    appealFigures: new AppealFigures(o.db, catalog, o.regions, o.clock),
  };
}

// E-mail notices to appellants: the appeals.changed topic, the notifier and sender, the demo mailbox.
export { appealsTopics, type AppealsTopics, type AppealChanged } from './events.ts';
export { AppealMail, type MailMode } from './notify.ts';
export { subscribeAppeals } from './subscribe.ts';
export { mailboxRoutes } from './mailbox-routes.ts';
