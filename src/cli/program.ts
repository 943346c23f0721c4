// The `otvet` command's definition: every command, option and help text, with each command's work
// loaded only when it runs, so `otvet --help` and a wrong argument answer without loading the app.
// `runCli` turns a command line into an exit code; tests call it in-process.
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { version } from '../version.ts';
import { dbCommands } from './db.ts';
import { importCommands } from './data.ts';
import { ImportFileError, kbCommands } from './kb.ts';
import { parseArg, UsageError } from './input.ts';
import { processIo, type CliIo } from './io.ts';
import { tokenCommands } from './tokens.ts';
import { userCommands } from './users.ts';
import { simulateCommand } from './simulate.ts';
import { rollupsCommands } from './rollups.ts';
import { keysCommands } from './keys.ts';
import { appealsCommands } from './appeals.ts';
import { navigatorCommands } from './navigator.ts';

export function cliProgram(io: CliIo = processIo): Command {
  const program = new Command('otvet')
    .description('otvet: the platform of a national citizen information hotline')
    .version(version)
    // (set before the commands are added: they inherit it)
    .configureOutput({ writeOut: io.out, writeErr: io.err })
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
      const { loadConfig } = await import('../platform/config.ts');
      const config = loadConfig(io.env);
      if (o.port !== undefined) config.port = parseArg(z.coerce.number().int().min(1).max(65535), o.port, '--port');
      if (o.host !== undefined) config.host = o.host;
      const { serve } = await import('../serve.ts');
      await serve(config, { demo: o.demo ?? false, simulation: o.simulation });
    });

  program
    .command('edge')
    .description("run the SIP edge: calls from SIP trunks, the IVR, operators' phones, media on rtpengine (EDGE_* variables; docs/telephony.md)")
    .action(async () => {
      const { DataDirBusy, EdgeConfigError, loadEdgeConfig, runEdge } = await import('../telephony/index.ts');
      try {
        await runEdge(loadEdgeConfig(io.env));
      } catch (e) {
        // (the configuration's own message names every bad variable: printed as it is)
        if (e instanceof EdgeConfigError || e instanceof DataDirBusy) {
          io.err(`${e.message}\n`);
          throw new CommanderError(e instanceof EdgeConfigError ? 2 : 1, 'otvet.edge', e.message);
        }
        throw e;
      }
    });

  dbCommands(program, io);
  userCommands(program, io);
  tokenCommands(program, io);
  importCommands(program, io);
  kbCommands(program, io);
  simulateCommand(program);
  rollupsCommands(program, io);
  keysCommands(program, io);
  appealsCommands(program, io);
  navigatorCommands(program, io);

  program
    .command('openapi')
    .description('print the OpenAPI document, or write/check the committed copy')
    .option('--write <file>', 'write it to a file')
    .option('--check <file>', 'fail when the file differs from the generated document')
    .action(async (o: { write?: string; check?: string }) => {
      const { openapiCommand } = await import('./openapi.ts');
      await openapiCommand(o);
    });
  return program;
}

/** The failures a user can act on, as one line; anything else is a bug and is thrown. */
async function failureMessage(e: unknown): Promise<{ message: string; code: number } | undefined> {
  if (e instanceof UsageError) return { message: e.message, code: 2 };
  // (loaded only on failure: when the command never loaded them, the error cannot be one of them)
  const [{ AppError }, { ConfigError }, { DatabaseOpenError }, { MigrationError }, { RegionsFileError }, { VaultError }] = await Promise.all([
    import('../platform/errors.ts'),
    import('../platform/config.ts'),
    import('../platform/db/database.ts'),
    import('../platform/db/migrate.ts'),
    import('../regions/index.ts'),
    import('../platform/crypto/vault.ts'),
  ]);
  if (e instanceof ConfigError || e instanceof DatabaseOpenError || e instanceof MigrationError || e instanceof RegionsFileError || e instanceof ImportFileError)
    return { message: e.message, code: 1 };
  if (e instanceof VaultError) return { message: `${e.message} (${e.code})`, code: 1 };
  if (e instanceof AppError) return { message: `${e.detail} (${e.code})`, code: 1 };
  return undefined;
}

/** Runs one command line (without the `node` and script arguments); resolves to its exit code. */
export async function runCli(args: string[], io: CliIo = processIo): Promise<number> {
  try {
    await cliProgram(io).parseAsync(args, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    const failure = await failureMessage(e);
    if (!failure) throw e;
    io.err(`otvet: ${failure.message}\n`);
    return failure.code;
  }
}
