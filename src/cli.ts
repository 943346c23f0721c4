// The `otvet` command.
import fs from 'node:fs';
import { Command, CommanderError } from 'commander';
import { version } from './app.ts';
import { dbCommands } from './cli/db.ts';
import { importCommands } from './cli/data.ts';
import { ImportFileError, kbCommands } from './cli/kb.ts';
import { UsageError } from './cli/input.ts';
import { tokenCommands } from './cli/tokens.ts';
import { userCommands } from './cli/users.ts';
import { simulateCommand } from './cli/simulate.ts';
import { rollupsCommands } from './cli/rollups.ts';
import { formatOpenApi, generateOpenApi } from './openapi.ts';
import { AppError } from './platform/errors.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { DatabaseOpenError } from './platform/db/database.ts';
import { MigrationError } from './platform/db/migrate.ts';
import { RegionsFileError } from './regions/index.ts';
import { serve } from './serve.ts';
import { z } from 'zod';
import { parseArg } from './cli/input.ts';

const program = new Command('otvet')
  .description('otvet: the platform of a national citizen information hotline')
  .version(version)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

program
  .command('serve')
  .description('run the HTTP server (applies pending migrations first)')
  .option('--demo', 'on an empty database, load demo data and create demo accounts')
  .option('--port <port>', 'TCP port (overrides PORT)')
  .option('--host <host>', 'interface to listen on (overrides HOST)')
  .option('--no-simulation', 'with --demo: no simulated calls')
  .action(async (o: { demo?: boolean; port?: string; host?: string; simulation: boolean }) => {
    const config = loadConfig(process.env);
    if (o.port !== undefined) config.port = parseArg(z.coerce.number().int().min(1).max(65535), o.port, '--port');
    if (o.host !== undefined) config.host = o.host;
    await serve(config, { demo: o.demo ?? false, simulation: o.simulation });
  });

dbCommands(program);
userCommands(program);
tokenCommands(program);
importCommands(program);
kbCommands(program);
simulateCommand(program);
rollupsCommands(program);

program
  .command('openapi')
  .description('print the OpenAPI document, or write/check the committed copy')
  .option('--write <file>', 'write it to a file')
  .option('--check <file>', 'fail when the file differs from the generated document')
  .action(async (o: { write?: string; check?: string }) => {
    const text = formatOpenApi(await generateOpenApi());
    if (o.write) fs.writeFileSync(o.write, text);
    else if (o.check) {
      if (!fs.existsSync(o.check) || fs.readFileSync(o.check, 'utf8') !== text) {
        throw new UsageError(`${o.check} is stale; run npm run openapi`);
      }
    } else process.stdout.write(text);
  });

function fail(message: string, code = 1): never {
  process.stderr.write(`otvet: ${message}\n`);
  process.exit(code);
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  if (e instanceof UsageError) fail(e.message, 2);
  if (e instanceof ConfigError || e instanceof DatabaseOpenError || e instanceof MigrationError || e instanceof RegionsFileError || e instanceof ImportFileError) fail(e.message);
  if (e instanceof AppError) fail(`${e.detail} (${e.code})`);
  throw e;
}
