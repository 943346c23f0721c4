// `npm run telephony:demo`: against a running otvet, everything a real call to 122 needs on one
// laptop. The programs checked (each missing one named with its Debian package); otvet set up
// through its API as an admin (the edge's telephony token, operator-77's SIP password); rtpengine
// started (no root, its own ports, a temporary folder); the edge started in this process with the
// SIPp caller's address as its trunk; the caller dials 122, presses 2 and waits. The person answers
// on a soft phone as operator-77, and the demo tells the call's way as otvet records it, until the
// wrap-up. stop() (Ctrl-C) undoes it all in order, whenever it comes.
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../platform/logger.ts';
import { loadEdgeConfig } from '../edge/config.ts';
import { startEdge, type RunningEdge } from '../edge/edge.ts';
import { startRtpengineDaemon, type RtpengineDaemon } from '../media/rtpengine-daemon.ts';
import { isOver, newSentences } from './call-story.ts';
import { DemoAdmin } from './otvet-admin.ts';
import { phoneInstructions, writeBaresipFolder } from './instructions.ts';
import { findPrograms, missingPrograms } from './programs.ts';
import { startCaller, type RunningCaller } from './sipp-caller.ts';

export const REGION = '77';
export const OPERATOR = 'operator-77';
const EDGE_ACCOUNT = 'edge-77';
/** The trunk: another loopback address (Linux answers on all of 127/8), so the phone's 127.0.0.1 is no trunk. */
const TRUNK = '127.0.0.2';
const EDGE_HOST = '127.0.0.1';
const MEDIA_PORTS = { min: 30000, max: 30199 };

export interface DemoOptions {
  /** otvet's address (`npm start`: http://localhost:8122). */
  url: string;
  admin: { username: string; password: string };
  /** The edge's SIP port (UDP) the phone registers to; 0: any free one. */
  sipPort: number;
  /** The edge's SIP-over-WebSocket port the workstation's own phone registers to (otvet's SIP_WS_URL must name it); 0: off. */
  wsPort: number;
  /** Go on though other operators are at work (the ACD may give them the call). */
  withOthers: boolean;
  env?: NodeJS.ProcessEnv;
  /** Progress, one line at a time. */
  say(text: string): void;
  /** What went wrong on the way (the edge's warnings too). */
  warn(text: string): void;
}

/** A failure the person can act on: its message says what to do; the exit code 2 for what the setup lacks. */
export class DemoError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'DemoError';
  }
}

export interface RunningDemo {
  /** The exit code once the demo has finished and cleaned up. */
  done: Promise<number>;
  /** Ends it early (Ctrl-C): the caller hung up through the edge, everything stopped; resolves when done. */
  stop(): Promise<number>;
  /** Last resort as the process exits: the child processes killed at once. */
  killNow(): void;
}

async function freeUdpPort(host: string, even = false): Promise<number> {
  for (;;) {
    const s = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.bind(0, host, resolve);
    });
    const port = s.address().port;
    await new Promise<void>((resolve) => s.close(() => resolve()));
    if (!even || (port % 2 === 0 && port < 65000)) return port;
  }
}

