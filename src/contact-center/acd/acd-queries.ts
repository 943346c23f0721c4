// What the ACD reads: the calls it may route and the operators at work.
import type { Queryable } from '../../platform/db/database.ts';
import type { CallRow } from '../calls-queries.ts';

export interface RoutableCall {
  call_id: string;
  state: 'waiting' | 'callback_pending' | 'ringing';
  region_code: string | null;
  queue_id: number | null;
  queue_region: string | null;
  operator_id: number | null;
  topic: string | null;
  queued_at: Date | null;
  offered_at: Date | null;
  overflowed: boolean;
  /** The caller asked to be called back (a ring for it first reaches the caller). */
  callback: boolean;
  updated_at: Date;
}

const COLUMNS = 'call_id, state, region_code, queue_id, queue_region, operator_id, topic, queued_at, offered_at, overflowed, callback, updated_at';

/** Every call waiting for an operator or for a callback (but those the edge's PBX routes). */
export async function allRoutable(db: Queryable): Promise<RoutableCall[]> {
  return (await db.query<RoutableCall>(`SELECT ${COLUMNS} FROM cc_calls WHERE state IN ('waiting', 'callback_pending') AND NOT routed_by_pbx`)).rows;
}

export async function ringingCalls(db: Queryable): Promise<RoutableCall[]> {
  return (await db.query<RoutableCall>(`SELECT ${COLUMNS} FROM cc_calls WHERE state = 'ringing' AND NOT routed_by_pbx`)).rows;
}

export async function callsByIds(db: Queryable, ids: string[]): Promise<Pick<CallRow, 'call_id' | 'state' | 'operator_id' | 'region_code' | 'queue_region' | 'callback'>[]> {
  return (await db.query<CallRow>('SELECT call_id, state, operator_id, region_code, queue_region, callback FROM cc_calls WHERE call_id = ANY($1::text[])', [ids])).rows;
}

export interface WorkingAgent {
  user_id: number;
  region_code: string;
  state: string;
  skills: string[];
  idle_since: Date | null;
}

/** Every operator logged in (not offline). */
export async function allWorking(db: Queryable): Promise<WorkingAgent[]> {
  return (await db.query<WorkingAgent>("SELECT user_id, region_code, state, skills, idle_since FROM cc_agents WHERE state <> 'offline'")).rows;
}

/** Calls whose operator is still wrapping up. */
export async function wrappingUp(db: Queryable): Promise<{ call_id: string; queue_id: number | null; ended_at: Date | null }[]> {
  return (await db.query<{ call_id: string; queue_id: number | null; ended_at: Date | null }>("SELECT call_id, queue_id, ended_at FROM cc_calls WHERE state = 'wrap_up'")).rows;
}
