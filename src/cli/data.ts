// otvet import regions [FILE]
import type { Command } from 'commander';
import type { CliIo } from './io.ts';
import { withServices } from './lazy.ts';
import { progress } from './progress.ts';

export function importCommands(program: Command, io: CliIo) {
  const imp = program.command('import').description('import reference data');

  imp
    .command('regions [file]')
    .description('upsert regions by code from a JSON array (the format of data/demo/regions.json); all or nothing')
    .action(async (file: string | undefined) => {
      const { demoRegionsFile, readRegionsFile } = await import('../regions/index.ts');
      const path = file ?? demoRegionsFile;
      const records = readRegionsFile(path);
      await withServices(io, async ({ services, actor }) => {
        const bar = progress('regions', io.progress);
        try {
          const s = await services.regions.importRecords(actor, records, (done, total) => bar.update(done, total));
          bar.stop();
          io.out(`regions from ${path}: ${s.inserted} added, ${s.updated} updated, ${s.unchanged} unchanged\n`);
        } finally {
          bar.stop();
        }
      });
    });
}
