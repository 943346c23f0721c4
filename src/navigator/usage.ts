// How the navigator is used, counted without anything about the person: per Moscow day, channel,
// region and event, a number in memory; a flush every few seconds (and at shutdown) adds them all
// to nv_usage in one statement. No answer is ever kept: only which question a page showed, that
// one was answered, that a wizard finished and which measures came out eligible.
//
// Events, and what is approximate about them (docs/navigator.md, Reports):
// - shown Q: a question page showing Q without an error (the portal), a step whose next is Q (the API);
// - answered Q: the portal's page that came from Q's form with a good value (its `answered` field),
//   the API's step whose answers reach Q, the last of step.asked. A refresh or the browser's Back
//   counts the page again; the workstation's Back asks the step again, counting its last answer again.
// - finished: a result page, a step with next null; eligible M: each measure yes on it.
import { FEDERAL, type Principal } from '../platform/access/principal.ts';
import type { Db } from '../platform/db/database.ts';
import { Loop } from '../platform/jobs.ts';
import type { Logger } from '../platform/logger.ts';
import type { Step } from './engine.ts';
import { addUsage, type Channel, type Kind, type UsageRow } from './usage-queries.ts';
import type { WizardState } from './wizard.ts';

export type { Channel } from './usage-queries.ts';

const MOSCOW_OFFSET_MS = 3 * 3_600_000;
const SEP = '\u0000';

/** Moscow's date of an instant (Moscow keeps UTC+3 all year): the day counts are kept under. */
export const moscowDate = (at: Date) => new Date(at.getTime() + MOSCOW_OFFSET_MS).toISOString().slice(0, 10);

/**
 * Whose step of the JSON API: a staff member signed in (the workstation's panel; their region, ''
 * for federal staff), or anyone else, an API token's program included ('api', no region).
 */
export function stepCaller(principal: Principal | null): { channel: Channel; region: string } {
  if (principal?.via === 'session') return { channel: 'workstation', region: principal.region === FEDERAL ? '' : principal.region };
  return { channel: 'api', region: '' };
}

export class NavigatorUsage {
  private pending = new Map<string, number>();
  private readonly flushing: Loop;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.flushing = new Loop({ everyMs: 5_000, run: () => this.flush(), failed: (err) => this.log.warn({ err }, 'navigator usage not written; will retry') });
  }

  start(flushMs = 5_000): void {
    this.flushing.start(flushMs);
  }

  async stop(): Promise<void> {
    await this.flushing.stop();
    await this.flush().catch((err: unknown) => this.log.warn({ err }, 'navigator usage not written at shutdown'));
  }

  /** A portal question page (after readWizard): the question shown, the one just answered. */
  questionsPage(region: string, state: WizardState, answered: unknown): void {
    if (typeof answered === 'string' && state.path.some((a) => a.question.var === answered)) this.add('portal', region, 'answered', answered);
    // (a question shown again with its error is the same visit to it, not one more)
    if (state.current && !state.problems.length) this.add('portal', region, 'shown', state.current.var);
  }

  /** A portal result page: a finished wizard and what it found. */
  resultPage(region: string, step: Step): void {
    this.finished('portal', region, step);
  }

  /** A step of the JSON API: the workstation's panel (signed-in staff) or anyone's client (stepCaller). */
  apiStep({ channel, region }: { channel: Channel; region: string }, step: Step): void {
    const last = step.asked.at(-1);
    if (last !== undefined) this.add(channel, region, 'answered', last);
    if (step.next) this.add(channel, region, 'shown', step.next.var);
    else this.finished(channel, region, step);
  }

  private finished(channel: Channel, region: string, step: Step): void {
    this.add(channel, region, 'finished', '');
    for (const r of step.results) if (r.truth === 'yes') this.add(channel, region, 'eligible', r.id);
  }

  private add(channel: Channel, region: string, kind: Kind, key: string): void {
    const k = [moscowDate(this.now()), channel, region, kind, key].join(SEP);
    this.pending.set(k, (this.pending.get(k) ?? 0) + 1);
  }

  /** Writes what was counted since the last flush; on failure the counts wait for the next. */
  async flush(): Promise<void> {
    if (!this.pending.size) return;
    const batch = this.pending;
    this.pending = new Map();
    const rows: UsageRow[] = [...batch].map(([k, count]) => {
      const [day, channel, region, kind, key] = k.split(SEP) as [string, Channel, string, Kind, string];
      return { day, channel, region, kind, key, count };
    });
    try {
      await addUsage(this.db, rows);
    } catch (err) {
      for (const [k, n] of batch) this.pending.set(k, (this.pending.get(k) ?? 0) + n);
      throw err;
    }
  }
}
