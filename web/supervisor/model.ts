// The supervisor view's logic, free of the DOM: service level against the norm, waits that keep
// growing between updates, operators ordered by state, which state changes make sense, live status.
import { strings } from './strings.ts';
import { secondsSince } from './time.ts';

// The API's shapes this view reads: api-shapes.ts (strings.ts names their states too).
import type { Agent, AgentState, Norms, Overview, QueueNow, SettableState } from './api-shapes.ts';
export type { Agent, AgentState, Call, CallState, Norms, Overview, QueueNow, SettableState } from './api-shapes.ts';

// --- queues --------------------------------------------------------------------------------------

export type LevelStatus = 'ok' | 'bad' | 'none';

export interface ServiceLevelView {
  status: LevelStatus;
  /** "86 %" or "—". */
  value: string;
  /** "в норме" / "ниже нормы" / "нет данных": the status in words, never colour alone. */
  label: string;
  /** "норма 80 % за 20 с", when the norm is known. */
  norm: string | null;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

export function serviceLevel(q: QueueNow, norms: Norms | null): ServiceLevelView {
  const norm = norms ? strings.queues.norm(percent(norms.serviceLevelTarget), norms.serviceLevelSeconds) : null;
  if (q.serviceLevelToday === null) return { status: 'none', value: '—', label: strings.queues.slNone, norm };
  const value = percent(q.serviceLevelToday);
  if (!norms) return { status: 'none', value, label: '', norm };
  const ok = q.serviceLevelToday + 1e-9 >= norms.serviceLevelTarget;
  return { status: ok ? 'ok' : 'bad', value, label: ok ? strings.queues.slOk : strings.queues.slBad, norm };
}

/** The longest wait now: the server's figure when the overview was taken, plus the time since. */
export function longestWait(q: QueueNow, overviewAt: string, now: number): number {
  return q.waiting > 0 ? q.longestWaitSeconds + secondsSince(overviewAt, now) : 0;
}

/** A wait is worth flagging once it passes the service-level threshold. */
export function waitIsLong(seconds: number, norms: Norms | null): boolean {
  return seconds > (norms?.serviceLevelSeconds ?? 20);
}

// --- operators -------------------------------------------------------------------------------------

/** On a call first (what the supervisor watches), then ready, on a break, and offline last. */
export const stateOrder: readonly AgentState[] = ['ringing', 'talking', 'wrap_up', 'ready', 'break', 'offline'];

export type SortKey = 'state' | 'name' | 'time';
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export const defaultSort: Sort = { key: 'state', dir: 'asc' };

const collator = new Intl.Collator('ru');

/**
 * Operators in the order asked for. By state: grouped in `stateOrder`, the longest in the state
 * first within a group (who has been on a break or in wrap-up too long stands out).
 */
export function sortAgents(agents: readonly Agent[], sort: Sort): Agent[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const byName = (a: Agent, b: Agent) => collator.compare(a.displayName, b.displayName);
  const since = (a: Agent) => Date.parse(a.since) || 0;
  return [...agents].sort((a, b) => {
    if (sort.key === 'name') return sign * byName(a, b) || a.userId - b.userId;
    if (sort.key === 'time') return sign * (since(a) - since(b)) || byName(a, b);
    return sign * (stateOrder.indexOf(a.state) - stateOrder.indexOf(b.state)) || since(a) - since(b) || byName(a, b);
  });
}

/** Next sort after a column header is pressed: the same column flips, another starts ascending. */
export function nextSort(current: Sort, key: SortKey): Sort {
  return current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
}

/** How many operators in each state, in `stateOrder`, states with nobody left out. */
export function countByState(agents: readonly Agent[]): { state: AgentState; count: number }[] {
  return stateOrder.map((state) => ({ state, count: agents.filter((a) => a.state === state).length })).filter((x) => x.count > 0);
}

/** The state as a supervisor reads it: "Перерыв (обед)". */
export function stateText(a: Pick<Agent, 'state' | 'reason'>): string {
  const name = strings.agentState[a.state];
  return a.state === 'break' ? `${name} (${strings.breakReason(a.reason)})` : name;
}

export const settableStates: readonly SettableState[] = ['ready', 'break', 'offline'];

export interface ChangeOptions {
  /** The states that can be chosen now. */
  allowed: SettableState[];
  /** Why some are not, or what will happen. */
  note: string | null;
}

/** What the server accepts for this operator now (it answers 409 otherwise). */
export function changeOptions(a: Agent): ChangeOptions {
  if (a.state === 'ringing') return { allowed: [], note: strings.change.ringingNote };
  if (a.state === 'talking' || a.state === 'wrap_up') return { allowed: ['ready', 'break'], note: strings.change.onCallNote };
  return { allowed: settableStates.filter((s) => s !== a.state || s === 'break'), note: null };
}

/** Applies an operator returned by POST /operators/{id}/state to the overview at once (the feed confirms it). */
export function withAgent(o: Overview, agent: Agent): Overview {
  return { ...o, agents: o.agents.map((a) => (a.userId === agent.userId ? agent : a)) };
}

// --- errors --------------------------------------------------------------------------------------

/** An API problem (application/problem+json) or a network failure, in words for the supervisor. */
export function problemText(status: number, body: unknown): string {
  const p = (body && typeof body === 'object' ? body : {}) as { code?: string; detail?: string; title?: string };
  if (status === 0) return strings.errors.network;
  if (status === 403) return strings.errors.forbidden;
  if (status === 404) return strings.errors.notFound;
  if (p.code === 'agent.on_call') return `${strings.errors.conflict}: ${strings.change.onCallNote}`;
  if (p.code === 'agent.call_ringing') return `${strings.errors.conflict}: ${strings.change.ringingNote}`;
  const detail = p.detail ?? p.title;
  if (status === 409) return detail ? `${strings.errors.conflict}: ${detail}` : strings.errors.conflict;
  return detail ? `${strings.errors.generic(status)} ${detail}` : strings.errors.generic(status);
}

// --- the live feed --------------------------------------------------------------------------------

export type LiveStatus = { kind: 'connecting' } | { kind: 'online'; lastAt: number } | { kind: 'lost'; since: number };

export type LiveEvent = { type: 'open'; at: number } | { type: 'overview'; at: number } | { type: 'error'; at: number };

export function nextLive(s: LiveStatus, e: LiveEvent): LiveStatus {
  switch (e.type) {
    case 'open':
      return s.kind === 'online' ? s : { kind: 'online', lastAt: e.at };
    case 'overview':
      return { kind: 'online', lastAt: e.at };
    case 'error':
      return s.kind === 'lost' ? s : { kind: 'lost', since: e.at };
  }
}

/** The server sends an overview at least every 5 s: silence for longer than this means a dead link. */
export const STALE_AFTER_MS = 15_000;

/** Lost, or "online" but silent for too long (a half-open connection errors only much later). */
export function isLost(s: LiveStatus, now: number): boolean {
  return s.kind === 'lost' || (s.kind === 'online' && now - s.lastAt > STALE_AFTER_MS);
}
