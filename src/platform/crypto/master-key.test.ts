// The master key: from OTVET_MASTER_KEY (checked by the configuration), or generated once into a
// PGlite data folder; required with PostgreSQL; its id names it without revealing it.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { masterKey, masterKeyFile, masterKeyId, resolveMasterKeys } from './master-key.ts';

const b64 = (b: Buffer) => b.toString('base64');
const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-master-key-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('the configuration was accepted');
}

describe('the master key', () => {
  it('is named by the first 8 bytes of its SHA-256, in hex', () => {
    // (SHA-256 of 32 zero bytes: 66687aadf862bd776c8fc18b8e9f8e20…)
    expect(masterKeyId(Buffer.alloc(32))).toBe('66687aadf862bd77');
    const key = randomBytes(32);
    expect(masterKey(key).id).toBe(createHash('sha256').update(key).digest('hex').slice(0, 16));
    expect(() => masterKey(randomBytes(16))).toThrow(/32 bytes, not 16/);
  });

  it('on PGlite without OTVET_MASTER_KEY: generated once into the data folder (0600), then reused', () => {
    const dir = tempDir();
    const config = loadConfig({ OTVET_DATA_DIR: path.join(dir, 'data') });
    const first = resolveMasterKeys(config);
    const file = masterKeyFile(path.join(dir, 'data'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const stored = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    expect(stored).toHaveLength(32);
    expect(first.current.id).toBe(masterKeyId(stored));
    expect(first.previous).toEqual([]);
    // the next start finds it, and the file is not written again
    const mtime = fs.statSync(file).mtimeMs;
    expect(resolveMasterKeys(loadConfig({ OTVET_DATA_DIR: path.join(dir, 'data') })).current.id).toBe(first.current.id);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    // nothing else is left in the folder (the key is written aside, then linked into place)
    expect(fs.readdirSync(path.join(dir, 'data'))).toEqual(['master.key']);
  });

  it('OTVET_MASTER_KEY wins over a generated file; previous keys are kept apart, without the current one or repeats', () => {
    const dir = tempDir();
    const generated = resolveMasterKeys(loadConfig({ OTVET_DATA_DIR: dir })).current;
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const keys = resolveMasterKeys(loadConfig({ OTVET_DATA_DIR: dir, OTVET_MASTER_KEY: b64(a), OTVET_MASTER_KEY_PREVIOUS: `${b64(b)}, ${b64(a)},${b64(b)}` }));
    expect(keys.current.id).toBe(masterKeyId(a));
    expect(keys.current.id).not.toBe(generated.id);
    expect(keys.previous.map((k) => k.id)).toEqual([masterKeyId(b)]);
  });

  it('is required with DATABASE_URL', () => {
    const postgres = { DATABASE_URL: 'postgres://db/otvet', OTVET_SECRET_KEY: b64(randomBytes(32)) };
    expect(() => resolveMasterKeys(loadConfig(postgres))).toThrow(ConfigError);
    expect(() => resolveMasterKeys(loadConfig(postgres))).toThrow(/OTVET_MASTER_KEY is required when DATABASE_URL is set/);
    const key = randomBytes(32);
    expect(resolveMasterKeys(loadConfig({ ...postgres, OTVET_MASTER_KEY: b64(key) })).current.id).toBe(masterKeyId(key));
  });

  it('a damaged key file stops start-up and is left as it is', () => {
    const dir = tempDir();
    fs.writeFileSync(masterKeyFile(dir), 'c2hvcnQ=\n');
    expect(() => resolveMasterKeys(loadConfig({ OTVET_DATA_DIR: dir }))).toThrow(/master\.key does not hold a 32-byte master key in base64: restore it from a backup/);
    expect(fs.readFileSync(masterKeyFile(dir), 'utf8')).toBe('c2hvcnQ=\n');
  });
});

describe('configuration: OTVET_MASTER_KEY and OTVET_MASTER_KEY_PREVIOUS', () => {
  it('reads them as 32-byte keys; unset, none', () => {
    const [a, b, c] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const config = loadConfig({ OTVET_MASTER_KEY: ` ${b64(a)} `, OTVET_MASTER_KEY_PREVIOUS: `${b64(b)},${b64(c)}` });
    expect(config.masterKey).toEqual(a);
    expect(config.previousMasterKeys).toEqual([b, c]);
    expect(loadConfig({}).masterKey).toBeUndefined();
    expect(loadConfig({ OTVET_MASTER_KEY_PREVIOUS: '' }).previousMasterKeys).toEqual([]);
  });

  it('refuses a key of the wrong length or not in base64, one message each, never repeating the value', () => {
    const short = b64(randomBytes(16));
    expect(problems({ OTVET_MASTER_KEY: short })).toEqual([
      `OTVET_MASTER_KEY=(${short.length} characters, not shown): must be 32 random bytes in base64 (openssl rand -base64 32); this one holds 16 bytes, not 32`,
    ]);
    expect(problems({ OTVET_MASTER_KEY: b64(randomBytes(48)) })[0]).toMatch(/holds 48 bytes, not 32/);
    expect(problems({ OTVET_MASTER_KEY: 'not a key at all, just words' })[0]).toMatch(/^OTVET_MASTER_KEY=\(28 characters, not shown\): must be 32 random bytes .*this one is not base64$/);
    // a good key beside a bad one is not printed either
    const good = b64(randomBytes(32));
    const list = problems({ OTVET_MASTER_KEY_PREVIOUS: `${good},${short},,${good.slice(0, 41)}` });
    expect(list).toEqual([
      expect.stringMatching(/^OTVET_MASTER_KEY_PREVIOUS=\(\d+ characters, not shown\): key 2 of 4 holds 16 bytes, not 32: each must be 32 random bytes in base64/),
      expect.stringMatching(/key 3 of 4 is empty/),
      expect.stringMatching(/key 4 of 4 is not base64/),
    ]);
    expect(list.join('\n')).not.toContain(good.slice(0, 20));
    // with other bad variables: one message per problem
    expect(problems({ PORT: 'x', OTVET_MASTER_KEY: short, OTVET_MASTER_KEY_PREVIOUS: short })).toHaveLength(3);
  });

  it('refuses the secret key as the master key', () => {
    const key = b64(randomBytes(32));
    expect(problems({ OTVET_SECRET_KEY: key, OTVET_MASTER_KEY: key })).toEqual([expect.stringMatching(/^OTVET_MASTER_KEY must differ from OTVET_SECRET_KEY/)]);
  });
});
