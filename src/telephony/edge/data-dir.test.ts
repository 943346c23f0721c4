import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirBusy, digestKey, LOCK_FILE, lockDataDir } from './data-dir.ts';

const dirs: string[] = [];
const dir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-edge-dir-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("the edge's data folder", () => {
  it('is one edge’s: a second is refused, naming the first; free again once released', () => {
    const d = dir();
    const lock = lockDataDir(d);
    expect(() => lockDataDir(d)).toThrow(DataDirBusy);
    expect(() => lockDataDir(d)).toThrow(new RegExp(`in use by edge process ${process.pid}`));
    lock.release();
    lock.release();
    lockDataDir(d).release();
  });

  it('takes over a lock left by a process that is gone', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, hostname: os.hostname(), startedAt: '2026-01-01T00:00:00Z' }));
    lockDataDir(d).release();
  });

  it('keeps the digest key across restarts', () => {
    const d = dir();
    const key = digestKey(d);
    expect(key).toHaveLength(32);
    expect(digestKey(d).equals(key)).toBe(true);
  });
});
