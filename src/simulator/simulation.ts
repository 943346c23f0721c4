// A run of the simulation against otvet's public API: regions and sections read, operators'
// accounts and tokens made, shifts put on the clock, callers let in as the arrival model draws
// them, the ACD's decisions followed; at the end the calls still open are closed, operators sign
// out, the tokens are revoked, and the calls are read back for the summary.
import fs from 'node:fs';
import { demoAnswersFile, parseAnswersJsonl } from '../knowledge/index.ts';
import { prepareOperators, revokeTokens, type OperatorAccount } from './accounts.ts';
import { Api, ApiError } from './api.ts';
import { ArrivalModel, ArrivalStream, topicsFromAnswers, type RegionInfo, type Topic } from './arrivals.ts';
import { CallSim } from './caller.ts';
import type { SimClock } from './clock.ts';
import { Edge, type Decision } from './edge.ts';
import { OperatorSim } from './operator.ts';
import { SimulationError, type SimulationOptions } from './options.ts';
import { Rng } from './random.ts';
import { reserveShifts, roster, type Shift } from './staffing.ts';
import { Ledger, readBackCalls, tally, type Summary } from './summary.ts';
import type { World } from './world.ts';

export interface Target {
  /** The API's base URL, e.g. http://127.0.0.1:8122 */
  url: string;
  /** An admin's API token (see docs: telephony, users, tokens, calls). */
  token: string;
  /** In-process with simulated time: the ACD's timers, run as simulated seconds pass. */
  acdTick?: () => Promise<void>;
}

export interface RunHooks {
  /** Progress lines (setup, a status now and then). */
  say?(line: string): void;
  /** Ends the run early (the clean way: calls closed, operators out, tokens revoked). */
  signal?: AbortSignal;
  /** Read the calls back for the summary (default true). */
  readBack?: boolean;
  /** Real ms between status lines (default 5000; 0: none). */
  statusEveryMs?: number;
}

interface Session {
  user: { username: string; role: string; region: string };
}

/** Sections of the demo knowledge base: the IVR's topics. */
export function demoTopics(): Topic[] {
  const { records } = parseAnswersJsonl(fs.readFileSync(demoAnswersFile, 'utf8'));
  return topicsFromAnswers(records.filter((r) => r.scope === 'federal'));
}

const moscowTime = (ms: number) => new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', timeStyle: 'medium' }).format(new Date(ms));

