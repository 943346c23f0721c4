// A day's call events sent shuffled and duplicated, in batches of any size, give exactly the same
// call records and states as the same events sent in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './support/app.ts';
import type { Client } from './support/http-client.ts';
import { edgeClient } from './support/telephony.ts';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

type Ev = Record<string, unknown> & { id: string; callId: string; type: string; at: string };

/** 400 calls of one day in regions 77 and 78: answered, abandoned, transferred, called back, overflowing into the night. */
function day(operators: string[]): Ev[] {
  const r = prng(7);
  const start = Date.parse('2026-11-27T06:00:00Z');
  const out: Ev[] = [];
  let n = 0;
  const e = (callId: string, type: string, t: number, extra: Record<string, unknown> = {}): Ev => ({ id: `ev-${++n}`, callId, type, at: new Date(t).toISOString(), ...extra });
  for (let i = 0; i < 400; i++) {
    const callId = `day-${i}`;
    const region = i % 3 ? '77' : '78';
    const ops = operators.filter((o) => o.endsWith(region));
    const op = ops[Math.floor(r() * ops.length)]!;
    let t = start + Math.floor(r() * 12 * 3600_000);
    out.push(e(callId, 'offered', t, { region, caller: `+7916${String(1000000 + Math.floor(r() * 300)).slice(-7)}`, dialled: '122' }));
    out.push(e(callId, 'ivr_choice', (t += 8000), { topic: ['Коронавирус', 'Частичная мобилизация', 'Кредиты и финансы'][i % 3] }));
    out.push(e(callId, 'queued', (t += 1000)));
    const kind = Math.floor(r() * 6);
    if (kind === 0) {
      out.push(e(callId, 'abandoned', t + 5000 + Math.floor(r() * 60_000)));
      continue;
    }
    if (kind === 1) {
      out.push(e(callId, 'callback_requested', (t += 30_000)));
      out.push(e(callId, 'ringing', (t += 600_000), { operator: op }), e(callId, 'answered', (t += 4000), { operator: op }), e(callId, 'ended', t + 120_000));
      continue;
    }
    out.push(e(callId, 'ringing', (t += 10_000 + Math.floor(r() * 50_000)), { operator: op }));
    out.push(e(callId, 'answered', (t += 3000), { operator: op }));
    if (kind === 2) {
      const other = ops.find((o) => o !== op)!;
      out.push(e(callId, 'transferred', (t += 60_000), { to: { operator: other } }), e(callId, 'answered', (t += 5000), { operator: other }));
    }
    if (kind === 3) out.push(e(callId, 'transferred', (t += 30_000), { to: { queue: 'general', region } }), e(callId, 'queued', (t += 500)), e(callId, 'abandoned', t + 20_000));
    else out.push(e(callId, 'ended', t + 60_000 + Math.floor(r() * 400_000)));
  }
  return out;
}

async function send(edge: Client, events: Ev[], batchSizes: () => number) {
  const verdicts: string[] = [];
  for (let i = 0; i < events.length; ) {
    const size = batchSizes();
    const r = await edge.post('/api/v1/telephony/events', { events: events.slice(i, i + size) });
    if (r.status !== 200) throw new Error(r.text);
    verdicts.push(...r.body.results.map((x: { status: string; reason?: string }) => (x.status === 'rejected' ? `rejected: ${x.reason}` : x.status)));
    i += size;
  }
  return verdicts;
}

async function records(app: TestApp) {
  const r = await app.db.query(
    `SELECT c.call_id, c.state, c.region_code, q.region_code AS queue_region, q.name AS queue, u.username AS operator, c.caller_hash, c.caller_masked,
            c.topic, c.offered_at, c.queued_at, c.ringing_at, c.answered_at, c.ended_at, c.callback, c.overflowed, c.close_reason, c.events
       FROM cc_calls c LEFT JOIN cc_queues q ON q.id = c.queue_id LEFT JOIN users u ON u.id = c.operator_id ORDER BY c.call_id`,
  );
  return r.rows;
}

describe('a day of events, in order and shuffled', () => {
  let ordered: TestApp;
  let shuffled: TestApp;
  const operators = ['op-a-77', 'op-b-77', 'op-c-77', 'op-a-78', 'op-b-78'];
  beforeAll(async () => {
    [ordered, shuffled] = await Promise.all([startApp({}, { acd: false }), startApp({}, { acd: false })]);
    for (const app of [ordered, shuffled]) for (const name of operators) await app.user('operator', name.slice(-2), name);
  });
  afterAll(async () => {
    await ordered.close();
    await shuffled.close();
  });

  it('gives the same call records and states', async () => {
    const events = day(operators).sort((a, b) => a.at.localeCompare(b.at));
    const inOrder = await send(await edgeClient(ordered), events, () => 100);
    expect(inOrder.filter((v) => v !== 'accepted')).toEqual([]);

    const r = prng(99);
    const mixed = [...events, ...events.filter(() => r() < 0.3)];
    for (let i = mixed.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [mixed[i], mixed[j]] = [mixed[j]!, mixed[i]!];
    }
    const verdicts = await send(await edgeClient(shuffled), mixed, () => 1 + Math.floor(r() * 150));
    expect(verdicts.filter((v) => v !== 'accepted' && v !== 'duplicate')).toEqual([]);
    expect(verdicts.filter((v) => v === 'duplicate').length).toBe(mixed.length - events.length);

    const a = await records(ordered);
    const b = await records(shuffled);
    expect(a).toHaveLength(400);
    expect(b).toEqual(a);
    const states = new Set(a.map((x) => x.state));
    expect(states).toEqual(new Set(['wrap_up', 'abandoned']));
  });
});
