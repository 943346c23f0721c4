// Each region's IVR menu: a digit per knowledge-base section, the greeting and how long to wait
// for a choice. The SIP edge reads it; admins of the region change it; staff may look at it.
import { authorize } from '../platform/access/authorize.ts';
import type { Permission } from '../platform/access/permissions.ts';
import type { ActorContext } from '../platform/access/principal.ts';
import type { AuditService } from '../platform/audit/service.ts';
import type { Db } from '../platform/db/database.ts';
import { badRequest, notFound } from '../platform/errors.ts';
import type { AnswersService } from '../knowledge/index.ts';
import { DEFAULT_TIMEOUT_SECONDS, defaultMenuItems } from './ivr-default-menu.ts';
import * as q from './ivr-menu-queries.ts';
import type { Queues } from './queues.ts';

export interface IvrMenu {
  region: string;
  greeting?: string;
  timeoutSeconds: number;
  items: q.IvrItem[];
  /** false: the region has not set its own menu; this is the default. */
  stored: boolean;
  updatedAt: string | null;
}

export interface IvrMenuInput {
  greeting?: string | null | undefined;
  timeoutSeconds: number;
  items: q.IvrItem[];
}

export class IvrMenuService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly queues: Queues,
    /** The knowledge base's sections, which menu items must name. */
    private readonly knowledge: Pick<AnswersService, 'sections'>,
  ) {}

  /** Another region's menu and a region that does not exist are the same 404 to a regional user. */
  private checkRegion(ctx: ActorContext, region: string, permission: Permission): void {
    const missing = notFound('region.not_found', `There is no region ${region}; GET /api/v1/regions lists them.`);
    // (every region has its queues: they are made when regions are imported)
    if (!this.queues.ofRegion(region).length) {
      authorize(ctx, permission);
      throw missing;
    }
    authorize(ctx, permission, { region, notFound: missing });
  }

  async get(ctx: ActorContext, region: string): Promise<IvrMenu> {
    this.checkRegion(ctx, region, 'telephony.ivr_menu');
    const row = await q.menuOf(this.db, region);
    if (!row) return { region, timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, items: defaultMenuItems(), stored: false, updatedAt: null };
    return { region, ...(row.greeting ? { greeting: row.greeting } : {}), timeoutSeconds: row.timeout_seconds, items: row.items, stored: true, updatedAt: row.updated_at.toISOString() };
  }

  async set(ctx: ActorContext, region: string, input: IvrMenuInput): Promise<IvrMenu> {
    this.checkRegion(ctx, region, 'ivr_menu.write');
    const known = new Set((await this.knowledge.sections()).map((s) => s.name));
    const unknown = input.items.flatMap((item, i) => (known.has(item.section) ? [] : [{ i, section: item.section }]));
    if (unknown.length) {
      const listed = known.size ? `its sections are: ${[...known].join('; ')}` : 'it has no published sections yet';
      throw badRequest('ivr_menu.unknown_section', `The knowledge base has no section ${unknown.map((u) => `"${u.section}"`).join(', ')}; ${listed}.`, {
        errors: unknown.map((u) => ({ path: `body.items.${u.i}.section`, message: `no section "${u.section}" in the knowledge base` })),
      });
    }
    const menu = { greeting: input.greeting ?? null, timeoutSeconds: input.timeoutSeconds, items: input.items };
    await this.db.transaction(async (tx) => {
      await q.saveMenu(tx, region, menu);
      await this.audit.record(ctx, { action: 'ivr_menu.update', targetType: 'region', targetId: region, region, details: menu }, tx);
    });
    return this.get(ctx, region);
  }
}
