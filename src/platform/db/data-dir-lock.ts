// PGlite is one process's database: two processes writing one data folder would corrupt it.
// The folder lock (platform/folder-lock.ts) keeps a second otvet out and says who holds the folder.
import { FolderLocked, lockFolder } from '../folder-lock.ts';
import { DatabaseOpenError } from './database.ts';

export interface DataDirLock {
  release(): void;
}

export function acquireDataDirLock(dir: string, command = process.argv.slice(2).join(' ')): DataDirLock {
  try {
    return lockFolder(dir, 'otvet.lock', command);
  } catch (e) {
    if (!(e instanceof FolderLocked)) throw new DatabaseOpenError(`Cannot create the lock file in ${dir}: ${(e as Error).message}`, { cause: e });
    const h = e.holder;
    const who = h ? `otvet process ${h.pid} on ${h.hostname} (started ${h.startedAt}${h.command ? `, "otvet ${h.command}"` : ''})` : 'another otvet process';
    throw new DatabaseOpenError(
      `The data folder ${dir} is in use by ${who}. ` +
        'Only one otvet process may open an embedded database: stop the other one, talk to it over its HTTP API, ' +
        'or set OTVET_DATA_DIR to another folder.',
    );
  }
}
