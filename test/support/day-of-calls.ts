// A day of call events for regions 77 and 78 (answered, abandoned, transferred, called back), as a
// telephony edge would report them; and a client that sends them in batches.
import type { Client } from './http-client.ts';

export function prng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export type Ev = Record<string, unknown> & { id: string; callId: string; type: string; at: string };

/** 400 calls of one day in regions 77 and 78: answered, abandoned, transferred, called back, overflowing into the night. */
export function day(operators: string[]): Ev[] {
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

export async function send(edge: Client, events: Ev[], batchSizes: () => number): Promise<string[]> {
  const verdicts: string[] = [];
  for (let i = 0; i < events.length;) {
    const size = batchSizes();
    const r = await edge.post('/api/v1/telephony/events', { events: events.slice(i, i + size) });
    if (r.status !== 200) throw new Error(r.text);
    verdicts.push(...r.body.results.map((x: { status: string; reason?: string }) => (x.status === 'rejected' ? `rejected: ${x.reason}` : x.status)));
    i += size;
  }
  return verdicts;
}

/** The same events shuffled, with a share of them twice. */
export function shuffledWithDuplicates(events: Ev[], seed: number, share = 0.3): Ev[] {
  const r = prng(seed);
  const mixed = [...events, ...events.filter(() => r() < share)];
  for (let i = mixed.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [mixed[i], mixed[j]] = [mixed[j]!, mixed[i]!];
  }
  return mixed;
}