export function startDemo(o: DemoOptions): RunningDemo {
  const cleanups: { what: string; run: () => Promise<void> | void }[] = [];
  let rtpengine: RtpengineDaemon | undefined;
  let edge: RunningEdge | undefined;
  let caller: RunningCaller | undefined;
  let stopping = false;
  let failed = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => (clearTimeout(t), resolve());
    });

  const setUp = async (): Promise<{ admin: DemoAdmin; dial: () => Promise<RunningCaller> }> => {
    const env = o.env ?? process.env;
    const programs = findPrograms(env);
    const lacking = programs.missing.filter((p) => p.required);
    if (lacking.length) throw new DemoError(missingPrograms(lacking), 2);
    o.say(`Programs: ${[...programs.paths].map(([n, p]) => `${n} (${p})`).join(', ')}`);
    if (programs.missing.length) o.say(missingPrograms(programs.missing).replace(/^Missing/, 'Not needed, but missing'));

    const admin = await DemoAdmin.signIn(o.url, o.admin.username, o.admin.password).catch((e: unknown) => {
      if ((e as { status?: number }).status === 401)
        throw new DemoError(`otvet refused ${o.admin.username}'s sign-in (${(e as Error).message}): the password is the one \`npm start\` printed at first start`, 2);
      throw e;
    });
    o.say(`otvet: ${admin.url}, signed in as ${o.admin.username}`);
    const others = await admin.othersAtWork(REGION, OPERATOR);
    if (others.length && !o.withOthers) {
      throw new DemoError(
        `${others.length} other operator${others.length > 1 ? 's are' : ' is'} at work for region ${REGION} (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}): ` +
          `the ACD may give them the call, and the phone would not ring. Start otvet without the simulated calls (\`npm start -- --no-simulation\`), or pass --with-others.`,
        2,
      );
    }
    const token = await admin.telephonyToken(await admin.edgeAccount(EDGE_ACCOUNT, REGION), 'telephony demo');
    cleanups.push({ what: "the edge's token revoked", run: () => admin.revokeToken(token.id) });
    const sipPassword = randomBytes(9).toString('base64url');
    await admin.setSipPassword(OPERATOR, sipPassword);
    o.say(`The edge's token: telephony scope, account ${EDGE_ACCOUNT} (POST /api/v1/tokens); ${OPERATOR}'s SIP password set (PUT /api/v1/operators/${OPERATOR}/sip-password)`);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-telephony-demo-'));
    cleanups.push({
      what: 'the temporary folder removed',
      run: () => {
        // (after a failure it stays, with the edge's log and SIPp's errors)
        if (failed) o.say(`The temporary folder is kept for a look (edge.log, sipp-errors.log): ${dir}`);
        else fs.rmSync(dir, { recursive: true, force: true });
      },
    });

    const dtmfPort = await freeUdpPort(EDGE_HOST);
    const ngPort = await freeUdpPort(EDGE_HOST);
    rtpengine = await startRtpengineDaemon({
      binary: programs.paths.get('rtpengine')!,
      address: EDGE_HOST,
      ngPort,
      portMin: MEDIA_PORTS.min,
      portMax: MEDIA_PORTS.max,
      dtmfLogDest: { host: EDGE_HOST, port: dtmfPort },
      detached: true,
    });
    cleanups.push({ what: 'rtpengine stopped', run: () => rtpengine?.stop() });
    o.say(`rtpengine: control on ${EDGE_HOST}:${ngPort}, media ports ${MEDIA_PORTS.min}-${MEDIA_PORTS.max} (pid ${rtpengine.pid})`);

    edge = await startDemoEdge(o, { token: token.secret, ngPort, dtmfPort, dir });
    cleanups.push({ what: 'the edge stopped', run: () => edge?.stop() });
    const sip = edge.sip.find((a) => a.transport === 'udp')!;
    o.say(`The edge: SIP on udp ${sip.address}:${sip.port}, the trunk ${TRUNK} → region ${REGION}; its log: ${path.join(dir, 'edge.log')}`);

    const browserPhone = o.wsPort ? await admin.browserPhone() : undefined;
    const wsUrl = o.wsPort ? `ws://${EDGE_HOST}:${o.wsPort}` : undefined;
    const setup = {
      otvetUrl: admin.url,
      operator: OPERATOR,
      sipPassword,
      edge: { host: sip.address, port: sip.port },
      baresip: programs.paths.get('baresip'),
      dir,
      ...(wsUrl ? { browser: { wsUrl, ready: browserPhone === wsUrl } } : {}),
    };
    o.say(`\n${phoneInstructions(setup, writeBaresipFolder(setup))}\n`);

    const dial = async () =>
      startCaller({ sipp: programs.paths.get('sipp')!, edge: { host: sip.address, port: sip.port }, host: TRUNK, port: await freeUdpPort(TRUNK), mediaPort: await freeUdpPort(TRUNK, true), dir });
    return { admin, dial };
  };

  /** Whether the operator's phone registered or left, said when it changes. */
  let phones = 0;
  const notePhones = (): number => {
    const registered = edge!.registrar.contactsOf(OPERATOR);
    if (registered.length !== phones) {
      o.say(registered.length > phones ? `${OPERATOR}'s phone registered (${registered.at(-1)?.userAgent ?? 'a SIP phone'})` : `${OPERATOR}'s phone unregistered`);
      phones = registered.length;
    }
    return phones;
  };

  /**
   * The caller dials once the operator is at work with a phone registered: with nobody at work in
   * the region, otvet's ACD sends a call to the federal reserve at once (its queue's "no operators"
   * step), where operator-77 would never get it; and a phone must be there to ring.
   */
  const waitForOperator = async (admin: DemoAdmin): Promise<boolean> => {
    o.say(`The caller dials once ${OPERATOR}'s phone is registered and ${OPERATOR} is at work on the workstation (ready; or on a break, to hear the caller wait first).`);
    let state: string | undefined;
    while (!stopping) {
      const registered = notePhones() > 0;
      // (an operator who never signed in has no seat yet: offline)
      const now = await admin
        .operatorState(REGION, OPERATOR)
        .then((s) => s ?? 'offline')
        .catch((e: unknown) => (o.warn(`otvet did not say how ${OPERATOR} is: ${(e as Error).message}`), state));
      if (now !== state) o.say(`${OPERATOR} on the workstation: ${now}`);
      state = now;
      if (registered && now !== 'offline') return true;
      await sleep(500);
    }
    return false;
  };

  /** Tells the call's way as otvet has it; resolves with the exit code when the demo is over. */
  const watch = async (admin: DemoAdmin): Promise<number> => {
    let callId: string | undefined;
    const told = new Set<string>();
    let callerGone: { code: number | null; output: string } | undefined;
    void caller!.done.then((r) => {
      callerGone = r;
      if (r.code === 0) o.say('The caller was hung up and has left (SIPp answered the BYE).');
      else if (stopping) o.warn(`The caller (SIPp) did not leave cleanly (${r.code === null ? 'killed' : `exit ${r.code}`}):\n${r.output}`);
      wake?.();
    });
    let unreachable = false;
    while (!stopping) {
      notePhones();
      callId ??= [...edge!.runner.calls.keys()][0];
      if (callId) {
        try {
          const call = await admin.call(callId);
          unreachable = false;
          if (call) {
            for (const line of newSentences(call, told)) o.say(`Call ${callId}: ${line}`);
            if (isOver(call)) return 0;
          }
        } catch (e) {
          if (!unreachable) o.warn(`otvet did not answer about the call: ${(e as Error).message}`);
          unreachable = true;
        }
      }
      if (callerGone) {
        if (callerGone.code !== 0) {
          o.warn(`The caller (SIPp) failed (exit ${callerGone.code}):\n${callerGone.output}`);
          return 1;
        }
        if (!callId) {
          o.warn('The caller left, but no call reached the edge.');
          return 1;
        }
      }
      await sleep(500);
    }
    return 0;
  };

  const cleanUp = async (): Promise<void> => {
    // The edge first (it hangs the caller up and reports), then the caller's own exit, then the rest.
    for (const c of [...cleanups].reverse()) {
      try {
        await c.run();
        if (c.what === 'the edge stopped' && caller) await waitFor(caller, 5000);
      } catch (e) {
        o.warn(`Stopping: ${c.what} failed: ${(e as Error).message}`);
      }
    }
    cleanups.length = 0;
  };

  const done = (async () => {
    let code: number;
    try {
      const { admin, dial } = await setUp();
      if (await waitForOperator(admin)) {
        const dialled = (caller = await dial());
        o.say(`The caller (SIPp, pid ${dialled.pid}) dials 122 from the trunk and will press 2.`);
        code = await watch(admin);
      } else code = 0;
    } catch (e) {
      if (!(e instanceof DemoError)) {
        o.warn(`The demo failed: ${(e as Error).message}`);
        code = 1;
      } else {
        o.warn(e.message);
        code = e.exitCode;
      }
    }
    if (stopping) code = 0;
    failed = code !== 0;
    const started = cleanups.length > 0;
    await cleanUp();
    if (started) o.say(`Stopped: the caller, the edge and rtpengine are gone,${failed ? '' : ' the temporary folder removed,'} the token revoked.`);
    return code;
  })();

  return {
    done,
    stop: async () => {
      stopping = true;
      wake?.();
      return done;
    },
    killNow: () => {
      caller?.kill();
      if (rtpengine && !rtpengine.exited && rtpengine.pid) process.kill(rtpengine.pid, 'SIGKILL');
    },
  };
}