export async function runSimulation(o: SimulationOptions, target: Target, clock: SimClock, hooks: RunHooks = {}): Promise<Summary> {
  const say = hooks.say ?? (() => {});
  const admin = new Api(target.url, target.token);
  const { user } = await admin.get<Session>('/api/v1/auth/session').catch((e: unknown) => {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403))
      throw new SimulationError(`otvet at ${target.url} refused the token (${e.status}): give an admin's API token with the scopes telephony, users, tokens, calls`);
    if (e instanceof ApiError) throw e;
    throw new SimulationError(`cannot reach otvet at ${target.url}: ${(e as Error).message}`);
  });
  if (user.role !== 'admin') throw new SimulationError(`the token acts as ${user.username}, a ${user.role}; the simulator needs an admin's token`);
  const { items } = await admin.get<{ items: RegionInfo[] }>('/api/v1/regions');
  if (!items.length) throw new SimulationError('otvet has no regions yet: load them with `otvet import regions`');
  const wanted = o.regions === 'all' ? items.map((r) => r.code) : o.regions;
  const unknown = wanted.filter((c) => !items.some((r) => r.code === c));
  if (unknown.length) throw new SimulationError(`unknown region(s): ${unknown.join(', ')}`);
  if (user.region !== 'federal' && wanted.some((c) => c !== user.region)) throw new SimulationError(`the token's account works in region ${user.region} only: use --regions ${user.region}`);
  const regions = items.filter((r) => wanted.includes(r.code));
  const population = (rs: RegionInfo[]) => rs.reduce((s, r) => s + r.population, 0);

  const rng = new Rng(o.seed);
  if (clock.speed === 1) clock.runFromNow();
  const start = clock.start;
  const end = start + o.durationMs;
  const model = new ArrivalModel({
    regions,
    basePopulation: o.volumeOf === 'national' ? population(items) : population(regions),
    callsPerDay: o.callsPerDay,
    curve: o.curve,
    topics: demoTopics(),
    surges: o.surges,
  });
  const b = o.behaviour;
  const aht = b.talkSeconds + b.wrapUpSeconds + 4;
  const shifts = roster({ model, regions, staffing: o.staffing, ahtSeconds: aht, start, end, prefix: o.operatorPrefix, label: o.operatorLabel, rng });
  const atStart = shifts.filter((s) => s.start <= start && s.end > start).length;
  const reserve = reserveShifts(o.staffing.reserve ?? Math.max(1, Math.round(atStart * 0.03)), { start, prefix: o.operatorPrefix, label: o.operatorLabel });
  say(`${regions.length} regions, ${shifts.length} operators' shifts (${atStart} on duty at the start) and ${reserve.length} in the federal reserve; preparing their accounts…`);
  let lastSaid = Date.now();
  const accounts = await prepareOperators(admin, [...shifts, ...reserve], o.tokenName, (done, total) => {
    if (Date.now() - lastSaid < 5000) return;
    say(`  accounts ${done}/${total}`);
    lastSaid = Date.now();
  });

  const ledger = new Ledger();
  const edge = new Edge(admin, ledger);
  const world: World = {
    clock,
    edge,
    ledger,
    behaviour: b,
    rng: rng.fork('operators'),
    calls: new Map(),
    operatorsByName: new Map(),
    operatorsById: new Map(),
    finished: (c) => void world.calls.delete(c.id),
  };
  const operators = accounts.map((a: OperatorAccount) => new OperatorSim(a.shift, a.userId, a.api, world));
  for (const op of operators) {
    world.operatorsByName.set(op.username, op);
    world.operatorsById.set(op.userId, op);
  }
  const dispatch = (d: Decision) => {
    const call = world.calls.get(d.callId);
    if (call) return call.onDecision(d);
    // Not a call of ours (a person's, or an earlier run's): only our operators being rung matter.
    if ((d.type === 'connect' || d.type === 'callback') && d.operator) world.operatorsByName.get(d.operator.username)?.offer(d.callId, false);
    if (d.type === 'stop_ringing' && d.operator) world.operatorsById.get(d.operator.id)?.ringStopped(d.callId);
  };
  await edge.listen(dispatch, (e) => ledger.error('decision stream', e));

  let stopping = false;
  let wake = () => {};
  const woken = new Promise<void>((r) => (wake = r));
  const stop = () => {
    stopping = true;
    wake();
  };
  /** Simulated time passing, cut short when the run is stopped. */
  const until = (at: number) => Promise.race([clock.sleepUntil(at), woken]);
  if (hooks.signal?.aborted) stop();
  hooks.signal?.addEventListener('abort', stop);
  const runEnd = Number.isFinite(end) ? end + o.drainMs : Infinity;
  for (const op of operators) op.schedule(start, runEnd);

  // The ACD's timers (ring timeouts, escalation, callback offers) on simulated time.
  let tick: Promise<void> = Promise.resolve();
  if (target.acdTick) {
    const step = Math.max(1000, clock.speed * 10);
    void (async () => {
      // Not raced with the stop: once stopping, `until` resolves at once and this would spin.
      while (!stopping && !clock.isStopped) {
        await clock.sleepUntil(clock.ms() + step);
        if (stopping || clock.isStopped) break;
        tick = target.acdTick!().catch((e: unknown) => ledger.error('acd tick', e));
        await tick;
      }
    })();
  }

  const status = () => {
    const calls = [...world.calls.values()];
    const waiting = calls.filter((c) => c.state === 'waiting').length;
    const callbacks = calls.filter((c) => c.state === 'callback_pending').length;
    const talking = calls.filter((c) => c.state === 'talking').length;
    const on = operators.filter((op) => op.state !== 'off').length;
    const ready = operators.filter((op) => op.state === 'ready').length;
    say(
      `[${moscowTime(clock.ms())} MSK] offered ${ledger.offered} · waiting ${waiting}${callbacks ? ` (+${callbacks} to call back)` : ''} · talking ${talking} · answered ${ledger.answered} · abandoned ${ledger.abandoned} · operators at work ${on} (ready ${ready})`,
    );
  };
  const statusTimer = hooks.statusEveryMs === 0 ? undefined : setInterval(status, hooks.statusEveryMs ?? 5000);
  statusTimer?.unref();

  const stream = new ArrivalStream(model, rng, b, start, end, o.callPrefix);
  const realStart = performance.now();
  clock.run();
  let made = 0;
  for (let a = stream.next(); a && !stopping; a = stream.next()) {
    if (a.at > clock.ms()) await until(a.at);
    if (stopping) break;
    const call = new CallSim(a, world);
    world.calls.set(call.id, call);
    void call.begin();
    if (o.maxCalls !== undefined && ++made >= o.maxCalls) {
      say(`the simulation has made its ${o.maxCalls} calls and lets no more in`);
      break;
    }
  }
  // The run lasts its duration even when the last caller came early.
  if (!stopping && Number.isFinite(end) && (o.maxCalls === undefined || made < o.maxCalls)) await until(end);
  // Arrivals over: calls in progress finish (up to the drain limit); an open-ended run waits to be stopped.
  while (!stopping && (world.calls.size || operators.some((op) => op.busy)) && clock.ms() < runEnd) await until(clock.ms() + 5000);
  if (!Number.isFinite(runEnd)) await woken;
  stop();
  const to = new Date(Math.min(clock.ms(), end));
  // No more timers: what is left is closed here, in order (time itself still runs for the events' "at").
  clock.stop();

  await Promise.all([...world.calls.values()].map((c) => c.close()));
  await Promise.all(operators.map((op) => op.finishNow()));
  await Promise.all(operators.map((op) => op.signOut()));
  clearInterval(statusTimer);
  const realSeconds = (performance.now() - realStart) / 1000;
  edge.close();
  await tick;
  await revokeTokens(
    admin,
    accounts.map((a) => a.tokenId),
  );
  hooks.signal?.removeEventListener('abort', stop);

  const calls = hooks.readBack === false ? [] : await readBackCalls(admin, o.callPrefix, new Date(start), to);
  const { totals, byRegion } = tally(calls, o.staffing.serviceSeconds);
  return {
    seed: o.seed,
    from: new Date(start),
    to,
    speed: clock.speed,
    realSeconds,
    regions: regions.length,
    operators: shifts.length,
    reserve: reserve.length,
    totals,
    byRegion,
    ledger,
    lag: { max: clock.lag.max / 1000, mean: clock.lag.count ? clock.lag.total / clock.lag.count / 1000 : 0 },
    targetSeconds: o.staffing.serviceSeconds,
    regionNames: new Map(items.map((r) => [r.code, r.name])),
  };
}

export type { Shift };
