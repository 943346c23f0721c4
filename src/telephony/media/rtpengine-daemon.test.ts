// The launcher of rtpengine: where the binary is found, a start that cannot work fails at once with
// the reason, and a real daemon answers and is gone after stop().
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freeUdpPort } from '../../../test/support/sipp.ts';
import { findRtpengine, rtpengineArgs, startRtpengineDaemon } from './rtpengine-daemon.ts';

describe('findRtpengine', () => {
  it('takes RTPENGINE_PATH when it exists, and nothing else then', () => {
    expect(findRtpengine({ RTPENGINE_PATH: process.execPath, PATH: '' })).toBe(process.execPath);
    expect(findRtpengine({ RTPENGINE_PATH: '/nonexistent/rtpengine', PATH: '/usr/bin' })).toBeUndefined();
  });

  it('looks on PATH first', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-path-'));
    try {
      fs.writeFileSync(path.join(dir, 'rtpengine'), '#!/bin/sh\n', { mode: 0o755 });
      expect(findRtpengine({ PATH: `/nonexistent${path.delimiter}${dir}` })).toBe(path.join(dir, 'rtpengine'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rtpengineArgs', () => {
  const base = { binary: 'rtpengine', ngPort: 2223, portMin: 30000, portMax: 30099 };

  it('by default: two relaying threads, one playing, rtpengine’s own log level', () => {
    const args = rtpengineArgs(base);
    expect(args).toContain('--num-threads=2');
    expect(args).toContain('--media-num-threads=1');
    expect(args.some((a) => a.startsWith('--log-level'))).toBe(false);
  });

  it('takes more threads and a quieter log when asked (a benchmark’s thousand calls)', () => {
    const args = rtpengineArgs({ ...base, threads: 4, mediaThreads: 2, logLevel: 4 });
    expect(args).toEqual(expect.arrayContaining(['--num-threads=4', '--media-num-threads=2', '--log-level=4', '--port-min=30000', '--port-max=30099']));
  });
});

describe('startRtpengineDaemon', () => {
  it('fails at once, saying why, when the program cannot be started', async () => {
    const started = Date.now();
    await expect(startRtpengineDaemon({ binary: '/nonexistent/rtpengine', ngPort: await freeUdpPort(), portMin: 30000, portMax: 30099 })).rejects.toThrow(/ENOENT/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  const binary = findRtpengine();
  it.skipIf(!binary)('starts the real daemon, which answers ping, and stops it', async () => {
    const portMin = 20000 + Math.floor(Math.random() * 120) * 100;
    const daemon = await startRtpengineDaemon({ binary: binary!, ngPort: await freeUdpPort(), portMin, portMax: portMin + 99 });
    await daemon.client.ping();
    expect(daemon.exited).toBe(false);
    await daemon.stop();
    expect(daemon.exited).toBe(true);
  });
});
