// The `otvet` command (bin/otvet.js runs this file); its commands are in cli/program.ts.
import { runCli } from './cli/program.ts';

const code = await runCli(process.argv.slice(2));
// A command that keeps running (serve) returns 0 and leaves the process to its servers.
if (code !== 0) process.exit(code);
