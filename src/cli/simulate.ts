// otvet simulate: callers and operators of the national service, through otvet's public API.
import type { Command } from 'commander';
import { defaultBehaviour, NATIONAL_CALLS_PER_DAY } from '../simulator/options.ts';
import type { Flags } from './simulate-run.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

export function simulateCommand(program: Command) {
  program
    .command('simulate')
    .description('simulate the national service: callers and operators in every region, driving otvet through its public API')
    .option('--duration <time>', 'how long calls keep coming, in simulated time (90s, 10m, 2h, 1d)', '10m')
    .option('--drain <time>', 'after the last arrival, how long calls in progress (and callbacks) may take before the rest are closed', '10m')
    .option('--speed <n>', 'simulated seconds per real second: 1 = real time, 60 = an hour a minute (in-process only)', '1')
    .option('--regions <codes>', 'region codes, comma-separated, or "all"', 'all')
    .option('--seed <seed>', 'the same seed makes the same callers (default: a random one, printed)')
    .option('--calls-per-day <n>', 'national calls a day; each region gets its population share', String(NATIONAL_CALLS_PER_DAY))
    .option('--surge <spec>', 'a topic spike, repeatable: topic=Коронавирус,start=+10m,duration=1h,x=5', collect, [])
    .option('--start <time>', 'simulated start, faster than real time only: ISO 8601 or HH:MM Moscow time (default: the run ends about now)')
    .option('--curve <weights>', '24 weights of calls by local hour 0–23 (default: night low, peaks late morning and early afternoon)')
    .option('--staffing <factor>', "operators per region: Erlang C for the hour's load (80 % in 20 s) times this", '1.1')
    .option('--operators <n>', 'instead: this many operators per region, on duty throughout')
    .option('--reserve <n>', "operators in the federal reserve centre (default: 3 % of the regions')")
    .option('--no-breaks', 'operators take no breaks')
    .option('--patience <seconds>', "callers' mean patience in the queue (exponential)", String(defaultBehaviour.patienceSeconds))
    .option('--talk <seconds>', 'mean talk time (log-normal)', String(defaultBehaviour.talkSeconds))
    .option('--wrap-up <seconds>', 'mean wrap-up time (log-normal)', String(defaultBehaviour.wrapUpSeconds))
    .option('--ring-no-answer <share>', 'share of rings an operator leaves unanswered', String(defaultBehaviour.noAnswer))
    .option('--callback-accept <share>', 'share of callers who accept a callback when offered', String(defaultBehaviour.acceptCallback))
    .option('--memory', 'in-process on a fresh database in memory (nothing kept)')
    .option('--url <url>', 'drive a running otvet over HTTP instead (real time only)')
    .option('--token <token>', "with --url: an admin's API token (default: $OTVET_TOKEN); see docs")
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'no progress lines on standard error')
    .action(async (f: Flags) => {
      const { runSimulateCommand } = await import('./simulate-run.ts');
      await runSimulateCommand(f);
    });
}
