// A real rtpengine (Debian's rtpengine-daemon) for one test file, through the edge's own launcher
// (src/telephony/media/rtpengine-daemon.ts): userspace forwarding only, on 127.0.0.1, its ng port
// free at start, a media port range of its own, optionally sending DTMF events to a listener.
import dgram from 'node:dgram';
import { DtmfListener, type DtmfEvent } from '../../src/telephony/media/dtmf-listener.ts';
import type { Rtpengine } from '../../src/telephony/media/rtpengine.ts';
import { findRtpengine, startRtpengineDaemon } from '../../src/telephony/media/rtpengine-daemon.ts';

export const rtpenginePath = findRtpengine();
export const hasRtpengine = rtpenginePath !== undefined;

/** Says plainly why a file's tests do not run (call at the top of a describe.skipIf file). */
export function reportMissingRtpengine(what: string): void {
  if (!hasRtpengine) console.warn(`SKIPPED ${what}: rtpengine is not installed (Debian package rtpengine-daemon; or set RTPENGINE_PATH)`);
}

export interface RunningRtpengine {
  client: Rtpengine;
  ngPort: number;
  portMin: number;
  portMax: number;
  /** What the daemon wrote (stderr), for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/**
 * Media ports: a block of 100 below Linux's ephemeral range (32768+), picked at random so that
 * test files running at once rarely share one (a port in use is skipped by rtpengine anyway).
 */
export async function startRtpengine(options: { dtmfLogPort?: number } = {}): Promise<RunningRtpengine> {
  if (!rtpenginePath) throw new Error('rtpengine is not installed');
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const ngPort = await freeUdpPort();
    const portMin = 20000 + Math.floor(Math.random() * 120) * 100;
    const portMax = portMin + 99;
    try {
      const daemon = await startRtpengineDaemon({
        binary: rtpenginePath,
        ngPort,
        portMin,
        portMax,
        ...(options.dtmfLogPort ? { dtmfLogDest: { host: '127.0.0.1', port: options.dtmfLogPort } } : {}),
      });
      return { client: daemon.client, ngPort, portMin, portMax, log: () => daemon.log(), stop: () => daemon.stop() };
    } catch (e) {
      lastError = e as Error;
    }
  }
  throw lastError!;
}

/** rtpengine with a DtmfListener hearing its key presses (kept in `keys`); stop() closes both. */
export async function startRtpengineHearingKeys(): Promise<RunningRtpengine & { keys: DtmfEvent[] }> {
  const keys: DtmfEvent[] = [];
  const dtmf = await DtmfListener.open({ onEvent: (e) => keys.push(e) });
  try {
    const engine = await startRtpengine({ dtmfLogPort: dtmf.port });
    return {
      ...engine,
      keys,
      stop: async () => {
        await engine.stop();
        await dtmf.close();
      },
    };
  } catch (err) {
    await dtmf.close();
    throw err;
  }
}
