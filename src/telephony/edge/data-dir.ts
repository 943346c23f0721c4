// The edge's data folder: the journal of events, the decisions' last id, joined prompts, and the
// digest key. Two edges on one folder would send each other's journal and lose each other's place in
// the decisions stream, so the folder is locked (a lock file created atomically, naming its process;
// one left by a process that died on this machine is taken over). The digest key is kept there too,
// so phones' nonces stay good across a restart.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'edge.lock';
export const DIGEST_KEY_FILE = 'digest.key';

export class DataDirBusy extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirBusy';
  }
}

interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

/** Locks the folder for this process; throws DataDirBusy naming the holder. release() is safe to call twice. */
export function lockDataDir(dir: string): { release(): void } {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLock(file);
      if (attempt === 0 && (holder === null || (holder.hostname === os.hostname() && !alive(holder.pid)))) {
        fs.rmSync(file, { force: true });
        continue;
      }
      const who = holder ? `edge process ${holder.pid} on ${holder.hostname} (started ${holder.startedAt})` : 'another edge';
      throw new DataDirBusy(`The edge's data folder ${dir} is in use by ${who}: one edge per folder (set EDGE_DATA_DIR to another).`);
    }
    const release = () => {
      process.off('exit', release);
      const current = readLock(file);
      if (current?.pid === mine.pid && current.startedAt === mine.startedAt) fs.rmSync(file, { force: true });
    };
    process.on('exit', release);
    return { release };
  }
  throw new DataDirBusy(`Cannot lock the edge's data folder ${dir}`);
}

/** The key nonces are signed with: read from the folder, or made once and kept there. */
export function digestKey(dir: string): Buffer {
  const file = path.join(dir, DIGEST_KEY_FILE);
  try {
    const key = fs.readFileSync(file);
    if (key.length === 32) return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const key = randomBytes(32);
  fs.writeFileSync(file, key, { mode: 0o600 });
  return key;
}
