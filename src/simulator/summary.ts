// What a run did: the simulator's own tally as it goes (events sent and refused, rings, callbacks),
// and at the end the calls as otvet recorded them, read back through GET /api/v1/calls.
import type { Api } from './api.ts';

export class Ledger {
  offered = 0;
  ivrHangUps = 0;
  answered = 0;
  abandoned = 0;
  callbackOffers = 0;
  callbackRequests = 0;
  rings = 0;
  ringNoAnswer = 0;
  wrapUps = 0;
  operatorHangUps = 0;
  closedAtEnd = 0;
  events = 0;
  decisions = 0;
  readonly rejected = new Map<string, number>();
  readonly errors = new Map<string, number>();

  /** A refused event, counted by its reason (ids and times taken out, so like reasons add up). */
  reject(type: string, reason: string): void {
    const key = `${type}: ${reason.replace(/[0-9a-f-]{20,}|sim-[\w-]+|\d{4}-\d\d-\d\dT[\d:.]+Z|\d+/g, '…')}`;
    this.rejected.set(key, (this.rejected.get(key) ?? 0) + 1);
  }

  error(what: string, e: unknown): void {
    const key = `${what}: ${(e as Error).message ?? String(e)}`.replace(/sim-[\w-]+/g, '…').slice(0, 200);
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
  }
}

export interface RegionTotals {
  region: string;
  offered: number;
  answered: number;
  abandoned: number;
  overflowed: number;
  callbacks: number;
  open: number;
  wrappedUp: number;
  /** Sum of waits of answered calls (not callbacks), seconds, and their number. */
  waitSum: number;
  waits: number;
  withinTarget: number;
  abandonWaitSum: number;
}

export interface CallView {
  callId: string;
  state: string;
  region: string | null;
  queue: { region: string } | null;
  answeredAt: string | null;
  wrappedAt: string | null;
  waitSeconds: number | null;
  overflowed: boolean;
  callback: boolean;
}

export interface Summary {
  seed: string;
  from: Date;
  to: Date;
  speed: number;
  realSeconds: number;
  regions: number;
  operators: number;
  reserve: number;
  totals: RegionTotals;
  byRegion: RegionTotals[];
  ledger: Ledger;
  /** Lateness of the simulation's timers (simulated seconds): the machine keeping up or not. */
  lag: { max: number; mean: number };
  targetSeconds: number;
  regionNames: Map<string, string>;
}

const empty = (region: string): RegionTotals => ({
  region,
  offered: 0,
  answered: 0,
  abandoned: 0,
  overflowed: 0,
  callbacks: 0,
  open: 0,
  wrappedUp: 0,
  waitSum: 0,
  waits: 0,
  withinTarget: 0,
  abandonWaitSum: 0,
});

/** The run's calls as otvet has them: every page of GET /api/v1/calls in the run's window. */
export async function readBackCalls(api: Api, prefix: string, from: Date, to: Date): Promise<CallView[]> {
  const found = new Map<string, CallView>();
  let upper = to.getTime() + 1;
  for (;;) {
    const q = new URLSearchParams({ from: from.toISOString(), to: new Date(upper).toISOString(), limit: '1000' });
    const { items } = await api.get<{ items: (CallView & { offeredAt: string | null })[] }>(`/api/v1/calls?${q}`);
    let fresh = 0;
    for (const c of items) {
      if (!found.has(c.callId) && c.callId.startsWith(`${prefix}-`)) fresh++;
      if (c.callId.startsWith(`${prefix}-`)) found.set(c.callId, c);
    }
    if (items.length < 1000) break;
    const oldest = Math.min(...items.map((c) => (c.offeredAt ? Date.parse(c.offeredAt) : upper)));
    const next = oldest + 1 < upper ? oldest + 1 : oldest;
    if (!fresh && next >= upper) break;
    upper = next;
  }
  return [...found.values()];
}

export function tally(calls: CallView[], targetSeconds: number): { totals: RegionTotals; byRegion: RegionTotals[] } {
  const byRegion = new Map<string, RegionTotals>();
  const totals = empty('all');
  for (const c of calls) {
    const code = c.region ?? '?';
    const r = byRegion.get(code) ?? byRegion.set(code, empty(code)).get(code)!;
    for (const t of [r, totals]) {
      t.offered++;
      if (c.answeredAt) t.answered++;
      if (c.state === 'abandoned') t.abandoned++;
      if (c.overflowed) t.overflowed++;
      if (c.callback) t.callbacks++;
      if (c.wrappedAt) t.wrappedUp++;
      if (!['ended', 'abandoned', 'wrap_up'].includes(c.state)) t.open++;
      if (c.answeredAt && !c.callback && c.waitSeconds !== null) {
        t.waitSum += c.waitSeconds;
        t.waits++;
        if (c.waitSeconds <= targetSeconds) t.withinTarget++;
      }
      if (c.state === 'abandoned' && c.waitSeconds !== null) t.abandonWaitSum += c.waitSeconds;
    }
  }
  return { totals, byRegion: [...byRegion.values()].sort((a, b) => b.offered - a.offered || a.region.localeCompare(b.region)) };
}

