// `otvet serve`: open and migrate the database, load demo data when asked, listen, and shut down
// cleanly on SIGINT/SIGTERM (finish requests, close the database, release the data folder).
import { createApp } from './app.ts';
import { formatDemoBanner } from './demo/banner.ts';
import { demoAccounts, seedDemo, startDemoHistory } from './demo/seed.ts';
import type { Config } from './platform/config.ts';
import { migrate } from './platform/db/migrate.ts';
import { openDatabase } from './platform/db/open.ts';
import { Loop } from './platform/jobs.ts';
import { createLogger } from './platform/logger.ts';
import { startServices, stopServices } from './services.ts';
import { resolveSecretKey } from './platform/secret-key.ts';
import { startDemoSimulation } from './simulator/index.ts';

export interface ServeOptions {
  demo: boolean;
  /** With demo: simulated calls (default on). */
  simulation?: boolean;
}

export async function serve(config: Config, options: ServeOptions): Promise<void> {
  const log = createLogger(config.log);
  const started = Date.now();
  const db = await openDatabase(config.database);
  let closing = false;
  let stopSimulation: (() => Promise<void>) | undefined;
  try {
    const { applied, version } = await migrate(db, { onApplied: (m) => log.info({ migration: `${m.version}_${m.name}` }, 'migration applied') });
    log.info({ database: db.location, migration: version, applied: applied.length }, 'database ready');
    const { http, services } = await createApp({ config, db, logger: log, options: { secretKey: resolveSecretKey(config), demo: options.demo } });
    if (services.appealMail.mode === 'off') log.warn('SMTP_URL is not set: appellants get no e-mail notices of their appeals');
    else if (services.appealMail.mode === 'demo') log.info({ path: '/demo/mailbox' }, 'demo mode without SMTP_URL: notices to appellants are kept in the demo mailbox, not sent');
    await startServices(services);
    const created = options.demo ? await seedDemo(services, log) : [];

    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 10_000).unref();
      try {
        await stopSimulation?.();
        // (the history's step under way commits whole or not at all; the next start goes on)
        await services.monitoring.history.stop();
        await purge.stop();
        await http.close();
        await stopServices(services);
        await db.close();
      } finally {
        clearTimeout(force);
        process.exit(0);
      }
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));

    // (no await between the handlers above and this: a signal cannot find `purge` undefined)
    // Housekeeping: ended sessions and week-old events are history, not state.
    const purge = new Loop({
      everyMs: 3600_000,
      run: async () => {
        await Promise.all([
          services.login.purgeEndedSessions().catch((err: unknown) => log.warn({ err }, 'session purge failed')),
          services.events.prune(7).catch((err: unknown) => log.warn({ err }, 'event prune failed')),
        ]);
      },
      failed: (err) => log.warn({ err }, 'housekeeping failed'),
    });
    purge.start();

    await http.listen({ port: config.port, host: config.host });
    const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}`;
    log.info({ url, ms: Date.now() - started }, 'otvet is ready');
    // (a CLI command refused this PGlite folder meanwhile can then say where to do it instead)
    db.announce?.(url);
    // (the passwords at the first start only; the addresses every time)
    if (options.demo) process.stdout.write(formatDemoBanner(url, created.length ? created : demoAccounts) + '\n');
    // after listening: the year of history fills in the background, the server answering meanwhile
    // (planned before the simulation's first call: the year ends before today's calls)
    if (options.demo) await startDemoHistory(services, log);
    if (options.demo && options.simulation !== false) stopSimulation = startDemoSimulation(http, services, log);
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }
}
