// Sends the notices that are due, on one node at a time (the appealMail lock): each opened from the
// vault, handed to the transport, marked sent; a failure is kept (without personal data) and tried
// again later, 30 s, 1 min, 2 min … at most an hour apart, for about a day; a server's refusal for
// good (5xx) is not tried again. At least once: a node that dies between the server's "taken" and
// the mark sends that notice again. Once an hour it also removes the notices of appeals that the
// retention command has anonymised since.
import type { Db } from '../platform/db/database.ts';
import { LeaderLoop } from '../platform/jobs.ts';
import type { Logger } from '../platform/logger.ts';
import * as mq from './mail-queries.ts';
import { mailHtml } from './mail-texts.ts';
import { describeFailure, isPermanent, type Transport } from './mail-transport.ts';
import type { Sealer } from './sealer.ts';

export const SEND_EVERY_MS = 5000;
export const MAX_ATTEMPTS = 30;
const BATCH = 20;
/** How often the sender removes the notices of appeals anonymised since (retention keeps no personal data). */
const SWEEP_MS = 3600_000;

/** Seconds before the next attempt after this many failed ones (1, 2, …). */
export function backoffSeconds(failed: number): number {
  return Math.min(3600, 30 * 2 ** (failed - 1));
}

/** Where a notice's sealed values are bound: to its row, each to its field. */
export const mailContext = (id: string, field: 'to' | 'body') => `appeal-mail:${id}:${field}`;

export interface MailSenderOptions {
  db: Db;
  sealer: Sealer;
  transport: Transport;
  from: string;
  log: Logger;
  clock: () => Date;
}

export class MailSender {
  private readonly loop: LeaderLoop;
  /** When notices of anonymised appeals were last looked for (ms; the first pass does). */
  private swept = -Infinity;

  constructor(private readonly o: MailSenderOptions) {
    this.loop = new LeaderLoop({
      db: o.db,
      lock: 'appealMail',
      everyMs: SEND_EVERY_MS,
      // (a notice written during a pass is sent by one more)
      again: true,
      run: () => this.pass(),
      failed: (err) => o.log.error({ err }, 'appeals: sending notices failed; retrying on the next tick'),
      noLock: (err) => o.log.error({ err }, 'appeals: could not take the mail lock; this node sends no notices'),
    });
  }

  /** Sends on this node once it holds the lock (the others wait for it in the background). */
  start(): Promise<void> {
    return this.loop.start();
  }

  /** A notice was written: the leader sends it now rather than at its next tick. */
  kick(): void {
    if (this.loop.leading) void this.loop.runNow();
  }

  /** One pass now, leader or not (tests). */
  tick(): Promise<void> {
    return this.loop.runNow();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    this.o.transport.close();
  }

  private async pass(): Promise<void> {
    const now = this.o.clock().getTime();
    if (now - this.swept >= SWEEP_MS) {
      this.swept = now;
      const gone = await mq.deleteMailOfAnonymised(this.o.db);
      if (gone) this.o.log.info({ notices: gone }, 'appeals: notices of anonymised appeals removed');
    }
    for (;;) {
      const due = await mq.dueMail(this.o.db, this.o.clock(), BATCH);
      for (const m of due) await this.send(m);
      if (due.length < BATCH) return;
    }
  }

  private async send(m: mq.MailRow): Promise<void> {
    const { db, sealer, transport, log } = this.o;
    try {
      const to = (await sealer.open(m.recipient, mailContext(m.id, 'to'))).toString('utf8');
      const text = (await sealer.open(m.body, mailContext(m.id, 'body'))).toString('utf8');
      await transport.send({ from: this.o.from, to, subject: m.subject, text, html: mailHtml(m.subject, text), appeal: m.appeal_number });
    } catch (err) {
      const now = this.o.clock();
      const attempt = m.attempts + 1;
      const error = describeFailure(err);
      const givenUp = isPermanent(err) || attempt >= MAX_ATTEMPTS;
      await mq.markAttemptFailed(db, m.id, { error, nextAttemptAt: new Date(now.getTime() + backoffSeconds(attempt) * 1000), failedAt: givenUp ? now : null });
      // (the error as described: a raw one may carry the address or the server's reply quoting it)
      log.warn({ mail: m.id, appeal: m.appeal_number, kind: m.kind, attempt, error, givenUp }, givenUp ? 'appeals: notice not sent; given up' : 'appeals: notice not sent; will retry');
      return;
    }
    await mq.markSent(db, m.id, this.o.clock(), transport.kind);
  }
}
