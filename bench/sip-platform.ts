// bench:sip's otvet: the real app in this process on embedded PGlite (or PostgreSQL when
// DATABASE_URL is set: a database of its own, dropped at the end), the regions loaded, the ACD
// running, listening on a loopback port. Its accounts: the edge's (a telephony-scoped token), an
// admin's token for the setup, and the operators of region 77, each with a SIP password set
// through the API. The queues close wrap-up at once and never offer a callback: each operator is
// free again as soon as a call ends, and a waiting caller hears hold music only.
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.ts';
import { systemActor } from '../src/platform/access/principal.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Db } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { createLogger } from '../src/platform/logger.ts';
import { demoRegionsFile, readRegionsFile } from '../src/regions/index.ts';
import { startServices, stopServices } from '../src/services.ts';
import { serverDatabase } from './support.ts';
import { masterKey } from '../src/platform/crypto/master-key.ts';

export const REGION = '77';
export const SIP_PASSWORD = 'bench-sip-phone-secret-77';

export interface CallSummary {
  total: number;
  byState: Record<string, number>;
  /** Still with the caller: in the IVR, waiting, ringing, talking. */
  live: number;
  /** A topic chosen in the IVR (ivr_choice). */
  withTopic: number;
  /** Answered by an operator. */
  answered: number;
}

export interface Platform {
  url: string;
  /** 'PGlite' or 'PostgreSQL'. */
  engine: string;
  /** The edge's token: telephony scope, federal. */
  edgeToken: string;
  /** Operators of region 77 with a SIP password, in order. */
  operators: string[];
  /** Puts these operators in a state, as each would on the workstation. */
  setState(usernames: string[], state: 'ready' | 'break'): Promise<void>;
  /** otvet's record of region 77's calls offered since then. */
  calls(since: Date): Promise<CallSummary>;
  close(): Promise<void>;
}

async function openDb(): Promise<{ db: Db; engine: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { db: await openPglite({}), engine: 'PGlite' };
  return { db: await serverDatabase(url, { prefix: 'benchsip', poolSize: 20 }), engine: 'PostgreSQL' };
}

export async function startPlatform(o: { operators: number }): Promise<Platform> {
  const { db, engine } = await openDb();
  await migrate(db);
  const logger = createLogger({ level: (process.env.BENCH_LOG as 'error') ?? 'silent', format: 'json' });
  // (the bench's accounts get cheap password hashes: scrypt's cost is no part of what is measured)
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '10000' }), passwordHashCost: 4 };
  const { http, services } = await createApp({ config, db, logger, options: { secretKey: Buffer.alloc(32, 7), masterKeys: { current: masterKey(Buffer.alloc(32, 5)), previous: [] } } });
  const actor = systemActor('bench');
  await services.regions.importRecords(actor, readRegionsFile(demoRegionsFile));
  await startServices(services, { waitForAcd: true });
  await http.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
  const close = async () => {
    await http.close();
    await stopServices(services);
    await db.close();
  };
  try {
    for (const q of services.cc.queues.all()) {
      await db.transaction((tx) => services.cc.queues.update(tx, q.id, { wrapUpSeconds: 0, callbackThresholdSeconds: 86_400 }));
    }
    await services.cc.queues.load();

    const { user: admin } = await services.users.create(actor, { username: 'bench-admin', displayName: 'bench admin', role: 'admin', region: 'federal', password: 'bench-password-1' });
    const { secret: adminToken } = await services.tokens.create(actor, { user: admin.id, name: 'bench:sip setup' });
    const { user: edgeUser } = await services.users.create(actor, { username: 'bench-edge', displayName: 'edge', role: 'admin', region: 'federal', password: 'bench-password-1' });
    const { secret: edgeToken } = await services.tokens.create(actor, { user: edgeUser.id, name: 'bench:sip edge', scopes: ['telephony'] });

    const operators: { id: number; username: string }[] = [];
    for (let i = 0; i < o.operators; i++) {
      const username = `bench-op-${String(i).padStart(4, '0')}`;
      const { user } = await services.users.create(actor, { username, displayName: username, role: 'operator', region: REGION, password: 'bench-password-1' });
      operators.push({ id: user.id, username });
    }
    // Their SIP passwords as an admin sets them (otvet keeps the digest HA1s the edge's registrar reads).
    const put = async (username: string) => {
      const r = await fetch(`${url}/api/v1/operators/${username}/sip-password`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ password: SIP_PASSWORD }),
      });
      if (r.status !== 204) throw new Error(`${username}'s SIP password: ${r.status} ${await r.text()}`);
    };
    for (let i = 0; i < operators.length; i += 20) await Promise.all(operators.slice(i, i + 20).map((op) => put(op.username)));

    const byName = new Map(operators.map((op) => [op.username, op]));
    return {
      url,
      engine,
      edgeToken,
      operators: operators.map((op) => op.username),
      async setState(usernames, state) {
        for (const username of usernames) {
          const op = byName.get(username)!;
          await services.cc.agents.setOwnState({ principal: { userId: op.id, username, displayName: username, role: 'operator', region: REGION, via: 'session' }, via: 'session' }, state);
        }
      },
      async calls(since) {
        const r = await db.query<{ state: string; n: string; topic: string; answered: string }>(
          `SELECT state, count(*) AS n, count(topic) AS topic, count(answered_at) AS answered
             FROM cc_calls WHERE region_code = $1 AND offered_at >= $2 GROUP BY state`,
          [REGION, since.toISOString()],
        );
        const byState = Object.fromEntries(r.rows.map((row) => [row.state, Number(row.n)]));
        const sum = (f: (row: (typeof r.rows)[number]) => string) => r.rows.reduce((n, row) => n + Number(f(row)), 0);
        const live = ['pending', 'ivr', 'waiting', 'ringing', 'talking'].reduce((n, st) => n + (byState[st] ?? 0), 0);
        return { total: sum((row) => row.n), byState, live, withTopic: sum((row) => row.topic), answered: sum((row) => row.answered) };
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
