// One process per folder: a lock file created atomically (O_EXCL) naming its holder (pid, machine,
// start, what it runs). A lock left by a process that died on this machine is taken over. Used by
// PGlite's data folder (two writers would corrupt it) and the SIP edge's (two edges would send each
// other's journal); each caller words its own refusal from the holder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
  command?: string;
  /** Where the holder answers, once it does (a server's address): a refusal can point there. */
  url?: string;
}

/** The folder is locked by another live process (holder null: its lock file cannot be read). */
export class FolderLocked extends Error {
  constructor(
    readonly file: string,
    readonly holder: LockHolder | null,
  ) {
    super(`${file} is held by ${holder ? `process ${holder.pid} on ${holder.hostname}` : 'another process'}`);
    this.name = 'FolderLocked';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

/**
 * Locks `dir` with `dir/name` for this process (removed at exit, or by release(), which is safe to
 * call twice); note() adds what others should know of the holder (its address). Throws
 * FolderLocked when a live process holds it; other I/O errors as they come.
 */
export function lockFolder(dir: string, name: string, command?: string): { release(): void; note(more: Pick<LockHolder, 'url'>): void } {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const mine: LockHolder = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), ...(command !== undefined ? { command } : {}) };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeFileSync(fd, JSON.stringify(mine));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readHolder(file);
      // A lock left by a process that died (same machine, pid gone) is stale and safe to take over.
      const stale = holder === null || (holder.hostname === os.hostname() && !alive(holder.pid));
      if (stale && attempt === 0) {
        fs.rmSync(file, { force: true });
        continue;
      }
      throw new FolderLocked(file, holder);
    }
    const release = () => {
      process.off('exit', release);
      const current = readHolder(file);
      if (current?.pid === mine.pid && current.startedAt === mine.startedAt) fs.rmSync(file, { force: true });
    };
    process.on('exit', release);
    // (the lock is ours: its file is rewritten in place, with what others should know of us)
    const note = (more: Pick<LockHolder, 'url'>) => {
      const current = readHolder(file);
      if (current?.pid === mine.pid && current.startedAt === mine.startedAt) fs.writeFileSync(file, JSON.stringify({ ...mine, ...more }), { mode: 0o600 });
    };
    return { release, note };
  }
  throw new FolderLocked(file, readHolder(file));
}
