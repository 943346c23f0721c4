// Demo mode (`npm start`): a gentle simulation in real time, so a newcomer sees calls arrive, wait,
// ring, get answered and wrapped up, and the supervisor view move. About three calls a minute
// across Moscow, Saint Petersburg and a few large regions, answered by a handful of demo operators
// (demo-op-…); capped, so a laptop's database stays small. The demo accounts (operator-77 …) can
// join in: signed in and ready, they are rung like anyone else.
import type { AddressInfo } from 'node:net';
import type { App } from '../platform/http/types.ts';
import type { Logger } from '../platform/logger.ts';
import type { Services } from '../services.ts';
import { SimClock } from './clock.ts';
import { loopbackUrl, simulatorToken } from './in-process.ts';
import { defaultBehaviour, defaultOptions, defaultStaffing, type SimulationOptions } from './options.ts';
import { runSimulation } from './simulation.ts';

export const DEMO_REGIONS = ['77', '78', '50', '66', '16', '23'];

export function demoOptions(overrides: Partial<SimulationOptions> = {}): SimulationOptions {
  const run = Date.now().toString(36);
  return defaultOptions({
    regions: DEMO_REGIONS,
    // three calls a minute across the demo regions, as much at night as by day
    callsPerDay: 3 * 60 * 24,
    volumeOf: 'selected',
    curve: new Array<number>(24).fill(1),
    durationMs: Infinity,
    speed: 1,
    maxCalls: 1000,
    behaviour: { ...defaultBehaviour, talkSeconds: 75, wrapUpSeconds: 15, patienceSeconds: 150, noAnswer: 0.05 },
    staffing: { ...defaultStaffing, factor: 1, reserve: 1, breaks: false },
    callPrefix: `demo-${run}`,
    operatorPrefix: 'demo-op',
    operatorLabel: 'Демо',
    tokenName: 'otvet demo simulation',
    ...overrides,
  });
}

/**
 * Starts the demo simulation against the app (already listening) in the background; returns the
 * function that stops it cleanly (calls closed, operators signed out, tokens revoked).
 */
export function startDemoSimulation(http: App, services: Services, log: Logger, overrides: Partial<SimulationOptions> = {}): () => Promise<void> {
  const controller = new AbortController();
  const o = demoOptions(overrides);
  const running = (async () => {
    const url = loopbackUrl(http.server.address() as AddressInfo);
    const token = await simulatorToken(services, 'demo-telephony', o.tokenName);
    try {
      log.info(
        { regions: DEMO_REGIONS, callsPerMinute: Math.round(o.callsPerDay / 1440), maxCalls: o.maxCalls },
        'demo: simulated calls are flowing (operators demo-op-…); start with --no-simulation to turn them off',
      );
      await runSimulation(o, { url, token: token.secret }, new SimClock(Date.now(), 1), {
        signal: controller.signal,
        readBack: false,
        statusEveryMs: 0,
        say: (line) => log.debug({ simulation: line }, 'demo simulation'),
      });
    } finally {
      await services.tokens.revoke({ principal: null, via: 'system', name: 'simulator' }, token.id).catch(() => {});
    }
  })().catch((err: unknown) => {
    if (!controller.signal.aborted) log.warn({ err }, 'demo: the simulation stopped');
  });
  return async () => {
    controller.abort();
    await Promise.race([running, new Promise((r) => setTimeout(r, 5000).unref())]);
  };
}
