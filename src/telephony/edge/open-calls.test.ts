import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPEN_CALLS_FILE, OpenCalls, type PhoneDialog } from './open-calls.ts';

let dir: string;
const opened: OpenCalls[] = [];
const record = async (opts = {}) => {
  const r = await OpenCalls.open(dir, opts);
  opened.push(r);
  return r;
};
const file = () => path.join(dir, OPEN_CALLS_FILE);
const AT = '2026-12-05T10:00:00.000Z';
const phone: PhoneDialog = {
  dialog: {
    role: 'uac',
    callId: 'leg-1@edge',
    localTag: 'edge-tag',
    remoteTag: 'phone-tag',
    localParty: '"122" <sip:122@127.0.0.1>;tag=edge-tag',
    remoteParty: '<sip:ivanova@127.0.0.1:5070>;tag=phone-tag',
    routeSet: [],
    remoteTarget: 'sip:ivanova@127.0.0.1:5070',
    localSeq: 1,
  },
  flow: { transport: 'udp', address: '127.0.0.1', port: 5070 },
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-open-calls-'));
});
afterEach(async () => {
  for (const r of opened.splice(0)) await r.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the edge's open calls on disk", () => {
  it('are read back after a crash: opened and not closed, with the operator and phone of those talking', async () => {
    const a = await record();
    await a.opened('edge-1', AT);
    await a.opened('edge-2', AT);
    await a.opened('edge-3', AT);
    await a.talking('edge-1', 'ivanova', phone);
    await a.closed(['edge-3']);
    const b = await record();
    expect(b.calls).toEqual([
      { callId: 'edge-1', at: AT, talking: { operator: 'ivanova', phone } },
      { callId: 'edge-2', at: AT },
    ]);
    expect(b.recovered).toEqual({ calls: 2, tornBytes: 0, badLines: 0 });
  });

  it('an open call is on disk when opened() resolves, before its first event goes to the journal', async () => {
    const a = await record();
    await a.opened('edge-1', AT);
    expect(fs.readFileSync(file(), 'utf8')).toContain('"edge-1"');
  });

  it('a torn last line (a crash in the middle of a write) is cut off, the rest kept, and writing goes on after it', async () => {
    const a = await record();
    await a.opened('edge-1', AT);
    await a.opened('edge-2', AT);
    const torn = JSON.stringify({ talking: { callId: 'edge-2', operator: 'ivanova', phone } }).slice(0, 40);
    fs.appendFileSync(file(), torn);
    const b = await record();
    expect(b.calls.map((c) => c.callId)).toEqual(['edge-1', 'edge-2']);
    expect(b.calls[1]!.talking).toBeUndefined();
    expect(b.recovered).toEqual({ calls: 2, tornBytes: torn.length, badLines: 0 });
    await b.closed(['edge-1'], { sync: true });
    const c = await record();
    expect(c.calls.map((x) => x.callId)).toEqual(['edge-2']);
    expect(c.recovered.tornBytes).toBe(0);
  });

  it('a damaged line in the middle (not JSON, or not a record of a call) is skipped', async () => {
    const a = await record();
    await a.opened('edge-1', AT);
    fs.appendFileSync(file(), 'not json\n{"open":{"callId":""}}\n{"talking":{"callId":"edge-1","operator":"x","phone":{"dialog":{}}}}\n');
    await a.opened('edge-2', AT);
    const b = await record();
    expect(b.calls).toEqual([
      { callId: 'edge-1', at: AT },
      { callId: 'edge-2', at: AT },
    ]);
    expect(b.recovered.badLines).toBe(3);
  });

  it('the file is emptied once no call is open, and rewritten when mostly closed calls', async () => {
    const a = await record({ compactBytes: 2048 });
    for (let i = 0; i < 40; i++) await a.opened(`edge-${i}`, AT);
    await a.talking('edge-39', 'ivanova', phone);
    await a.closed(Array.from({ length: 39 }, (_, i) => `edge-${i}`));
    await a.opened('edge-40', AT);
    await a.idle();
    expect(fs.statSync(file()).size).toBeLessThan(2048);
    expect((await record()).calls).toEqual([
      { callId: 'edge-39', at: AT, talking: { operator: 'ivanova', phone } },
      { callId: 'edge-40', at: AT },
    ]);
    await a.closed(['edge-39', 'edge-40']);
    await a.idle();
    expect(fs.statSync(file()).size).toBe(0);
  });
});
