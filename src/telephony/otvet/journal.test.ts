import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EdgeEvent } from './events.ts';
import { JOURNAL_FILE, Journal } from './journal.ts';

let dir: string;
const open: Journal[] = [];
const journal = async (opts = {}) => {
  const j = await Journal.open(dir, opts);
  open.push(j);
  return j;
};
const file = () => path.join(dir, JOURNAL_FILE);
const ev = (n: number, type: EdgeEvent['type'] = 'queued'): EdgeEvent => ({ id: `call-${n}-${type}`, callId: `call-${n}`, type, at: '2026-12-05T10:00:00.000+03:00' }) as EdgeEvent;
const ids = (j: Journal) => j.pending(Infinity).map((e) => e.id);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-journal-'));
});
afterEach(async () => {
  for (const j of open.splice(0)) await j.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Journal', () => {
  it('keeps appended events across a reopen, in order, as they were', async () => {
    const a = await journal();
    const offered: EdgeEvent = { id: 'c1-o', callId: 'c1', type: 'offered', at: '2026-12-05T10:00:00.000+03:00', region: '77', caller: null, dialled: '122', topic: 'Пенсии' };
    await a.append([offered, ev(1)]);
    await a.append([ev(2)]);
    const b = await journal();
    expect(ids(b)).toEqual(['c1-o', 'call-1-queued', 'call-2-queued']);
    expect(b.pending(1)[0]!.event).toEqual(offered);
    expect(b.recovered).toEqual({ pending: 3, tornBytes: 0, badLines: 0 });
  });

  it('has the events on disk when append resolves', async () => {
    const a = await journal();
    await a.append([ev(1)]);
    expect(fs.readFileSync(file(), 'utf8')).toContain('"call-1-queued"');
  });

  it('forgets what otvet has acknowledged, and empties the file once everything is', async () => {
    const a = await journal();
    await a.append([ev(1), ev(2), ev(3)]);
    await a.ack(['call-2-queued']);
    expect(ids(await journal())).toEqual(['call-1-queued', 'call-3-queued']);
    await a.ack(['call-1-queued', 'call-3-queued']);
    await a.idle();
    expect(a.size).toBe(0);
    expect(fs.statSync(file()).size).toBe(0);
    expect((await journal()).size).toBe(0);
  });

  it('ignores a torn last line after a crash and appends cleanly after it', async () => {
    const a = await journal();
    await a.append([ev(1), ev(2)]);
    fs.appendFileSync(file(), '{"event":{"id":"call-3-queued","callId":"ca');
    const b = await journal();
    expect(ids(b)).toEqual(['call-1-queued', 'call-2-queued']);
    expect(b.recovered.tornBytes).toBeGreaterThan(0);
    await b.append([ev(4)]);
    const c = await journal();
    expect(ids(c)).toEqual(['call-1-queued', 'call-2-queued', 'call-4-queued']);
    expect(c.recovered).toEqual({ pending: 3, tornBytes: 0, badLines: 0 });
  });

  it('cuts a torn line even when it ends inside a multi-byte character', async () => {
    const a = await journal();
    await a.append([ev(1)]);
    fs.appendFileSync(file(), Buffer.from('{"event":{"topic":"Пе', 'utf8').subarray(0, -1));
    const b = await journal();
    expect(ids(b)).toEqual(['call-1-queued']);
    await b.append([ev(2)]);
    expect(ids(await journal())).toEqual(['call-1-queued', 'call-2-queued']);
  });

  it('skips a damaged line in the middle and keeps the rest', async () => {
    const a = await journal();
    await a.append([ev(1)]);
    fs.appendFileSync(file(), 'not json\n');
    await a.append([ev(2)]);
    const b = await journal();
    expect(ids(b)).toEqual(['call-1-queued', 'call-2-queued']);
    expect(b.recovered.badLines).toBe(1);
  });

  it('writes an id already pending only once', async () => {
    const a = await journal();
    await Promise.all([a.append([ev(1), ev(1)]), a.append([ev(1)])]);
    await a.append([ev(1)]);
    expect(a.size).toBe(1);
    expect(fs.readFileSync(file(), 'utf8').match(/call-1-queued/g)).toHaveLength(1);
  });

  it('takes appends made at once into shared writes, none lost', async () => {
    const a = await journal();
    await Promise.all(Array.from({ length: 200 }, (_, i) => a.append([ev(i)])));
    expect(a.size).toBe(200);
    expect(ids(await journal())).toEqual(Array.from({ length: 200 }, (_, i) => `call-${i}-queued`));
  });

  it('hands out the oldest pending events by count and size, one at least', async () => {
    const a = await journal();
    await a.append([ev(1), ev(2), ev(3)]);
    expect(a.pending(2).map((e) => e.id)).toEqual(['call-1-queued', 'call-2-queued']);
    const one = a.pending(1)[0]!.bytes;
    expect(a.pending(10, one * 2).map((e) => e.id)).toEqual(['call-1-queued', 'call-2-queued']);
    expect(a.pending(10, 1).map((e) => e.id)).toEqual(['call-1-queued']);
    expect(JSON.parse(a.pending(1)[0]!.json)).toEqual(ev(1));
  });

  it('rewrites a file grown large with done events, keeping the pending ones', async () => {
    const a = await journal({ compactBytes: 4096 });
    for (let i = 0; i < 100; i++) await a.append([ev(i)]);
    await a.ack(Array.from({ length: 95 }, (_, i) => `call-${i}-queued`));
    await a.append([ev(100)]); // (compaction runs after a write)
    expect(fs.statSync(file()).size).toBeLessThan(4096);
    expect(ids(await journal())).toEqual(['call-95-queued', 'call-96-queued', 'call-97-queued', 'call-98-queued', 'call-99-queued', 'call-100-queued']);
    await a.append([ev(101)]);
    expect(ids(await journal())).toContain('call-101-queued');
  });

  it('tells its listeners after an append is on disk', async () => {
    const a = await journal();
    let heard = 0;
    const stop = a.onAppend(() => heard++);
    await a.append([ev(1)]);
    expect(heard).toBe(1);
    stop();
    await a.append([ev(2)]);
    expect(heard).toBe(1);
  });

  it('refuses appends once closed', async () => {
    const a = await journal();
    await a.close();
    await expect(a.append([ev(1)])).rejects.toThrow(/closed/);
  });
});
