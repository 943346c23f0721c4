// The `otvet` command as an administrator uses it: every command group at least once for real, as a
// child process; the rest in this process (the same program, without starting node each time).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliEnv, cliInProcess, migratedDir, runCli, tempDir } from './support/cli.ts';

describe('otvet CLI: help and arguments', () => {
  it('has --help everywhere', async () => {
    for (const args of [
      [],
      ['serve'],
      ['edge'],
      ['migrate'],
      ['user'],
      ['user', 'add'],
      ['user', 'list'],
      ['user', 'disable'],
      ['user', 'enable'],
      ['user', 'password'],
      ['token', 'create'],
      ['token', 'list'],
      ['token', 'revoke'],
      ['import', 'regions'],
      ['kb', 'import'],
      ['kb', 'export'],
      ['simulate'],
      ['rollups', 'rebuild'],
      ['openapi'],
    ]) {
      const r = await cliInProcess([...args, '--help']);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/^Usage: otvet/);
    }
  });

  it('says what is wrong with arguments', async () => {
    const role = await cliInProcess(['user', 'add', 'someone', '--role', 'boss', '--region', '77']);
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/--role "boss"/);
    const missing = await cliInProcess(['user', 'add', 'someone']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/required option '--role <role>'/);
    const when = await cliInProcess(['rollups', 'rebuild', '--from', 'yesterday', '--to', '2026-11-29']);
    expect(when.code).toBe(2);
    expect(when.stderr).toMatch(/--from "yesterday": expected a date such as 2026-11-01/);
    expect((await cliInProcess(['rollups', 'rebuild', '--from', '2026-11-30', '--to', '2026-11-29'])).stderr).toMatch(/--from .* must be before --to/);
    // The edge's configuration: every bad variable named, as the edge's own message says it, exit code 2.
    const edge = await cliInProcess(['edge'], cliEnv({ OTVET_URL: 'ftp://otvet', EDGE_TRUNKS: '10.0.0.5=777' }));
    expect(edge.code).toBe(2);
    expect(edge.stderr).toMatch(/^The edge's configuration is invalid:\n/);
    expect(edge.stderr).toMatch(/OTVET_URL="ftp:\/\/otvet": must be an http\(s\) URL/);
    expect(edge.stderr).toMatch(/OTVET_TOKEN: required/);
    expect(edge.stderr).toMatch(/EDGE_TRUNKS="10.0.0.5=777": .*region must be a two-digit code/);
    const unknown = await cliInProcess(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
  });
});

// Each child starts node and opens the database: seconds each on a loaded machine, so a generous limit.
describe('otvet CLI', { timeout: 180_000 }, () => {
  const dir = tempDir();
  const env = cliEnv({ OTVET_DATA_DIR: dir });

  it('a spawned `otvet --help` answers with the usage', async () => {
    const r = await runCli(['--help'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: otvet/);
  });

  it('openapi --check finds the committed document current', async () => {
    const r = await runCli(['openapi', '--check', fileURLToPath(new URL('../openapi/openapi.json', import.meta.url))], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('migrates, imports regions with progress lines, and is idempotent', async () => {
    const m = await runCli(['migrate'], env);
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/applied 0001_regions/);
    const status = await cliInProcess(['migrate', '--status'], env);
    expect(status.stdout).toMatch(/up to date/);
    const first = await runCli(['import', 'regions'], env);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^regions: 85\/85$/m); // plain lines, not a bar, when not on a terminal
    expect(first.stdout).toMatch(/85 added, 0 updated, 0 unchanged/);
    expect((await cliInProcess(['import', 'regions'], env)).stdout).toMatch(/0 added, 0 updated, 85 unchanged/);
  });

  it('refuses a bad regions file whole, naming the records', async () => {
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        { code: '77', name: 'Москва', federal_district: 'Ц', timezone: 'Europe/Moscow', population: 1 },
        { code: '7', name: '' },
      ]),
    );
    const r = await cliInProcess(['import', 'regions', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/record 2 \(code\)/);
    expect(r.stderr).toMatch(/nothing imported/);
    const list = await cliInProcess(['import', 'regions'], env);
    expect(list.stdout).toMatch(/85 unchanged/); // Москва was not renamed by the refused file
  });

  it('adds, lists, disables accounts and manages tokens', async () => {
    const add = await runCli(['user', 'add', 'Petrova', '--role', 'supervisor', '--region', '78', '--name', 'Петрова Е.'], env);
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/created user petrova .*supervisor, 78/);
    expect(add.stdout).toMatch(/password: [a-z2-9-]{19}/);
    const withStdin = await runCli(['user', 'add', 'machine-77', '--role', 'admin', '--region', '77', '--password-stdin'], env, 'a-long-enough-password\n');
    expect(withStdin.stdout).not.toMatch(/password:/);

    const token = await runCli(['token', 'create', '--user', 'machine-77', '--name', 'PBX 77'], env);
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^otvet_[\w-]+$/);
    expect((await cliInProcess(['token', 'list'], env)).stdout).toMatch(/machine-77 +PBX 77 +\(never used\)/);
    const id = /created token (\d+)/.exec(token.stderr)![1]!;
    expect((await cliInProcess(['token', 'revoke', id], env)).stdout).toMatch(/revoked token/);

    expect((await cliInProcess(['user', 'disable', 'petrova'], env)).code).toBe(0);
    const list = await cliInProcess(['user', 'list', '--all'], env);
    expect(list.stdout).toMatch(/petrova +supervisor +78 +disabled/);
    expect(list.stdout).toMatch(/machine-77 +admin +77 +active/);
  });

  it('says what is wrong with the data it is given', async () => {
    const region = await cliInProcess(['user', 'add', 'someone', '--role', 'operator', '--region', '99'], env);
    expect(region.code).toBe(1);
    expect(region.stderr).toMatch(/There is no region 99/);
    expect((await cliInProcess(['user', 'disable', 'nobody'], env)).stderr).toMatch(/There is no user nobody/);
    const rebuilt = await runCli(['rollups', 'rebuild', '--from', '2026-11-01', '--to', '2026-11-02T00:00:00+03:00'], env);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toMatch(/rebuilt the rollups of 2026-11-01T00:00:00.000Z to 2026-11-01T21:00:00.000Z from 0 calls/);
  });

  it('refuses a database from a newer otvet', async () => {
    const other = migratedDir();
    const e = cliEnv({ OTVET_DATA_DIR: other });
    const { openPglite } = await import('../src/platform/db/pglite.ts');
    const db = await openPglite({ dataDir: other });
    await db.query("INSERT INTO schema_migrations (version, name, checksum) VALUES (999, 'future', 'x')");
    await db.close();
    const r = await cliInProcess(['user', 'list'], e);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/migrated by a newer otvet: it is at migration 999/);
  });
});
