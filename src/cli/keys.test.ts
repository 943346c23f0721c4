// `otvet keys rotate [--rewrap]` and `otvet keys status` on a PGlite data folder: what they do,
// what they print (ids and counts, never key material), and what they refuse.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, cliInProcess, migratedDir } from '../../test/support/cli.ts';
import { openPglite } from '../platform/db/pglite.ts';
import { masterKeyId } from '../platform/crypto/master-key.ts';

describe('otvet keys', () => {
  it('rotates the data key, rewraps under a new master key, lists the keys, and records it all in the audit log', async () => {
    const dir = migratedDir();
    const env = cliEnv({ OTVET_DATA_DIR: dir });

    const first = await cliInProcess(['keys', 'rotate'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^there was no data key yet; data key (\d+) encrypts new personal data from now on\n$/);
    // on PGlite the master key was generated into the data folder
    const generated = fs.readFileSync(path.join(dir, 'master.key'), 'utf8').trim();
    const oldId = masterKeyId(Buffer.from(generated, 'base64'));

    const second = await cliInProcess(['keys', 'rotate'], env);
    const [, retired, current] = /^retired data key (\d+); data key (\d+) encrypts new personal data from now on\n$/.exec(second.stdout)!;
    expect(Number(current)).toBeGreaterThan(Number(retired));

    const status = await cliInProcess(['keys', 'status'], env);
    expect(status.code).toBe(0);
    const lines = status.stdout.trim().split('\n');
    expect(lines[0]).toBe(`master key ${oldId}`);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^data key +${retired}  wrapped by ${oldId}  created \\S+  retired \\S+$`)),
      expect.stringMatching(new RegExp(`^data key +${current}  wrapped by ${oldId}  created \\S+  current$`)),
    ]);

    // a new master key: without the old one, rewrap refuses and changes nothing
    const newKey = randomBytes(32).toString('base64');
    const newId = masterKeyId(Buffer.from(newKey, 'base64'));
    const withNew = cliEnv({ OTVET_DATA_DIR: dir, OTVET_MASTER_KEY: newKey });
    const refused = await cliInProcess(['keys', 'rotate', '--rewrap'], withNew);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `^otvet: 2 data key\\(s\\) are wrapped by master key\\(s\\) ${oldId}, which neither OTVET_MASTER_KEY \\(${newId}\\) nor OTVET_MASTER_KEY_PREVIOUS holds: nothing was changed; add the old master key to OTVET_MASTER_KEY_PREVIOUS and run again \\(vault.master_key_unavailable\\)\n$`,
      ),
    );
    expect((await cliInProcess(['keys', 'status'], withNew)).stdout).toMatch(/master key NOT configured: cannot decrypt/);

    // with the old one in OTVET_MASTER_KEY_PREVIOUS: rewrapped, then rotated
    const rewrap = await cliInProcess(['keys', 'rotate', '--rewrap'], cliEnv({ OTVET_DATA_DIR: dir, OTVET_MASTER_KEY: newKey, OTVET_MASTER_KEY_PREVIOUS: generated }));
    expect(rewrap.stderr).toBe('');
    expect(rewrap.stdout).toMatch(
      new RegExp(`^rewrapped 2 of 2 data key\\(s\\) under master key ${newId}; OTVET_MASTER_KEY_PREVIOUS is no longer needed\nretired data key ${current}; data key \\d+ encrypts`),
    );
    const after = await cliInProcess(['keys', 'status'], withNew);
    expect(after.stdout.trim().split('\n').slice(1)).toHaveLength(3);
    expect(after.stdout).not.toMatch(new RegExp(oldId));
    // a plain rotation under the new key says nothing of rewrapping
    expect((await cliInProcess(['keys', 'rotate'], withNew)).stdout).not.toMatch(/rewrap/);

    // never any key material
    for (const out of [first, second, status, refused, rewrap, after].flatMap((r) => [r.stdout, r.stderr])) {
      expect(out).not.toContain(generated.slice(0, 12));
      expect(out).not.toContain(newKey.slice(0, 12));
    }

    const db = await openPglite({ dataDir: dir });
    try {
      const audit = (await db.query<{ action: string; via: string; details: Record<string, unknown> }>("SELECT action, via, details FROM audit_log WHERE action LIKE 'keys.%' ORDER BY id")).rows;
      expect(audit.map((a) => a.action)).toEqual(['keys.rotate', 'keys.rotate', 'keys.rewrap', 'keys.rotate', 'keys.rotate']);
      expect(audit.every((a) => a.via === 'cli')).toBe(true);
      expect(audit[2]!.details).toEqual({ rewrapped: 2, keys: 2, masterKeyId: newId });
      expect(audit[1]!.details).toEqual({ retired: Number(retired), current: Number(current), masterKeyId: oldId });
    } finally {
      await db.close();
    }
  });

  it('checks its arguments and the keys it is given', async () => {
    const help = await cliInProcess(['keys', 'rotate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: otvet keys rotate \[options\][\s\S]*--rewrap/);
    const unknown = await cliInProcess(['keys', 'rotate', '--rewarp']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown option '--rewarp'/);
    expect((await cliInProcess(['keys', 'rotate', 'now'])).stderr).toMatch(/too many arguments/);
    const short = randomBytes(16).toString('base64');
    const bad = await cliInProcess(['keys', 'rotate'], cliEnv({ OTVET_DATA_DIR: migratedDir(), OTVET_MASTER_KEY: short }));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/OTVET_MASTER_KEY=\(24 characters, not shown\): must be 32 random bytes in base64/);
    expect(bad.stderr).not.toContain(short);
  });
});
