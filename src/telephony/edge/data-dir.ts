// The edge's data folder: the journal of events, the record of open calls, the decisions' last id,
// joined prompts, and the digest key. Two edges on one folder would send each other's journal and lose each other's place in
// the decisions stream, so the folder is locked (platform/folder-lock.ts). The digest key is kept there too,
// so phones' nonces stay good across a restart.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FolderLocked, lockFolder } from '../../platform/folder-lock.ts';

export const LOCK_FILE = 'edge.lock';
export const DIGEST_KEY_FILE = 'digest.key';

export class DataDirBusy extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirBusy';
  }
}

/** Locks the folder for this process; throws DataDirBusy naming the holder. release() is safe to call twice. */
export function lockDataDir(dir: string): { release(): void } {
  try {
    return lockFolder(dir, LOCK_FILE);
  } catch (e) {
    if (!(e instanceof FolderLocked)) throw e;
    const h = e.holder;
    const who = h ? `edge process ${h.pid} on ${h.hostname} (started ${h.startedAt})` : 'another edge';
    throw new DataDirBusy(`The edge's data folder ${dir} is in use by ${who}: one edge per folder (set EDGE_DATA_DIR to another).`);
  }
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
