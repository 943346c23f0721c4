import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { filesUsingDatabase } from './test/support/database-files.ts';

// TEST_ONLY_DATABASE_FILES=1 (the PostgreSQL pass of .ci/run): only the files that use a database,
// the rest having run on PGlite already and not depending on the engine.
const onlyDatabaseFiles = process.env.TEST_ONLY_DATABASE_FILES === '1';

export default defineConfig({
  test: {
    include: onlyDatabaseFiles ? filesUsingDatabase(fileURLToPath(new URL('.', import.meta.url))) : ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-file.ts'],
    pool: 'forks',
    // Test files spend much of their time waiting (database, timers, child processes, Chromium):
    // two at once finish sooner even on two cores, where vitest's default would run one.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests must not depend on each other's order or leftovers.
    sequence: { shuffle: { files: false, tests: false } },
  },
});
