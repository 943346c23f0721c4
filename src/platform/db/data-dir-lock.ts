// PGlite is one process's database: two processes writing one data folder would corrupt it.
// A lock file created atomically (O_EXCL) keeps a second otvet out and says who holds the folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseOpenError } from './database.ts';

interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  command: string;
}

function isAlive(pid: number): boolean {
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

export interface DataDirLock {
  release(): void;
}

export function acquireDataDirLock(dir: string, command = process.argv.slice(2).join(' ')): DataDirLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'otvet.lock');
  const mine: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), command };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeFileSync(fd, JSON.stringify(mine));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      const onExit = () => release();
      const release = () => {
        process.off('exit', onExit);
        const current = readLock(file);
        if (current && current.pid === mine.pid && current.startedAt === mine.startedAt) fs.rmSync(file, { force: true });
      };
      process.on('exit', onExit);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DatabaseOpenError(`Cannot create the lock file ${file}: ${(e as Error).message}`, { cause: e });
      }
      const holder = readLock(file);
      // A lock left by a process that died (same machine, pid gone) is stale and safe to take over.
      const stale = holder === null || (holder.hostname === os.hostname() && !isAlive(holder.pid));
      if (stale && attempt === 0) {
        fs.rmSync(file, { force: true });
        continue;
      }
      const who = holder ? `otvet process ${holder.pid} on ${holder.hostname} (started ${holder.startedAt}${holder.command ? `, "otvet ${holder.command}"` : ''})` : 'another otvet process';
      throw new DatabaseOpenError(
        `The data folder ${dir} is in use by ${who}. ` +
          'Only one otvet process may open an embedded database: stop the other one, talk to it over its HTTP API, ' +
          'or set OTVET_DATA_DIR to another folder.',
      );
    }
  }
  throw new DatabaseOpenError(`Cannot lock the data folder ${dir}`);
}
