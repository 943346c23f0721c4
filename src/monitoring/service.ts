// The coordination centre's reads (wallboard, alerts) and subscribers, scoped by role and region;
// and the loops one node runs: alert evaluation and webhook delivery.
import { authorize, regionFilter } from '../platform/access/authorize.ts';
import type { ActorContext } from '../platform/access/principal.ts';
import type { AuditService } from '../platform/audit/service.ts';
import type { Db } from '../platform/db/database.ts';
import { badRequest, notFound } from '../platform/errors.ts';
import { LeaderLoop } from '../platform/jobs.ts';
import type { Logger } from '../platform/logger.ts';
import type { AppealSources } from './appeal-sources.ts';
import { AlertEvaluator, presentAlert } from './alerts/evaluator.ts';
import * as alerts from './alerts/queries.ts';
import * as hooks from './alerts/webhooks.ts';
import { intradayCurve } from './intraday.ts';
import { nationalToday, type LiveFigures, type RegionFigures } from './live-figures.ts';
import { topTopics } from './rollups/queries.ts';
import { surgingTopics, type TrendWindow } from './trends.ts';

const EVALUATE_MS = 5000;

export type Clock = () => Date;

/** Knowledge-base searches that found nothing today (the knowledge module's statistics). */
export type UnansweredSearches = (ctx: ActorContext, limit: number) => Promise<{ query: string; searches: number }[]>;

