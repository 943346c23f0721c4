// The edge killed (SIGKILL) with calls in progress and started again on the same data folder, with
// real peers: otvet in-process (its ACD), rtpengine, `otvet edge` as a child process, a SIPp operator
// phone registered with digest, one SIPp caller talking to it and a second waiting in the queue.
// After the restart: otvet has every event the first run reported exactly once, the conversation is
// `ended` and the waiting call `abandoned`, both with the reason `edge_restarted`; the operator is
// in wrap-up, not `talking`; their phone got a BYE; rtpengine holds neither call; the record of open
// calls is empty and never held the caller's number. Also a restart while rtpengine does not answer:
// the calls are ended all the same, and the edge does not wait on rtpengine call after call.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger.ts';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import { freePort } from '../../../test/support/cli.ts';
import { startEdgeProcess, type EdgeProcess } from '../../../test/support/edge-process.ts';
import type { Client } from '../../../test/support/http-client.ts';
import { hasRtpengine, reportMissingRtpengine, startRtpengine, type RunningRtpengine } from '../../../test/support/rtpengine.ts';
import { TestPhone } from '../../../test/support/sip-phone.ts';
import { freeUdpPort, reportMissingSipp, runSipp, sippPath, type SippRun } from '../../../test/support/sipp.ts';
import { edgeClient, event, offered } from '../../../test/support/telephony.ts';
import { until } from '../../../test/support/until.ts';
import { JOURNAL_FILE } from '../otvet/journal.ts';
import { loadEdgeConfig } from './config.ts';
import { startEdge as startEdgeHere } from './edge.ts';
import { OPEN_CALLS_FILE, OpenCalls } from './open-calls.ts';

reportMissingSipp('src/telephony/edge/edge-restart.test.ts');
reportMissingRtpengine('src/telephony/edge/edge-restart.test.ts');

const SIP_PASSWORD = 'phone-secret-77-restart';
const TRUNK = '127.0.0.2';
const NUMBER = /79161234512|9161234512/;

type Event = { id: string; type: string; data: Record<string, unknown> };
type Call = { callId: string; state: string; closeReason: string | null; events: Event[] };

