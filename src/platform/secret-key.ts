// The key of keyed hashes of personal data (caller numbers); encryption at rest has a master key
// of its own (crypto/master-key.ts). From OTVET_SECRET_KEY; on embedded PGlite, generated once into
// the data folder so a laptop needs no setup. It is never logged.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';

export function resolveSecretKey(config: Config): Buffer {
  if (config.secretKey) return config.secretKey;
  if (config.database.kind !== 'pglite') throw new Error('OTVET_SECRET_KEY is required with DATABASE_URL');
  const file = path.join(config.database.dataDir, 'secret.key');
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(config.database.dataDir, { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
