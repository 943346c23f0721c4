// otvet kb import | export
import fs from 'node:fs';
import type { Command } from 'commander';
import type { CliIo } from './io.ts';
import { withServices } from './lazy.ts';
import { UsageError } from './input.ts';
import { progress } from './progress.ts';

export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export function kbCommands(program: Command, io: CliIo) {
  const kb = program.command('kb').description('the knowledge base: import and export approved answers');

  kb.command('import <file>')
    .description('upsert answers by slug from JSON Lines (the format of data/demo/kb/answers.jsonl); each new or changed answer is published')
    .option('--skip-invalid', 'import the valid lines and report the bad ones (default: a file with any bad line imports nothing)')
    .action(async (file: string, o: { skipInvalid?: boolean }) => {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
      }
      const { parseAnswersJsonl } = await import('../knowledge/index.ts');
      const { records, errors } = parseAnswersJsonl(text);
      const report = errors
        .slice(0, 50)
        .map((e) => `  line ${e.line}${e.path ? ` (${e.path})` : ''}: ${e.message}`)
        .join('\n');
      const more = errors.length > 50 ? `\n  … and ${errors.length - 50} more` : '';
      if (errors.length && !o.skipInvalid) {
        throw new ImportFileError(`${file}: ${errors.length} problem(s), nothing imported (use --skip-invalid to import the valid lines):\n${report}${more}`);
      }
      if (errors.length) io.err(`${file}: skipping ${errors.length} bad line(s):\n${report}${more}\n`);
      await withServices(io, async ({ services, actor }) => {
        const bar = progress('answers', io.progress);
        try {
          const s = await services.kbImport.importRecords(actor, records, (done, total) => bar.update(done, total));
          bar.stop();
          io.out(`answers from ${file}: ${s.created} new, ${s.updated} updated, ${s.unchanged} unchanged${errors.length ? `, ${errors.length} line(s) skipped` : ''}\n`);
        } finally {
          bar.stop();
        }
      });
    });

  kb.command('export')
    .description('write every published answer as JSON Lines (to standard output, or --out)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (o: { out?: string }) => {
      await withServices(io, async ({ services, actor }) => {
        const { toJsonLine } = await import('../knowledge/index.ts');
        const records = await services.kbImport.exportPublished(actor);
        const text = records.map(toJsonLine).join('\n') + (records.length ? '\n' : '');
        if (o.out) {
          fs.writeFileSync(o.out, text);
          io.err(`${records.length} answers written to ${o.out}\n`);
        } else io.out(text);
      });
    });
}