/** Waits for the caller to leave (it answers the edge's BYE); killed if it lingers. */
async function waitFor(caller: RunningCaller, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([caller.done, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
  caller.kill();
}

async function startDemoEdge(o: DemoOptions, p: { token: string; ngPort: number; dtmfPort: number; dir: string }): Promise<RunningEdge> {
  const loaded = loadEdgeConfig({
    OTVET_URL: o.url,
    OTVET_TOKEN: p.token,
    EDGE_TRUNKS: `${TRUNK}=${REGION}`,
    EDGE_SIP_UDP: `${EDGE_HOST}:${o.sipPort || 5060}`,
    EDGE_SIP_TCP: 'off',
    EDGE_SIP_WS: o.wsPort ? `${EDGE_HOST}:${o.wsPort}` : 'off',
    EDGE_RTPENGINE: `${EDGE_HOST}:${p.ngPort}`,
    EDGE_DTMF: `${EDGE_HOST}:${p.dtmfPort}`,
    EDGE_DATA_DIR: path.join(p.dir, 'edge'),
  });
  // (any free port for SIP when asked, and always for /metrics: nothing else of the machine's is taken)
  const config = { ...loaded, listen: { ...loaded.listen, udp: { host: EDGE_HOST, port: o.sipPort } }, metrics: { host: EDGE_HOST, port: 0 } };
  const log = path.join(p.dir, 'edge.log');
  const logger = createLogger(
    { level: 'info', format: 'json' },
    {
      write: (line: string) => {
        fs.appendFileSync(log, line);
        const entry = JSON.parse(line) as { level: number; msg: string; media?: Record<string, { packets: number }> };
        if (entry.level >= 40) o.warn(`edge: ${entry.msg}`);
        if (entry.msg === 'call media ended' && entry.media)
          o.say(`rtpengine relayed ${entry.media.callerToOperator?.packets ?? 0} packets from the caller, ${entry.media.operatorToCaller?.packets ?? 0} from the operator's phone`);
      },
    },
  );
  try {
    const edge = await startEdge(config, logger);
    const deadline = Date.now() + 10_000;
    while (!edge.reporter.online && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return edge;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new DemoError(`SIP port ${o.sipPort} (UDP) or ${o.wsPort} (WebSocket) on ${EDGE_HOST} is in use: choose another with --sip-port (0: any free one) or --ws-port (0: off)`, 2);
    throw e;
  }
}
