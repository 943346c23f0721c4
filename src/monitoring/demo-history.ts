// Demo mode's year of history: planned once on a database with no history of its own (the year
// ending the day before, each region's own local dates), then written in the background a few days
// at a time, each step in one transaction with its progress, so the server answers meanwhile and a
// restart goes on where the last step committed. Never called outside demo mode (src/demo asks).
import { authorize } from '../platform/access/authorize.ts';
import type { ActorContext } from '../platform/access/principal.ts';
import type { Db } from '../platform/db/database.ts';
import type { Logger } from '../platform/logger.ts';
import { claimStep, hasDaysBefore, insertPlan, readPlan, writeSpan } from './rollups/demo-history-queries.ts';
import { addDays, addMonths, callsPerDay, regionWeights, YEAR_CALLS, yearBefore, type RegionWeight } from './rollups/demo-model.ts';

export interface HistoryProgress {
  /** Months planned: 12, or 0 when there is no generated history (not demo mode, or a history of its own). */
  months: number;
  /** Months fully written. */
  written: number;
  /** Months still to write: the reports are incomplete until it is 0. */
  filling: boolean;
}

export interface FillOptions {
  /** The year's calls (the model's total; tests ask for fewer). */
  calls?: number;
  /** Local days written per step (one transaction; PGlite runs it on the event loop: a day is about half a second). */
  stepDays?: number;
  /**
   * Pause after each step, as a share of the step's own time (1: as long again), so the server's
   * other work has the event loop at least that much of the time. 0 in tests and benchmarks.
   */
  restShare?: number;
}

// topics per interval for the year's last two days (what "now" and the trends compare with)
const topicsFrom = (yearEnd: string) => new Date(Date.parse(`${addDays(yearEnd, -2)}T00:00:00Z`) - 12 * 3_600_000);

/**
 * The model's calls on each region's local dates [from, to), `calls` in all, written a month per
 * transaction with no plan (bench:dashboard's year; the demo goes through DemoHistory).
 */
export async function writeModelHistory(db: Db, o: { from: string; to: string; calls: number }): Promise<void> {
  const weights = regionWeights();
  const perDay = callsPerDay(o.calls, o.from, o.to);
  for (let from = o.from; from < o.to;) {
    const to = addMonths(from, 1) < o.to ? addMonths(from, 1) : o.to;
    await db.transaction((tx) => writeSpan(tx, { weights, callsPerDay: perDay, from, to, topicsFrom: topicsFrom(o.to) }));
    from = to;
  }
}

export class DemoHistory {
  private running: Promise<void> | null = null;
  private stopping = false;
  private weights: RegionWeight[] | null = null;

  /** regions: the regions whose history is written (every demo region unless named; tests name a few). */
  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly clock: () => Date,
    private readonly regions?: readonly string[],
  ) {}

  /**
   * Plans the year when there is no plan and no history: each region's local dates up to the day
   * before today's UTC date. Every region is at UTC+2 or later, so its own today is that date or
   * the next, and today's real calls (now or later) never fall in the year. Returns whether a plan exists.
   */
  async plan(calls = YEAR_CALLS): Promise<boolean> {
    if ((await readPlan(this.db)).length) return true;
    const end = this.clock().toISOString().slice(0, 10);
    if (await hasDaysBefore(this.db, end)) return false;
    const months = yearBefore(end);
    await insertPlan(this.db, months, callsPerDay(calls, months[0]!.from, end), end);
    return true;
  }

  /** Plans, then fills in the background; resolves once planned (the filling goes on). */
  async start(o: FillOptions = {}): Promise<void> {
    if (this.running || !(await this.plan(o.calls))) return;
    // half the time to the history at most: requests waiting for the database go between steps
    o = { restShare: 1, ...o };
    this.stopping = false;
    const started = Date.now();
    this.running = this.fill(o)
      .then((steps) => {
        if (this.stopping) this.log.info({ steps }, 'demo: history paused; the next start goes on');
        else if (steps) this.log.info({ ms: Date.now() - started, steps }, 'demo: a year of history written');
      })
      .catch((err: unknown) => this.log.error({ err }, 'demo: history generation failed; it resumes at the next start'))
      .finally(() => (this.running = null));
  }

  /** Writes every step not yet written (a plan must exist); returns how many it wrote. */
  async fill(o: FillOptions = {}): Promise<number> {
    const stepDays = o.stepDays ?? 1;
    let steps = 0;
    for (const m of await readPlan(this.db)) {
      for (let from = m.writtenTo; from < m.to && !this.stopping;) {
        const to = addDays(from, stepDays) < m.to ? addDays(from, stepDays) : m.to;
        const t = performance.now();
        await this.step(m.chunk, from, to, m.callsPerDay, m.yearEnd);
        steps++;
        from = to;
        const rest = (performance.now() - t) * (o.restShare ?? 0);
        await new Promise((r) => (rest > 0 ? setTimeout(r, rest) : setImmediate(r)));
      }
    }
    return steps;
  }

  private async step(chunk: number, from: string, to: string, perDay: number, yearEnd: string): Promise<void> {
    this.weights ??= regionWeights(this.regions);
    const weights = this.weights;
    await this.db.transaction(async (tx) => {
      if (await claimStep(tx, chunk, from, to)) await writeSpan(tx, { weights, callsPerDay: perDay, from, to, topicsFrom: topicsFrom(yearEnd) });
    });
  }

  /** The progress, for staff who read the figures (the same for every region). */
  async read(ctx: ActorContext): Promise<HistoryProgress> {
    authorize(ctx, 'monitoring.read');
    return this.progress();
  }

  async progress(): Promise<HistoryProgress> {
    const plan = await readPlan(this.db);
    const written = plan.filter((m) => m.writtenTo === m.to).length;
    return { months: plan.length, written, filling: written < plan.length };
  }

  /** Stops after the step under way (its transaction commits or not, whole). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }
}
