// PGlite is one process's database: two processes writing one data folder would corrupt it.
// The folder lock (platform/folder-lock.ts) keeps a second otvet out and says who holds the folder.
import os from 'node:os';
import { FolderLocked, lockFolder, type LockHolder } from '../folder-lock.ts';
import { DatabaseOpenError } from './database.ts';

export interface DataDirLock {
  release(): void;
  /** The address the holder serves at, for a second otvet's refusal to point to. */
  announce(url: string): void;
}

export function acquireDataDirLock(dir: string, command = process.argv.slice(2).join(' ')): DataDirLock {
  try {
    const lock = lockFolder(dir, 'otvet.lock', command);
    return { release: lock.release, announce: (url) => lock.note({ url }) };
  } catch (e) {
    if (!(e instanceof FolderLocked)) throw new DatabaseOpenError(`Cannot create the lock file in ${dir}: ${(e as Error).message}`, { cause: e });
    throw new DatabaseOpenError(refusal(dir, e.holder));
  }
}

/**
 * Why this command cannot run now, and how to do what it wanted all the same: in the running
 * server's apps or over its API, or after stopping it. (A newcomer at 3 a.m. reads this, not the docs.)
 */
export function refusal(dir: string, h: LockHolder | null): string {
  const who = h ? `otvet process ${h.pid} on ${h.hostname} (started ${h.startedAt}${h.command ? `, "otvet ${h.command}"` : ''})` : 'another otvet process';
  const head = `The data folder ${dir} is in use by ${who}${h?.url ? `, the server at ${h.url}` : ''}. Only one otvet process may open an embedded database.`;
  if (!h?.url) return `${head} Stop the other one and run this again, talk to it over its HTTP API, or set OTVET_DATA_DIR to another folder.`;
  const here = h.hostname === os.hostname();
  return [
    `${head} While it runs, do it there:`,
    `  - in its apps: ${h.url}/admin (users, API tokens, regions, queues, the audit log), ${h.url}/editor (answers, the navigator);`,
    `  - over its HTTP API with an admin's API token: ${h.url}/api/docs (otvet simulate takes --url ${h.url});`,
    `  - or stop it (Ctrl+C where it runs${here ? `, or kill ${h.pid}` : ''}) and run this command again.`,
    'A second server needs its own folder: OTVET_DATA_DIR.',
  ].join('\n');
}
