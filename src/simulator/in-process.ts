// `otvet simulate` without --url: the app built here, on the configured database (or a fresh one in
// memory), listening on a loopback port that only the simulation uses. Faster than real time, the
// app gets the simulation's clock — its ACD's timers run as simulated seconds pass — and the
// simulated time runs in the past, so that no event is "in the future" for the events API, whose
// own clock stays the wall clock.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createApp } from '../app.ts';
import { systemActor } from '../platform/access/principal.ts';
import type { Config } from '../platform/config.ts';
import { migrate } from '../platform/db/migrate.ts';
import { openDatabase } from '../platform/db/open.ts';
import { openPglite } from '../platform/db/pglite.ts';
import type { Logger } from '../platform/logger.ts';
import { resolveSecretKey } from '../platform/secret-key.ts';
import { demoRegionsFile, readRegionsFile } from '../regions/index.ts';
import { startServices, stopServices, type Services } from '../services.ts';
import { SimClock } from './clock.ts';
import { SimulationError, type SimulationOptions } from './options.ts';
import { runSimulation, type RunHooks } from './simulation.ts';
import type { Summary } from './summary.ts';
import { masterKey, resolveMasterKeys } from '../platform/crypto/master-key.ts';

/** What the simulator's own account may do: report calls, make operators and their tokens, read calls. */
export const SIMULATOR_SCOPES = ['telephony', 'users', 'tokens', 'calls'];

/**
 * The simulator's admin account (made once) and a token for this run: the one thing done through
 * the services directly, since nothing can sign in to an app that has no account yet.
 */
export async function simulatorToken(services: Services, username: string, tokenName: string): Promise<{ id: number; secret: string }> {
  const actor = systemActor('simulator');
  let userId: number;
  try {
    userId = (await services.users.create(actor, { username, displayName: 'Симулятор: телефония', role: 'admin', region: 'federal' })).user.id;
  } catch (e) {
    if ((e as { code?: string }).code !== 'user.username_taken') throw e;
    const user = await services.users.get(actor, username);
    if (user.disabledAt) throw new SimulationError(`the account ${username} is disabled; enable it (otvet user enable ${username}) to simulate`);
    userId = user.id;
  }
  const { token, secret } = await services.tokens.create(actor, { user: userId, name: tokenName, expiresInDays: 1, scopes: SIMULATOR_SCOPES });
  return { id: token.id, secret };
}

export function loopbackUrl(address: AddressInfo): string {
  if (address.family === 'IPv6') return `http://[${address.address === '::' ? '::1' : address.address}]:${address.port}`;
  return `http://${address.address === '0.0.0.0' ? '127.0.0.1' : address.address}:${address.port}`;
}

export interface InProcessSetup {
  config: Config;
  log: Logger;
  /** A fresh database in memory instead of the configured one. */
  memory: boolean;
  /** Told once the app is up (e.g. to print where it listens). */
  onReady?: (url: string) => void;
}

export async function simulateInProcess(o: SimulationOptions, setup: InProcessSetup, hooks: RunHooks = {}): Promise<Summary> {
  const accelerated = o.speed !== 1;
  const clock = new SimClock(o.start.getTime(), o.speed);
  const db = setup.memory ? await openPglite({}) : await openDatabase(setup.config.database);
  try {
    await migrate(db);
    const secretKey = setup.memory ? randomBytes(32) : resolveSecretKey(setup.config);
    const masterKeys = setup.memory ? { current: masterKey(randomBytes(32)), previous: [] } : resolveMasterKeys(setup.config);
    const { http, services } = await createApp({ config: setup.config, db, logger: setup.log, options: { secretKey, masterKeys, ...(accelerated ? { clock: () => clock.now() } : {}) } });
    try {
      const actor = systemActor('simulator');
      if ((await services.regions.count()) === 0) await services.regions.importRecords(actor, readRegionsFile(demoRegionsFile));
      await startServices(services, { waitForAcd: true, acd: !accelerated });
      // Simulated time: the ACD's timers are driven by the run (its own interval is left idle).
      if (accelerated) await services.cc.acd.start(24 * 3600_000);
      await http.listen({ port: 0, host: '127.0.0.1' });
      const url = loopbackUrl(http.server.address() as AddressInfo);
      setup.onReady?.(url);
      const token = await simulatorToken(services, 'simulator', o.tokenName);
      try {
        return await runSimulation(o, { url, token: token.secret, ...(accelerated ? { acdTick: () => services.cc.acd.tick() } : {}) }, clock, hooks);
      } finally {
        await services.tokens.revoke(actor, token.id).catch(() => {});
      }
    } finally {
      await http.close();
      await stopServices(services);
    }
  } finally {
    await db.close();
  }
}