export class MonitoringService {
  private readonly loop: LeaderLoop;
  readonly evaluator: AlertEvaluator;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly audit: AuditService,
    readonly live: LiveFigures,
    readonly clock: Clock,
    private readonly unansweredSearches: UnansweredSearches,
    /** Citizens' appeals open now and overdue, per region (the appeals module's counts). */
    private readonly openAppeals: AppealSources['open'],
    /** Brings the rollups up to what is committed. */
    private readonly fresh: () => Promise<void> = async () => {},
  ) {
    this.evaluator = new AlertEvaluator(db, log, live);
    this.loop = new LeaderLoop({
      db,
      lock: 'alerts',
      everyMs: EVALUATE_MS,
      run: async () => {
        await this.evaluator.evaluate(this.clock());
        await hooks.deliverDue(this.db, this.log);
      },
      failed: (err) => this.log.error({ err }, 'monitoring: evaluation failed; retrying on the next tick'),
      noLock: (err) => this.log.error({ err }, 'monitoring: could not take the evaluation lock; alerts are not evaluated on this node'),
    });
  }

  /** What a wallboard shows; a regional user's shows their region only. */
  async wallboard(ctx: ActorContext) {
    authorize(ctx, 'monitoring.read');
    return this.snapshot(regionFilter(ctx, undefined));
  }

  /** The wallboard's content for all regions, or for one (no access check: callers check). */
  async snapshot(only?: string) {
    const now = this.clock();
    const scope = only ? [only] : undefined;
    // the rollups caught up first, then the three reads at once: as slow as the slowest, not their sum
    await this.fresh();
    const [all, topics, open] = await Promise.all([
      this.live.regions(now, { caughtUp: true }),
      topTopics(this.db, new Date(now.getTime() - 3_600_000), new Date(now.getTime() + 1), 10, scope),
      alerts.openAlerts(this.db),
    ]);
    const regions = only ? all.filter((r) => r.code === only) : all;
    const names = new Map(all.map((r) => [r.code, r.name]));
    return {
      at: now.toISOString(),
      national: nationalToday(regions),
      regions: regions.map(presentRegion),
      topTopics: topics,
      alerts: open.filter((a) => !only || a.region_code === only).map((a) => presentAlert(a, names.get(a.region_code))),
    };
  }

  /** Today by 15 minutes beside the same weekday a week before: a region's local day, or the country's on Moscow time; a regional user's is their region's. */
  async intraday(ctx: ActorContext, region?: string) {
    authorize(ctx, 'monitoring.read');
    const r = regionFilter(ctx, region);
    const centres = await this.live.callCentres();
    if (r && !centres.has(r)) throw notFound('region.not_found', `There is no region ${r}.`);
    await this.fresh();
    return intradayCurve(this.db, centres, this.clock(), r);
  }

  /** A region's appeals open now, overdue among them and their share: counts, never content (the wallboard's region detail). */
  async regionAppeals(ctx: ActorContext, region: string) {
    authorize(ctx, 'monitoring.read');
    regionFilter(ctx, region);
    const [r] = await this.openAppeals([region]);
    return { region, at: this.clock().toISOString(), open: r?.open ?? 0, overdue: r?.overdue ?? 0, overdueShare: r?.overdueShare ?? null };
  }

  /** What people ask now: surging topics and searches without an answer. */
  async trends(ctx: ActorContext, window: TrendWindow, region?: string) {
    authorize(ctx, 'trends.read');
    const r = regionFilter(ctx, region);
    const now = this.clock();
    await this.fresh();
    const [topics, unanswered] = await Promise.all([surgingTopics(this.db, now, window, r ? [r] : undefined), this.unansweredSearches(ctx, 20)]);
    return { at: now.toISOString(), window, region: r ?? null, ...topics, unansweredSearches: unanswered };
  }

  async alerts(ctx: ActorContext, f: { region?: string; from?: string; to?: string; limit: number }) {
    authorize(ctx, 'monitoring.read');
    const region = regionFilter(ctx, f.region);
    const to = f.to ? new Date(f.to) : new Date(this.clock().getTime() + 1);
    const from = f.from ? new Date(f.from) : new Date(to.getTime() - 7 * 86_400_000);
    if (from >= to) throw badRequest('request.invalid_span', `from (${from.toISOString()}) must be before to (${to.toISOString()}).`);
    const rows = await alerts.alertsBetween(this.db, { from, to, regions: region ? [region] : undefined, limit: f.limit });
    return rows.map((a) => presentAlert(a));
  }

  async createWebhook(ctx: ActorContext, w: { url: string; region: string; description: string }) {
    const p = authorize(ctx, 'monitoring.webhooks', { region: w.region });
    const row = await this.db.transaction(async (tx) => {
      const created = await hooks.createWebhook(tx, { ...w, by: p?.username ?? ctx.name ?? null });
      await this.audit.record(ctx, { action: 'monitoring.webhook_create', targetType: 'webhook', targetId: created.id, region: w.region === 'federal' ? null : w.region, details: { url: w.url } }, tx);
      return created;
    });
    return { ...presentWebhook(row), secret: row.secret };
  }

  async webhooks(ctx: ActorContext) {
    authorize(ctx, 'monitoring.webhooks');
    const region = regionFilter(ctx, undefined);
    return (await hooks.listWebhooks(this.db, region ? [region] : undefined)).map((w) => ({ ...presentWebhook(w), pendingDeliveries: w.pending, lastError: w.failing }));
  }

  async deleteWebhook(ctx: ActorContext, id: number) {
    const missing = notFound('webhook.not_found', `There is no webhook ${id}.`);
    const w = await hooks.webhookById(this.db, id);
    if (!w) throw missing;
    authorize(ctx, 'monitoring.webhooks', { region: w.region_code, notFound: missing });
    await this.db.transaction(async (tx) => {
      await hooks.disableWebhook(tx, id);
      await this.audit.record(ctx, { action: 'monitoring.webhook_delete', targetType: 'webhook', targetId: String(id), region: w.region_code === 'federal' ? null : w.region_code }, tx);
    });
  }

  /** Alert evaluation and webhook delivery, on one node at a time. */
  start(): Promise<void> {
    return this.loop.start();
  }

  /** One pass now (tests and the simulator call this). */
  tick(): Promise<void> {
    return this.loop.runNow();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}

function presentRegion(r: RegionFigures) {
  const { today: _today, timezone: _tz, shortAbandonSeconds: _s, ...shown } = r;
  return shown;
}

function presentWebhook(w: hooks.WebhookRow) {
  return { id: Number(w.id), url: w.url, region: w.region_code, description: w.description, createdBy: w.created_by, createdAt: w.created_at.toISOString() };
}