describe.skipIf(!sippPath || !hasRtpengine)('the edge killed with calls in progress and started again', () => {
  let app: TestApp;
  let engine: RunningRtpengine;
  let supervisor: Client;
  let operator: Client & { username: string; userId: number };
  let dataDir: string;
  let env: Record<string, string>;
  const edges: EdgeProcess[] = [];
  const sipps: SippRun[] = [];

  const startEdge = async () => {
    const edge = await startEdgeProcess({ ...env, EDGE_SIP_UDP: `127.0.0.1:${await freeUdpPort()}`, EDGE_METRICS: `127.0.0.1:${await freePort()}` });
    edges.push(edge);
    return edge;
  };
  const sipOf = (edge: EdgeProcess) => {
    const [, address, port] = edge.sip.find((a) => a.startsWith('udp:'))!.split(':');
    return { transport: 'udp' as const, address: address!, port: Number(port) };
  };
  const call = async (callId: string) => (await supervisor.get(`/api/v1/calls/${callId}`)).body as Call;
  /** The events the edge reported for a call (otvet's own have other ids). */
  const reported = (c: Call) => c.events.filter((e) => e.id.startsWith(`${c.callId}-`));
  const callerWaiting = async (): Promise<SippRun> => {
    const run = runSipp({
      scenario: 'caller-waits.xml',
      host: TRUNK,
      remote: `127.0.0.1:${sipOf(edges[0]!).port}`,
      service: '122',
      callIdFormat: '79161234512-%u-%p@%s',
      port: await freeUdpPort(false, TRUNK),
      mediaPort: await freeUdpPort(true, TRUNK),
      timeoutSeconds: 180,
    });
    sipps.push(run);
    return run;
  };

  beforeAll(async () => {
    app = await startApp();
    const token = (await edgeClient(app, '77')).token!;
    supervisor = await app.as('supervisor', '77');
    operator = await app.as('operator', '77');
    expect((await operator.put(`/api/v1/operators/${operator.username}/sip-password`, { password: SIP_PASSWORD })).status).toBe(204);
    const dtmfPort = await freeUdpPort();
    engine = await startRtpengine({ dtmfLogPort: dtmfPort });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-edge-restart-'));
    env = {
      OTVET_URL: app.url,
      OTVET_TOKEN: token,
      EDGE_TRUNKS: `${TRUNK}=77`,
      EDGE_SIP_TCP: 'off',
      EDGE_SIP_WS: 'off',
      EDGE_RTPENGINE: `127.0.0.1:${engine.ngPort}`,
      EDGE_DTMF: `127.0.0.1:${dtmfPort}`,
      EDGE_DATA_DIR: dataDir,
    };
  }, 60_000);

  afterAll(async () => {
    for (const run of sipps) run.kill();
    for (const edge of edges) await edge.kill('SIGTERM');
    await engine?.stop();
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends the calls the killed run left: every event once, the conversation ended, the waiting call abandoned, the operator out of talking', async () => {
    const first = await startEdge();
    // The operator's phone registers (digest) from the port the SIPp phone then listens on.
    const phone = await TestPhone.open('udp', sipOf(first), { user: operator.username, password: SIP_PASSWORD });
    expect((await phone.register()).status).toBe(200);
    const phonePort = phone.port;
    await phone.close();
    const phoneSipp = runSipp({ scenario: 'operator.xml', port: phonePort, mediaPort: await freeUdpPort(true), timeoutSeconds: 180 });
    sipps.push(phoneSipp);
    expect((await operator.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);

    // One caller talks to the operator; a second waits in the queue behind them.
    await callerWaiting();
    const talking = await until(
      'the first caller talking to the operator',
      async () => {
        const items = (await supervisor.get('/api/v1/calls?region=77')).body.items as Call[];
        return items.find((c) => c.state === 'talking')?.callId;
      },
      60_000,
    );
    expect(((await operator.get('/api/v1/agent')).body as { state: string }).state).toBe('talking');
    await callerWaiting();
    const waiting = await until(
      'the second caller waiting',
      async () => {
        const items = (await supervisor.get('/api/v1/calls?region=77')).body.items as Call[];
        return items.find((c) => c.state === 'waiting')?.callId;
      },
      60_000,
    );
    const before = {
      talking: await until('the conversation reported', async () => {
        const c = await call(talking);
        return reported(c).some((e) => e.type === 'answered') ? reported(c).map((e) => e.id) : undefined;
      }),
      waiting: await until('the waiting call reported', async () => {
        const c = await call(waiting);
        return reported(c).some((e) => e.type === 'queued') ? reported(c).map((e) => e.id) : undefined;
      }),
    };
    expect((await call(talking)).events.filter((e) => e.id.startsWith(`${talking}-`)).map((e) => e.type)).toEqual(['offered', 'ivr_choice', 'queued', 'ringing', 'answered']);
    // rtpengine holds both calls now (so that it holds neither later means something).
    await engine.client.query(talking);
    await engine.client.query(waiting);

    await first.kill('SIGKILL');

    // What the killed run left: both calls open (the conversation with its operator), no caller's number.
    const record = fs.readFileSync(path.join(dataDir, OPEN_CALLS_FILE), 'utf8');
    expect(record).toContain(talking);
    expect(record).toContain(waiting);
    expect(record).toContain(`"operator":"${operator.username}"`);
    expect(record).not.toMatch(NUMBER);
    // Events it had not had otvet's word on yet (if any) must reach otvet too, once.
    const journal = fs
      .readFileSync(path.join(dataDir, JOURNAL_FILE), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { event?: { id: string }; done?: string[] });
    const done = new Set(journal.flatMap((l) => l.done ?? []));
    const unsent = journal.flatMap((l) => (l.event && !done.has(l.event.id) ? [l.event.id] : []));

    const second = await startEdge();
    expect(second.lines.find((l) => l.msg?.toString().startsWith('calls left open by the last run'))).toMatchObject({ calls: 2, talking: 1 });

    const [ended, abandoned] = await until(
      'both calls closed in otvet',
      async () => {
        const [a, b] = [await call(talking), await call(waiting)];
        return a.state === 'wrap_up' && b.state === 'abandoned' ? [a, b] : undefined;
      },
      30_000,
    );
    // Every event of the first run once, then the restart's end, with its reason.
    expect(reported(ended).map((e) => e.id)).toEqual([...before.talking, `${talking}-restart`]);
    expect(reported(abandoned).map((e) => e.id)).toEqual([...before.waiting, `${waiting}-restart`]);
    for (const c of [ended, abandoned]) expect(new Set(c.events.map((e) => e.id)).size).toBe(c.events.length);
    const all = new Set([...ended.events, ...abandoned.events].map((e) => e.id));
    expect(unsent.filter((id) => !all.has(id))).toEqual([]);
    expect(reported(ended).at(-1)).toMatchObject({ type: 'ended', data: { reason: 'edge_restarted' } });
    expect(reported(abandoned).at(-1)).toMatchObject({ type: 'abandoned', data: { reason: 'edge_restarted' } });
    expect(abandoned.closeReason).toBe('edge_restarted');

    // The operator is in wrap-up, not talking; their phone was hung up (the SIPp phone ends only on a BYE).
    expect(((await operator.get('/api/v1/agent')).body as { state: string }).state).toBe('wrap_up');
    const phoneResult = await Promise.race([phoneSipp.done, new Promise<undefined>((r) => setTimeout(r, 20_000))]);
    expect(phoneResult, 'the operator’s phone got no BYE within 20 s').toBeDefined();
    expect(phoneResult!.code, `the operator's phone:\n${phoneResult!.output}\n${phoneResult!.trace.slice(-4000)}`).toBe(0);

    // rtpengine holds neither call; the record is empty; no log line of either run has the caller's number.
    for (const id of [talking, waiting]) await expect(engine.client.query(id)).rejects.toMatchObject({ kind: 'error' });
    await until('the record of open calls emptied', () => (fs.statSync(path.join(dataDir, OPEN_CALLS_FILE)).size === 0 ? true : undefined));
    expect(JSON.stringify([...first.lines, ...second.lines])).not.toMatch(NUMBER);
    expect(second.lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  }, 180_000);
});

describe('a restart while rtpengine does not answer', () => {
  let app: TestApp;
  let dataDir: string;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-edge-restart-'));
  }, 60_000);

  afterAll(async () => {
    await stop?.();
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends every call left open all the same; after rtpengine’s first silence the rest are not asked', async () => {
    const edgeApi = await edgeClient(app, '77');
    const supervisor = await app.as('supervisor', '77');
    // 120 calls otvet knows as waiting, left open by a run that died (more than one batch of rtpengine requests).
    const ids = Array.from({ length: 120 }, (_, i) => `edge-dead-${i}`);
    const at = new Date(Date.now() - 60_000);
    const r = await edgeApi.post('/api/v1/telephony/events', { events: ids.flatMap((id) => [offered(id, '77', at), event(id, 'queued', at)]) });
    expect(r.status).toBe(200);
    const record = await OpenCalls.open(dataDir);
    for (const id of ids) await record.opened(id, at.toISOString());
    await record.close();

    const loaded = loadEdgeConfig({
      OTVET_URL: app.url,
      OTVET_TOKEN: edgeApi.token!,
      EDGE_TRUNKS: `${TRUNK}=77`,
      EDGE_SIP_UDP: '127.0.0.1:5060',
      EDGE_SIP_TCP: 'off',
      EDGE_SIP_WS: 'off',
      // (a port nothing answers on)
      EDGE_RTPENGINE: `127.0.0.1:${await freeUdpPort()}`,
      EDGE_DTMF: `127.0.0.1:${await freeUdpPort()}`,
      EDGE_DATA_DIR: dataDir,
    });
    const config = { ...loaded, listen: { ...loaded.listen, udp: { host: '127.0.0.1', port: 0 } }, metrics: { host: '127.0.0.1', port: 0 } };
    const lines: Record<string, unknown>[] = [];
    const edge = await startEdgeHere(config, createLogger({ level: 'info', format: 'json' }, { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) }));
    stop = edge.stop;

    const closed = await until(
      'every call left open abandoned in otvet',
      async () => {
        const items = (await supervisor.get('/api/v1/calls?region=77&limit=1000')).body.items as Call[];
        const mine = items.filter((c) => ids.includes(c.callId));
        return mine.length === ids.length && mine.every((c) => c.state === 'abandoned') ? mine : undefined;
      },
      30_000,
    );
    expect(new Set(closed.map((c) => c.closeReason))).toEqual(new Set(['edge_restarted']));
    // The first batch timed out together; nothing after it was tried.
    expect(lines.filter((l) => l.msg === 'rtpengine did not delete a call left from before the restart (it times the call out itself)')).toHaveLength(50);
    expect(fs.statSync(path.join(dataDir, OPEN_CALLS_FILE)).size).toBe(0);
  }, 60_000);
});
