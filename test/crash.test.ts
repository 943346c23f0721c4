// Acknowledged means durable: the server is killed (SIGKILL) in the middle of a burst of telephony
// events; after a restart every acknowledged event is there, and every call that was waiting is
// waiting again or closed with a reason.
import { afterAll, describe, expect, it } from 'vitest';
import { cliEnv, cliInProcess, freePort, migratedDir, startServer, type Server } from './support/cli.ts';

const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
});

describe('a crash in the middle of a burst', () => {
  it('loses nothing that was acknowledged', async () => {
    const dir = migratedDir();
    const env = cliEnv({ OTVET_DATA_DIR: dir });
    // (set up in this process; the server is the child that gets killed)
    expect((await cliInProcess(['import', 'regions'], env)).code).toBe(0);
    expect((await cliInProcess(['user', 'add', 'pbx', '--role', 'admin', '--region', 'federal'], env)).code).toBe(0);
    const auditor = await cliInProcess(['user', 'add', 'auditor', '--role', 'admin', '--region', 'federal'], env);
    const auditorPassword = /^password: (\S+)/m.exec(auditor.stdout)![1]!;
    const token = (await cliInProcess(['token', 'create', '--user', 'pbx', '--name', 'pbx', '--scope', 'telephony'], env)).stdout.trim();

    const port = await freePort();
    const server = await startServer([], env, port);
    servers.push(server);
    const acknowledged = new Set<string>();
    const queued = new Set<string>();
    let n = 0;
    let stop = false;
    const sender = async (k: number) => {
      while (!stop) {
        const events = [];
        for (let i = 0; i < 20; i++) {
          const callId = `burst-${k}-${n++}`;
          const at = new Date().toISOString();
          events.push({ id: `${callId}-o`, callId, type: 'offered', at, region: i % 2 ? '77' : '78', caller: '+79160000000' }, { id: `${callId}-q`, callId, type: 'queued', at });
          if (i % 5 === 0) events.push({ id: `${callId}-a`, callId, type: 'abandoned', at: new Date(Date.now() + 1000).toISOString() });
        }
        try {
          const r = await fetch(`${server.url}/api/v1/telephony/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ events }),
          });
          if (r.status !== 200) continue;
          const body = (await r.json()) as { results: { id: string; status: string }[] };
          for (const v of body.results) {
            if (v.status === 'accepted' || v.status === 'duplicate') {
              acknowledged.add(v.id);
              if (v.id.endsWith('-q')) queued.add(v.id.slice(0, -2));
            }
          }
        } catch {
          return; // the server is gone
        }
      }
    };
    const senders = [0, 1, 2, 3].map(sender);
    // In the middle of the burst: once enough is acknowledged, however slowly this machine runs.
    while (acknowledged.size <= 100 && server.child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    // (listening before the kill: the exit may come before the senders notice)
    const exited = new Promise((r) => server.child.once('exit', r));
    server.child.kill('SIGKILL');
    stop = true;
    await Promise.all(senders);
    await exited;
    expect(acknowledged.size).toBeGreaterThan(100);

    const again = await startServer([], env, port);
    servers.push(again);
    const login = await fetch(`${again.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'auditor', password: auditorPassword }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const calls = new Map<string, { state: string; closeReason: string | null; events: { id: string }[] }>();
    for (const callId of new Set([...acknowledged].map((id) => id.slice(0, -2)))) {
      const r = await fetch(`${again.url}/api/v1/calls/${callId}`, { headers: { cookie } });
      expect(r.status, callId).toBe(200);
      calls.set(callId, (await r.json()) as never);
    }
    const stored = new Set([...calls.values()].flatMap((c) => c.events.map((e) => e.id)));
    expect([...acknowledged].filter((id) => !stored.has(id))).toEqual([]);
    for (const callId of queued) {
      const c = calls.get(callId)!;
      expect(c.state === 'waiting' || (c.state === 'abandoned' && c.closeReason !== null), `${callId}: ${c.state}`).toBe(true);
    }
    expect(await again.stop()).toBe(0);
  }, 300_000);
});
