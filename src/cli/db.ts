// otvet migrate [--status]
import type { Command } from 'commander';
import type { CliIo } from './io.ts';
import { withDatabase } from './lazy.ts';

export function dbCommands(program: Command, io: CliIo) {
  program
    .command('migrate')
    .description('apply pending database migrations (serve does this at start too)')
    .option('--status', 'only show where the database stands')
    .action(async (o: { status?: boolean }) => {
      await withDatabase(io, async (db) => {
        const { migrate, migrationStatus } = await import('../platform/db/migrate.ts');
        if (o.status) {
          const s = await migrationStatus(db);
          io.out(`${db.location}: at migration ${s.current} of ${s.latest}${s.pending.length ? `; pending: ${s.pending.map((m) => `${m.version}_${m.name}`).join(', ')}` : '; up to date'}\n`);
          return;
        }
        const r = await migrate(db, { onApplied: (m) => io.out(`applied ${String(m.version).padStart(4, '0')}_${m.name}\n`) });
        io.out(`${db.location}: ${r.applied.length ? `applied ${r.applied.length} migration(s)` : 'already up to date'}, at migration ${r.version}\n`);
      });
    });
}
