// otvet rollups rebuild --from --to: the interval rollups recomputed from raw call events.
import type { Command } from 'commander';
import type { CliIo } from './io.ts';
import { z } from 'zod';
import { withServices } from './lazy.ts';
import { parseArg, UsageError } from './input.ts';
import { progress } from './progress.ts';

const instant = z
  .string()
  .refine((s) => z.iso.datetime({ offset: true }).safeParse(s).success || z.iso.date().safeParse(s).success, 'expected a date such as 2026-11-01 or a time such as 2026-11-01T06:00:00+03:00')
  .transform((s) => new Date(s));

export function rollupsCommands(program: Command, io: CliIo) {
  const rollups = program.command('rollups').description("the coordination centre's 15-minute interval rollups");
  rollups
    .command('rebuild')
    .description('recompute the rollups of a span from the raw call events (the same figures as kept live)')
    .requiredOption('--from <time>', 'start: a date (2026-11-01) or an ISO time, UTC unless an offset is given')
    .requiredOption('--to <time>', 'end (exclusive), the same way')
    .action(async (o: { from: string; to: string }) => {
      const from = parseArg(instant, o.from, '--from');
      const to = parseArg(instant, o.to, '--to');
      if (from >= to) throw new UsageError(`--from (${from.toISOString()}) must be before --to (${to.toISOString()})`);
      await withServices(io, async ({ services }) => {
        const bar = progress('calls', io.progress);
        const r = await services.monitoring.rebuild(from, to, (done, total) => bar.update(done, total));
        bar.stop();
        io.out(`rebuilt the rollups of ${r.from.toISOString()} to ${r.to.toISOString()} from ${r.calls} calls\n`);
      });
    });
}
