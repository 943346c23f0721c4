// Starts the real app on a loopback port over a fresh test database, with the regions loaded,
// and builds the accounts a test needs.
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.ts';
import { masterKey } from '../../src/platform/crypto/master-key.ts';
import { systemActor, type Role } from '../../src/platform/access/principal.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { createLogger, type Logger } from '../../src/platform/logger.ts';
import { demoRegionsFile, readRegionsFile } from '../../src/regions/index.ts';
import { seedNavigator, startServices, stopServices, type Services } from '../../src/services.ts';
import { testDatabase } from './database.ts';
import { Client } from './http-client.ts';
import { testEnv } from './test-env.ts';

export const PASSWORD = 'correct-horse-battery';
export const TEST_KEY = Buffer.alloc(32, 42);
export const TEST_MASTER_KEYS = { current: masterKey(Buffer.alloc(32, 7)), previous: [] };

export interface TestApp {
  url: string;
  db: Db;
  services: Services;
  /** from: the address a trusted proxy (TRUST_PROXY=127.0.0.1) says the client has. */
  client(from?: string): Client;
  /** Creates an account and returns a client signed in as it. */
  as(role: Role, region: string, username?: string): Promise<Client & { userId: number; username: string }>;
  user(role: Role, region: string, username?: string): Promise<{ id: number; username: string }>;
  close(): Promise<void>;
}

let counter = 0;

export async function startApp(overrides: Partial<Config> = {}, opts: { acd?: boolean; clock?: () => Date; wrapDb?: (db: Db) => Db; logger?: Logger; demo?: boolean } = {}): Promise<TestApp> {
  const fresh = await testDatabase();
  // (a test may stand between the app and its database: to hold or fail commits, say)
  const db = opts.wrapDb ? opts.wrapDb(fresh) : fresh;
  // Tests sign in far more often than people; the per-address limit has its own test.
  const config = { ...loadConfig({ ...testEnv, LOGIN_RATE_PER_MINUTE: '10000', APPEALS_RATE_PER_MINUTE: '10000' }), ...overrides };
  const logger = opts.logger ?? createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', format: 'json' });
  const { http, services } = await createApp({
    config,
    db,
    logger,
    options: { secretKey: TEST_KEY, masterKeys: TEST_MASTER_KEYS, ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.demo ? { demo: true } : {}) },
  });
  await services.regions.importRecords(systemActor(), readRegionsFile(demoRegionsFile));
  await startServices(services, { waitForAcd: true, acd: opts.acd ?? true });
  // the navigator's demo catalogue, published (as serve --demo has it)
  await seedNavigator(services);
  await http.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;

  const user = async (role: Role, region: string, username = `${role.replace('_', '-')}-${region}-${++counter}`) => {
    const { user } = await services.users.create(systemActor(), { username, displayName: username, role, region, password: PASSWORD });
    return { id: user.id, username };
  };

  return {
    url,
    db,
    services,
    client: (from) => new Client(url, from ? { 'x-forwarded-for': from } : {}),
    user,
    async as(role, region, username) {
      const u = await user(role, region, username);
      const c = await new Client(url).login(u.username, PASSWORD);
      return Object.assign(c, { userId: u.id, username: u.username });
    },
    async close() {
      await http.close();
      await stopServices(services);
      await db.close();
    },
  };
}
