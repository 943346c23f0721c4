// otvet navigator import: publish a whole catalogue of questions and measures from the two JSON
// files (the format of data/demo/navigator), checked first as a whole.
import fs from 'node:fs';
import type { Command } from 'commander';
import type { CliIo } from './io.ts';
import { withServices } from './lazy.ts';
import { ImportFileError } from './kb.ts';
import { UsageError } from './input.ts';

const readJson = (file: string): unknown => {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ImportFileError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
};

export function navigatorCommands(program: Command, io: CliIo) {
  const nav = program.command('navigator').description('the navigator of support measures: its catalogue of questions and measures');

  nav
    .command('import <questions> <measures>')
    .description(
      'publish a whole catalogue from a questions file and a measures file (the format of data/demo/navigator): new and changed entries are published without review, published entries the files do not hold are archived; nothing is imported when any problem is found',
    )
    .action(async (questionsFile: string, measuresFile: string) => {
      const questions = readJson(questionsFile);
      const measures = readJson(measuresFile);
      const { CatalogError, parseCatalog } = await import('../navigator/index.ts');
      let catalog;
      try {
        catalog = parseCatalog(questions, measures);
      } catch (e) {
        if (!(e instanceof CatalogError)) throw e;
        const lines = e.problems.slice(0, 50).map((p) => `  ${p.path}: ${p.message}`);
        const more = e.problems.length > 50 ? `\n  … and ${e.problems.length - 50} more` : '';
        throw new ImportFileError(`${e.problems.length} problem(s), nothing imported:\n${lines.join('\n')}${more}`);
      }
      await withServices(io, async ({ services, actor }) => {
        const s = await services.navigatorCatalog.importCatalog(actor, catalog);
        io.out(`navigator: ${catalog.questions.length} questions and ${catalog.measures.length} measures: ${s.created} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.archived} archived\n`);
      });
    });
}
