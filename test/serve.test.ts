// `npm start` as a newcomer meets it: an empty data folder becomes a running demo with accounts
// that sign in; a restart reuses the data; a second process on the folder is refused cleanly.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliEnv, cliInProcess, freePort, runCli, startServer, tempDir, type Server } from './support/cli.ts';

const running: Server[] = [];
afterAll(async () => {
  for (const s of running) if (s.child.exitCode === null) s.child.kill('SIGKILL');
});

async function login(url: string, username: string, password: string) {
  return fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
}

// Each start migrates or opens the database in a child process: slow on a loaded machine, so a generous limit.
describe('otvet serve --demo on embedded PGlite', { timeout: 180_000 }, () => {
  const dir = tempDir();
  const env = cliEnv({ OTVET_DATA_DIR: dir });
  let adminPassword = '';

  it('starts on an empty folder, prints demo accounts once, and they sign in', async () => {
    const server = await startServer(['--demo'], env, await freePort());
    running.push(server);
    const out = server.output();
    for (const name of ['operator-77', 'supervisor-77', 'operator-78', 'supervisor-78', 'agency-77', 'editor', 'coordinator', 'admin']) {
      expect(out).toMatch(new RegExp(`^ +${name} +[a-z2-9-]{19} `, 'm'));
    }
    // where to go, and which account opens which app
    expect(out).toMatch(new RegExp(`^ +Staff: sign in here +${server.url}/staff `, 'm'));
    expect(out).toMatch(new RegExp(`^ +Operator workstation +${server.url}/operator +operator-77, `, 'm'));
    adminPassword = /^ +admin +(\S+)/m.exec(out)![1]!;
    const operatorPassword = /^ +operator-77 +(\S+)/m.exec(out)![1]!;
    expect((await login(server.url, 'admin', adminPassword)).status).toBe(200);
    const op = await login(server.url, 'operator-77', operatorPassword);
    expect(((await op.json()) as { user: { region: string } }).user.region).toBe('77');
    const regions = (await (await fetch(`${server.url}/api/v1/regions`)).json()) as { items: unknown[] };
    expect(regions.items).toHaveLength(85);
    // the log never carries the passwords: only the one banner on stdout does
    expect(out.split(adminPassword).length - 1).toBe(1);

    // while it runs, a second otvet on the same folder is refused with a clear message
    const second = await runCli(['user', 'list'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`data folder ${dir.replace(/[/]/g, '\\/')} is in use by otvet process ${server.child.pid}`));
    // and says how to do it all the same: in the server's apps, over its API, or after stopping it
    expect(second.stderr).toContain(`the server at ${server.url}. Only one otvet process may open an embedded database. While it runs, do it there:`);
    expect(second.stderr).toContain(`in its apps: ${server.url}/admin (users`);
    expect(second.stderr).toContain(`${server.url}/api/docs (otvet simulate takes --url ${server.url})`);
    expect(second.stderr).toContain(`or kill ${server.child.pid}) and run this command again`);
    expect((await login(server.url, 'admin', adminPassword)).status).toBe(200);

    expect(await server.stop()).toBe(0);
    expect(fs.existsSync(path.join(dir, 'otvet.lock'))).toBe(false);
  });

  it('a second start reuses the folder: no new accounts, the same passwords work', async () => {
    const server = await startServer(['--demo'], env, await freePort());
    running.push(server);
    expect(server.output()).not.toMatch(/Demo accounts/);
    expect(server.output()).not.toContain(adminPassword);
    expect(server.output()).toMatch(new RegExp(`^ +Staff: sign in here +${server.url}/staff `, 'm'));
    expect((await login(server.url, 'admin', adminPassword)).status).toBe(200);
    expect(await server.stop()).toBe(0);
  });

  it('takes over the lock of a process that died', async () => {
    fs.writeFileSync(path.join(dir, 'otvet.lock'), JSON.stringify({ pid: 999999, hostname: (await import('node:os')).hostname(), startedAt: 'then', command: 'serve' }));
    const r = await cliInProcess(['user', 'list'], env);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/admin/);
  });
});

describe('start-up refuses bad configuration with a message naming the problem', { timeout: 60_000 }, () => {
  it('a bad environment variable', async () => {
    const r = await cliInProcess(['serve'], cliEnv({ PORT: 'eighty', SESSION_TTL_HOURS: '0', OTVET_DATA_DIR: tempDir() }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/PORT="eighty": must be a whole number/);
    expect(r.stderr).toMatch(/SESSION_TTL_HOURS="0": must be at least 1/);
  });

  it('an unreachable PostgreSQL, naming host and port', async () => {
    const r = await cliInProcess(['migrate'], cliEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/otvet', OTVET_SECRET_KEY: Buffer.alloc(32, 1).toString('base64') }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot reach PostgreSQL at 127\.0\.0\.1:1\/otvet: connection refused/);
  });
});