const pct = (n: number, of: number) => (of ? `${((n / of) * 100).toFixed(1)} %` : '—');
const num = (n: number) => n.toLocaleString('en-US');
const mean = (sum: number, n: number) => (n ? `${(sum / n).toFixed(1)} s` : '—');

function moscow(d: Date): string {
  return new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', dateStyle: 'short', timeStyle: 'medium' }).format(d);
}

export function formatSummary(s: Summary, top = 5): string {
  const t = s.totals;
  const l = s.ledger;
  const simulated = (s.to.getTime() - s.from.getTime()) / 1000;
  const lines = [
    '',
    `otvet simulate: ${moscow(s.from)} – ${moscow(s.to)} Moscow time, seed ${s.seed}`,
    `  ${formatSpan(simulated)} simulated in ${s.realSeconds.toFixed(1)} s real (×${s.speed}); ${s.regions} regions, ${s.operators} operators + ${s.reserve} in the federal reserve`,
    '',
    `  calls offered      ${num(t.offered).padStart(8)}`,
    `    answered         ${num(t.answered).padStart(8)}  ${pct(t.answered, t.offered).padStart(7)}   mean wait ${mean(t.waitSum, t.waits)}, ${pct(t.withinTarget, t.waits)} within ${s.targetSeconds} s`,
    `    abandoned        ${num(t.abandoned).padStart(8)}  ${pct(t.abandoned, t.offered).padStart(7)}   mean time to abandon ${mean(t.abandonWaitSum, t.abandoned)} (${num(l.ivrHangUps)} in the IVR)`,
    `    overflowed       ${num(t.overflowed).padStart(8)}  ${pct(t.overflowed, t.offered).padStart(7)}   to the federal reserve`,
    `    callbacks        ${num(t.callbacks).padStart(8)}            ${num(l.callbackOffers)} offered by the ACD`,
    `    wrapped up       ${num(t.wrappedUp).padStart(8)}`,
    ...(t.open ? [`    still open       ${num(t.open).padStart(8)}`] : []),
    ...(l.closedAtEnd ? [`    closed at the end ${num(l.closedAtEnd).padStart(7)}   (still waiting or talking when the run stopped)`] : []),
    `  rings ${num(l.rings)}, unanswered (ring timeout) ${num(l.ringNoAnswer)}; operators hung up ${num(l.operatorHangUps)}`,
    `  events sent ${num(l.events)}, decisions received ${num(l.decisions)}; timers late by ${s.lag.mean.toFixed(1)} s on average, ${s.lag.max.toFixed(1)} s at most`,
  ];
  if (l.rejected.size) {
    lines.push(`  events refused by otvet: ${num([...l.rejected.values()].reduce((a, b) => a + b, 0))}`);
    for (const [k, n] of [...l.rejected].sort((a, b) => b[1] - a[1]).slice(0, 8)) lines.push(`    ${String(n).padStart(6)}  ${k}`);
  }
  if (l.errors.size) {
    lines.push(`  request errors: ${num([...l.errors.values()].reduce((a, b) => a + b, 0))}`);
    for (const [k, n] of [...l.errors].sort((a, b) => b[1] - a[1]).slice(0, 8)) lines.push(`    ${String(n).padStart(6)}  ${k}`);
  }
  lines.push('', `  top ${Math.min(top, s.byRegion.length)} regions by calls offered:`);
  lines.push(`    ${'region'.padEnd(34)} ${'offered'.padStart(8)} ${'answered'.padStart(9)} ${'abandoned'.padStart(10)} ${'overflowed'.padStart(11)}  mean wait`);
  for (const r of s.byRegion.slice(0, top)) {
    const name = `${r.region} ${s.regionNames.get(r.region) ?? ''}`.slice(0, 34);
    lines.push(`    ${name.padEnd(34)} ${num(r.offered).padStart(8)} ${num(r.answered).padStart(9)} ${num(r.abandoned).padStart(10)} ${num(r.overflowed).padStart(11)}  ${mean(r.waitSum, r.waits)}`);
  }
  lines.push('');
  return lines.join('\n');
}

export function formatSpan(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'open-ended';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return [h ? `${h} h` : '', m ? `${m} min` : '', s || (!h && !m) ? `${s} s` : ''].filter(Boolean).join(' ');
}

/** The summary as plain data (for --json). */
export function summaryJson(s: Summary) {
  return {
    seed: s.seed,
    from: s.from.toISOString(),
    to: s.to.toISOString(),
    speed: s.speed,
    realSeconds: Math.round(s.realSeconds * 10) / 10,
    regions: s.regions,
    operators: s.operators,
    reserve: s.reserve,
    totals: s.totals,
    byRegion: s.byRegion,
    rings: s.ledger.rings,
    ringNoAnswer: s.ledger.ringNoAnswer,
    callbackOffers: s.ledger.callbackOffers,
    events: s.ledger.events,
    rejected: Object.fromEntries(s.ledger.rejected),
    errors: Object.fromEntries(s.ledger.errors),
    lag: s.lag,
  };
}
