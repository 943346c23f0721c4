import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { filesUsingDatabase } from './test/support/database-files.ts';
import { postgresServerUrls } from './test/support/postgres-servers.ts';

// TEST_ONLY_DATABASE_FILES=1 (the PostgreSQL pass of .ci/run): only the files that use a database,
// the rest having run on PGlite already and not depending on the engine.
const postgresServers = postgresServerUrls(process.env.TEST_DATABASE_URL ?? '');
const onlyDatabaseFiles = process.env.TEST_ONLY_DATABASE_FILES === '1';

function testWorkers(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[1-9][0-9]?$/.test(value)) throw new Error(`TEST_WORKERS must be a whole number from 1 to 99, not "${value}"`);
  return Number(value);
}

// Files that need a process of their own: the generated OpenAPI document changes when other files
// have loaded the API's schemas first.
const ownProcess = ['src/openapi.test.ts'];

const shared = {
  setupFiles: ['test/setup-file.ts'],
  pool: 'forks' as const,
  testTimeout: 30_000,
  hookTimeout: 60_000,
  // Tests must not depend on each other's order or leftovers.
  sequence: { shuffle: { files: false, tests: false } },
};

export default defineConfig({
  test: {
    // Test files spend much of their time waiting (timers, SIP calls in real time, child processes,
    // Chromium): on two cores, two workers kept the CPU only half busy and three finished the suite
    // in ~155 s instead of ~195 s (vitest's default would run one); more cores, one fewer than them.
    // On PostgreSQL, though, one worker per server (TEST_DATABASE_URL may name several): event
    // delivery and the rollups wait for the oldest transaction open anywhere on the server (the
    // commit horizon), so one file's open transactions would hold back another's events and the
    // tests that read them at once.
    // TEST_WORKERS sets the number on PGlite (.ci/run: the same as its PostgreSQL servers).
    maxWorkers: postgresServers.length || testWorkers(process.env.TEST_WORKERS) || Math.max(3, os.availableParallelism() - 1),
    projects: [
      {
        test: {
          ...shared,
          name: 'suite',
          include: onlyDatabaseFiles ? filesUsingDatabase(fileURLToPath(new URL('.', import.meta.url))) : ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...ownProcess],
          globalSetup: ['test/global-setup.ts'],
          // A worker process runs file after file without loading every module afresh for each
          // (that was a good part of the suite's time). Each file still gets its own databases and
          // apps, and a file that changes globals (timers, EventSource) puts them back.
          isolate: false,
        },
      },
      ...(onlyDatabaseFiles ? [] : [{ test: { ...shared, name: 'own process', include: ownProcess, isolate: true } }]),
    ],
  },
});
