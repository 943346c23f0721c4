// SQL of operators' seats (cc_agents) and their state log.
import type { Queryable } from '../platform/db/database.ts';

export const agentStates = ['offline', 'ready', 'ringing', 'talking', 'wrap_up', 'break'] as const;
export type AgentStateName = (typeof agentStates)[number];

export interface AgentRow {
  user_id: number;
  region_code: string;
  skills: string[];
  state: AgentStateName;
  reason: string | null;
  state_since: Date;
  idle_since: Date | null;
  call_id: string | null;
  break_after: string | null;
}

export async function agentById(db: Queryable, userId: number, forUpdate = false): Promise<AgentRow | undefined> {
  return (await db.query<AgentRow>(`SELECT * FROM cc_agents WHERE user_id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [userId])).rows[0];
}

export async function agentsByIds(db: Queryable, ids: number[], forUpdate = false): Promise<AgentRow[]> {
  return (await db.query<AgentRow>(`SELECT * FROM cc_agents WHERE user_id = ANY($1::bigint[]) ORDER BY user_id${forUpdate ? ' FOR UPDATE' : ''}`, [ids])).rows;
}

export async function agentsOfRegions(db: Queryable, regions?: string[]): Promise<AgentRow[]> {
  const r = regions
    ? await db.query<AgentRow>('SELECT * FROM cc_agents WHERE region_code = ANY($1::text[]) ORDER BY user_id', [regions])
    : await db.query<AgentRow>('SELECT * FROM cc_agents ORDER BY user_id');
  return r.rows;
}

export async function ensureAgent(db: Queryable, userId: number, region: string): Promise<AgentRow> {
  await db.query('INSERT INTO cc_agents (user_id, region_code) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING', [userId, region]);
  return (await agentById(db, userId))!;
}

export interface AgentUpdate {
  state: AgentStateName;
  reason?: string | null;
  callId?: string | null;
  idleSince?: Date | null;
  breakAfter?: string | null;
}

/** Changes an operator's state and logs it (in the caller's transaction). */
export async function setAgentState(tx: Queryable, a: AgentRow, u: AgentUpdate, at = new Date()): Promise<AgentRow> {
  const next: AgentRow = {
    ...a,
    state: u.state,
    reason: u.reason === undefined ? (u.state === 'break' ? a.reason : null) : u.reason,
    call_id: u.callId === undefined ? a.call_id : u.callId,
    idle_since: u.idleSince === undefined ? a.idle_since : u.idleSince,
    break_after: u.breakAfter === undefined ? a.break_after : u.breakAfter,
    state_since: u.state !== a.state || (u.reason ?? null) !== a.reason ? at : a.state_since,
  };
  await tx.query(
    `UPDATE cc_agents SET state = $2, reason = $3, call_id = $4, idle_since = $5, break_after = $6, state_since = $7, updated_at = now() WHERE user_id = $1`,
    [a.user_id, next.state, next.reason, next.call_id, next.idle_since, next.break_after, next.state_since],
  );
  if (next.state !== a.state || next.reason !== a.reason) {
    await tx.query('INSERT INTO cc_agent_log (user_id, region_code, state, reason, at) VALUES ($1, $2, $3, $4, $5)', [a.user_id, a.region_code, next.state, next.reason, at]);
  }
  return next;
}

export async function setAgentSkills(tx: Queryable, userId: number, skills: string[]): Promise<void> {
  await tx.query('UPDATE cc_agents SET skills = $2, updated_at = now() WHERE user_id = $1', [userId, skills]);
}
