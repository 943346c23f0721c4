// otvet appeals retention [--older-than-days N] [--dry-run]: the personal data of appeals closed
// longer ago than the retention period is removed; the anonymised appeals stay for the figures.
import type { Command } from 'commander';
import { UsageError } from './input.ts';
import type { CliIo } from './io.ts';
import { withServices } from './lazy.ts';

/** Five years: how long appeals' files are commonly kept by the bodies that answer them. */
export const DEFAULT_RETENTION_DAYS = 1826;

export function appealsCommands(program: Command, io: CliIo) {
  const appeals = program.command('appeals').description("citizens' appeals (docs/appeals.md)");

  appeals
    .command('retention')
    .description('anonymise appeals closed or rejected more than N days ago: the appellant, comments and files removed, the figures kept')
    .option('--older-than-days <days>', `the retention period in days (default ${DEFAULT_RETENTION_DAYS})`, String(DEFAULT_RETENTION_DAYS))
    .option('--dry-run', 'only count what would be anonymised')
    .action(async (o: { olderThanDays: string; dryRun?: boolean }) => {
      const days = Number(o.olderThanDays);
      if (!/^\d+$/.test(o.olderThanDays) || days < 30 || days > 36500) {
        throw new UsageError(`--older-than-days: a whole number of days from 30 to 36500, not "${o.olderThanDays}"`);
      }
      await withServices(io, async ({ db, services, actor }) => {
        const { anonymiseClosed } = await import('../appeals/retention.ts');
        const now = new Date();
        const before = new Date(now.getTime() - days * 86400_000);
        const r = await anonymiseClosed(db, before, { now, ...(o.dryRun ? { dryRun: true } : {}) });
        if (!o.dryRun && r.appeals) await services.audit.record(actor, { action: 'appeals.retention', targetType: 'appeal', details: { ...r, olderThanDays: days } });
        const verb = o.dryRun ? ['would anonymise', 'would be removed'] : ['anonymised', 'removed'];
        io.out(`${verb[0]} ${r.appeals} appeal(s) closed before ${before.toISOString().slice(0, 10)}: ${r.comments} comment(s) and ${r.attachments} file(s) ${verb[1]}\n`);
      });
    });
}
