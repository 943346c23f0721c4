// otvet simulate, run: the options checked against the regions and topics, then the simulation
// in-process or against a running otvet. Loaded only when the command runs.
import { z } from 'zod';
import { loadConfig } from '../platform/config.ts';
import { demoRegionsFile, readRegionsFile } from '../regions/index.ts';
import {
  ApiError,
  simulateInProcess,
  defaultBehaviour,
  defaultOptions,
  defaultStaffing,
  parseCurve,
  parseDuration,
  parseMoment,
  parseSurge,
  SimulationError,
  type SimulationOptions,
  SimClock,
  demoTopics,
  runSimulation,
  formatSummary,
  summaryJson,
  type Summary,
} from '../simulator/index.ts';
import { cliLogger } from './context.ts';
import { parseArg, UsageError } from './input.ts';

export interface Flags {
  duration: string;
  drain: string;
  speed: string;
  regions: string;
  seed?: string;
  callsPerDay: string;
  surge: string[];
  start?: string;
  curve?: string;
  staffing: string;
  operators?: string;
  reserve?: string;
  breaks: boolean;
  patience: string;
  talk: string;
  wrapUp: string;
  ringNoAnswer: string;
  callbackAccept: string;
  memory?: boolean;
  url?: string;
  token?: string;
  json?: boolean;
  quiet?: boolean;
}

const share = z.coerce.number().min(0).max(1);
const positive = z.coerce.number().positive();

/** The future tolerance of the events API, less a margin. */
const AHEAD_MS = 4 * 60_000;

function options(f: Flags): SimulationOptions {
  const parse = <T>(fn: () => T, name: string): T => {
    try {
      return fn();
    } catch (e) {
      throw new UsageError(`${name}: ${(e as Error).message}`);
    }
  };
  const speed = parseArg(positive.max(10_000), f.speed, '--speed');
  const durationMs = parse(() => parseDuration(f.duration), '--duration');
  if (durationMs <= 0) throw new UsageError('--duration must be longer than nothing');
  if (f.url && speed !== 1) {
    throw new UsageError("--speed must be 1 with --url: the server's ACD times rings, escalation and callbacks by its own clock, so only an in-process run can go faster than real time");
  }
  if (f.start && speed === 1) throw new UsageError('--start needs a simulated clock: use it with --speed other than 1 (in real time the run starts now)');
  const base = defaultOptions();
  const drainMs = parse(() => parseDuration(f.drain), '--drain');
  const now = Date.now();
  // Faster than real time, simulated time stays behind the wall clock (the events API refuses events from the future).
  const latestStart = now + AHEAD_MS - durationMs - drainMs;
  let start = new Date(now);
  if (speed !== 1) {
    start = f.start ? parse(() => parseMoment(f.start!, { notAfter: new Date(latestStart) }), '--start') : new Date(Math.floor((now - durationMs - drainMs - 60_000) / 60_000) * 60_000);
    if (start.getTime() > latestStart) {
      throw new UsageError(
        `--start ${f.start}: a run faster than real time must end (with up to ${drainMs / 60_000} minutes for calls in progress) before the present; start at ${new Date(latestStart).toISOString()} or earlier`,
      );
    }
  }
  const regions = f.regions === 'all' ? 'all' : f.regions.split(',').map((r) => parseArg(z.string().regex(/^[0-9]{2}$/, 'a two-digit region code'), r.trim(), '--regions'));
  if (regions !== 'all') {
    const known = new Set(readRegionsFile(demoRegionsFile).map((r) => r.code));
    const unknown = regions.filter((c) => !known.has(c));
    if (unknown.length) throw new UsageError(`--regions: no region ${unknown.join(', ')} (two-digit codes 01–95 of data/demo/regions.json, or "all")`);
  }
  const surges = f.surge.map((s) => parse(() => parseSurge(s, start), '--surge'));
  const topics = demoTopics().map((t) => t.name);
  for (const s of surges) if (!topics.includes(s.topic)) throw new UsageError(`--surge: unknown topic "${s.topic}"; the IVR's topics are: ${topics.join(', ')}`);
  return {
    ...base,
    drainMs,
    seed: f.seed ?? base.seed,
    start,
    durationMs,
    speed,
    regions,
    callsPerDay: parseArg(positive, f.callsPerDay, '--calls-per-day'),
    ...(f.curve ? { curve: parse(() => parseCurve(f.curve!), '--curve') } : {}),
    surges,
    behaviour: {
      ...defaultBehaviour,
      patienceSeconds: parseArg(positive, f.patience, '--patience'),
      talkSeconds: parseArg(positive, f.talk, '--talk'),
      wrapUpSeconds: parseArg(positive, f.wrapUp, '--wrap-up'),
      noAnswer: parseArg(share, f.ringNoAnswer, '--ring-no-answer'),
      acceptCallback: parseArg(share, f.callbackAccept, '--callback-accept'),
    },
    staffing: {
      ...defaultStaffing,
      factor: parseArg(positive, f.staffing, '--staffing'),
      ...(f.operators !== undefined ? { fixed: parseArg(z.coerce.number().int().min(1).max(1000), f.operators, '--operators') } : {}),
      ...(f.reserve !== undefined ? { reserve: parseArg(z.coerce.number().int().min(0).max(1000), f.reserve, '--reserve') } : {}),
      breaks: f.breaks,
    },
  };
}

export async function runSimulateCommand(f: Flags) {
  const o = options(f);
  const say = f.quiet ? () => {} : (line: string) => process.stderr.write(`${line}\n`);
  const controller = new AbortController();
  let interrupted = 0;
  const onSignal = () => {
    if (++interrupted > 1) process.exit(130);
    say('stopping: closing the calls in progress, signing operators out (Ctrl-C again to quit at once)…');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  say(`otvet simulate: seed ${o.seed}, ${o.speed === 1 ? 'real time' : `×${o.speed}`}, starting ${o.start.toISOString()}`);
  const hooks = { say, signal: controller.signal };
  let summary: Summary;
  try {
    if (f.url) {
      const token = f.token ?? process.env.OTVET_TOKEN;
      if (!token) throw new UsageError('--url needs an admin API token: --token or OTVET_TOKEN (otvet token create --user <admin> --name simulator --scope telephony,users,tokens,calls)');
      summary = await runSimulation(o, { url: f.url.replace(/\/+$/, ''), token }, new SimClock(o.start.getTime(), 1), hooks);
    } else {
      const config = loadConfig(process.env);
      summary = await simulateInProcess(o, { config, log: cliLogger(config), memory: f.memory ?? false }, hooks);
    }
  } catch (e) {
    if (e instanceof SimulationError || e instanceof ApiError) {
      process.stderr.write(`otvet simulate: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  process.stdout.write(f.json ? `${JSON.stringify(summaryJson(summary), null, 2)}\n` : formatSummary(summary));
}
