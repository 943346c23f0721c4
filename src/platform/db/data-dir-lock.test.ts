// A second otvet refused an embedded database is told who holds it and what to do instead: with a
// server's address, where to do it there; without one (a CLI command holds it), to wait or stop it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, refusal } from './data-dir-lock.ts';

describe('the data folder lock', () => {
  it('records the server’s address once it serves, for a refusal to point to', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-lock-'));
    const lock = acquireDataDirLock(dir, 'serve --demo');
    lock.announce('http://localhost:8122');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'otvet.lock'), 'utf8'))).toMatchObject({ pid: process.pid, command: 'serve --demo', url: 'http://localhost:8122' });
    lock.release();
    expect(fs.existsSync(path.join(dir, 'otvet.lock'))).toBe(false);
  });

  it('says what to do: in a server’s apps and API, or after it stops; without an address, only the latter', () => {
    const holder = { pid: 4242, hostname: os.hostname(), startedAt: '2026-12-06T10:00:00.000Z', command: 'serve --demo' };
    const served = refusal('/data', { ...holder, url: 'http://localhost:8122' });
    expect(served).toContain('the server at http://localhost:8122');
    expect(served).toContain('http://localhost:8122/admin');
    expect(served).toContain('or kill 4242');
    // another machine's process cannot be killed from here
    expect(refusal('/data', { ...holder, hostname: 'elsewhere', url: 'http://otvet:8122' })).not.toContain('kill');
    const busy = refusal('/data', { ...holder, command: 'kb import answers.jsonl' });
    expect(busy).toContain('"otvet kb import answers.jsonl"');
    expect(busy).toContain('Stop the other one and run this again');
    expect(refusal('/data', null)).toContain('in use by another otvet process');
  });
});
