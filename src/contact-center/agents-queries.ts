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

export interface AgentLogEntry {
  user_id: number;
  region_code: string;
  state: AgentStateName;
  reason: string | null;
  at: Date;
}

/** The operator after an update, and the log entry if their state or reason changed. */
export function nextAgentState(a: AgentRow, u: AgentUpdate, at: Date): { next: AgentRow; log: AgentLogEntry | null } {
  const next: AgentRow = {
    ...a,
    state: u.state,
    reason: u.reason === undefined ? (u.state === 'break' ? a.reason : null) : u.reason,
    call_id: u.callId === undefined ? a.call_id : u.callId,
    idle_since: u.idleSince === undefined ? a.idle_since : u.idleSince,
    break_after: u.breakAfter === undefined ? a.break_after : u.breakAfter,
    state_since: a.state_since,
  };
  const changed = next.state !== a.state || next.reason !== a.reason;
  if (changed) next.state_since = at;
  return { next, log: changed ? { user_id: a.user_id, region_code: a.region_code, state: next.state, reason: next.reason, at } : null };
}

/** Writes operators' states and their log entries, in two statements whatever their number. */
export async function writeAgentStates(tx: Queryable, rows: AgentRow[], log: AgentLogEntry[]): Promise<void> {
  if (rows.length) {
    await tx.query(
      `UPDATE cc_agents a SET state = x.state, reason = x.reason, call_id = x.call_id, idle_since = x.idle_since,
              break_after = x.break_after, state_since = x.state_since, updated_at = now()
         FROM json_to_recordset($1::json) AS x(user_id bigint, state text, reason text, call_id text, idle_since timestamptz, break_after text, state_since timestamptz)
        WHERE a.user_id = x.user_id`,
      [
        JSON.stringify(
          rows.map((r) => ({ user_id: r.user_id, state: r.state, reason: r.reason, call_id: r.call_id, idle_since: r.idle_since, break_after: r.break_after, state_since: r.state_since })),
        ),
      ],
    );
  }
  if (log.length) {
    await tx.query(
      `INSERT INTO cc_agent_log (user_id, region_code, state, reason, at)
       SELECT user_id, region_code, state, reason, at FROM json_to_recordset($1::json) AS x(user_id bigint, region_code text, state text, reason text, at timestamptz)`,
      [JSON.stringify(log)],
    );
  }
}

/** Changes one operator's state and logs it (in the caller's transaction). */
export async function setAgentState(tx: Queryable, a: AgentRow, u: AgentUpdate, at = new Date()): Promise<AgentRow> {
  const { next, log } = nextAgentState(a, u, at);
  await writeAgentStates(tx, [next], log ? [log] : []);
  return next;
}

export async function setAgentSkills(tx: Queryable, userId: number, skills: string[]): Promise<void> {
  await tx.query('UPDATE cc_agents SET skills = $2, updated_at = now() WHERE user_id = $1', [userId, skills]);
}
