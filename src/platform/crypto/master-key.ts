// The master key that wraps the data keys encrypting personal data at rest (ADR 0016). From
// OTVET_MASTER_KEY; on embedded PGlite without it, generated once into the data folder
// (master.key) so a laptop needs no setup; required with DATABASE_URL. Earlier master keys
// (OTVET_MASTER_KEY_PREVIOUS) only unwrap data keys until they are rewrapped. Never logged.
import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, MASTER_KEY_BYTES, type Config } from '../config.ts';

export { MASTER_KEY_BYTES };

/** A master key and its id, which rows name instead of the key. */
export interface MasterKey {
  /** The first 8 bytes of the key's SHA-256, in hex: says which key wraps a data key, reveals nothing of it. */
  readonly id: string;
  readonly key: KeyObject;
}

/** The master key new data keys are wrapped with, and the ones used before it. */
export interface MasterKeys {
  current: MasterKey;
  previous: MasterKey[];
}

export function masterKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest().subarray(0, 8).toString('hex');
}

export function masterKey(key: Buffer): MasterKey {
  if (key.length !== MASTER_KEY_BYTES) throw new Error(`a master key is ${MASTER_KEY_BYTES} bytes, not ${key.length}`);
  return { id: masterKeyId(key), key: createSecretKey(key) };
}

/** The file that holds the generated master key in a PGlite data folder. */
export const masterKeyFile = (dataDir: string) => path.join(dataDir, 'master.key');

/** The master keys the configuration gives, the current one generated into the data folder on PGlite. */
export function resolveMasterKeys(config: Pick<Config, 'database' | 'masterKey' | 'previousMasterKeys'>): MasterKeys {
  const current = masterKey(config.masterKey ?? generatedKey(config));
  const previous = new Map<string, MasterKey>();
  for (const k of config.previousMasterKeys) {
    const m = masterKey(k);
    if (m.id !== current.id) previous.set(m.id, m);
  }
  return { current, previous: [...previous.values()] };
}

function generatedKey(config: Pick<Config, 'database'>): Buffer {
  if (config.database.kind !== 'pglite') {
    throw new ConfigError([
      'OTVET_MASTER_KEY is required when DATABASE_URL is set: every app node must encrypt and decrypt personal data with the same master key. Generate one with `openssl rand -base64 32` and keep it safe (losing it makes encrypted data unreadable).',
    ]);
  }
  const { dataDir } = config.database;
  const file = masterKeyFile(dataDir);
  const existing = readKeyFile(file);
  if (existing) return existing;
  fs.mkdirSync(dataDir, { recursive: true });
  // Written whole to a file of its own, then linked into place: a process starting beside this one
  // finds either no key or the whole key, and the first link wins.
  const key = randomBytes(MASTER_KEY_BYTES);
  const temp = path.join(dataDir, `.master.key.${process.pid}.${randomBytes(4).toString('hex')}`);
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${key.toString('base64')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readKeyFile(file)!;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  syncDir(dataDir);
  return key;
}

/** The key in the file, undefined when there is no file; an unreadable key stops everything. */
function readKeyFile(file: string): Buffer | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const key = Buffer.from(text, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || key.length !== MASTER_KEY_BYTES) {
    // (never replaced: data may be encrypted under the key this file held)
    throw new ConfigError([
      `${file} does not hold a ${MASTER_KEY_BYTES}-byte master key in base64: restore it from a backup, or set OTVET_MASTER_KEY to the key it held. Encrypted personal data cannot be read without it.`,
    ]);
  }
  return key;
}

/** The new file's name reaches the disk too (where the platform can sync a folder). */
function syncDir(dir: string) {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // (not every platform syncs a folder; the file itself is synced)
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
