// Runs once before the suite: builds a migrated template database (PGlite tarball or PostgreSQL
// template database) that every test file clones, and a migrated PGlite data folder that tests of
// the `otvet` command copy instead of migrating one each; and says plainly what the suite runs on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openPostgres, describeUrl } from '../src/platform/db/postgres.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { chromiumPath, hasChromium, pageChecks } from './support/chromium.ts';
import { postgresServerUrls } from './support/postgres-servers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
    /** A migrated data folder (OTVET_DATA_DIR) to copy; see support/cli.ts. */
    dataDirTemplate: string;
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const urls = postgresServerUrls(process.env.TEST_DATABASE_URL ?? '');
  console.log(
    `\n  otvet tests run on ${urls.length ? `PostgreSQL at ${urls.map(describeUrl).join(' and ')} (TEST_DATABASE_URL${urls.length > 1 ? ': one server per worker' : ''})` : 'PGlite, in memory'}` +
      (process.env.TEST_ONLY_DATABASE_FILES === '1' ? '\n  only the test files that use a database (TEST_ONLY_DATABASE_FILES=1)' : '') +
      `\n  browser tests: ${hasChromium ? `on, Chromium at ${chromiumPath}` : `SKIPPED: no Chromium at ${chromiumPath} (apt-get install chromium)`}` +
      (hasChromium && !pageChecks ? '\n  the pages’ own checks (axe-core, screenshots, sideways scrolling): SKIPPED (TEST_PAGE_CHECKS=0)' : '') +
      '\n',
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-test-'));
  const dataDir = path.join(dir, 'data');
  const folder = await openPglite({ dataDir });
  await migrate(folder);
  project.provide('dataDirTemplate', dataDir);
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  if (urls.length) {
    await folder.close();
    // The same template on every server: each worker clones it on its own.
    const name = `otvet_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admins = await Promise.all(
      urls.map(async (url) => {
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        const db = await openPostgres({ url: withDatabase(url, name), poolSize: 2 });
        await migrate(db);
        await db.close();
        return admin;
      }),
    );
    project.provide('postgresTemplate', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      for (const admin of admins) {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
      removeDir();
    };
  }
  const dump = await folder.raw.dumpDataDir('none');
  await folder.close();
  const file = path.join(dir, 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
  return removeDir;
}
