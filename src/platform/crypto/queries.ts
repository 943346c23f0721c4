// SQL of the data keys (pd_data_keys): only their wrapped form is ever stored.
import type { Queryable } from '../db/database.ts';

export interface DataKeyRow {
  id: number;
  /** (PGlite reads bytea as a Uint8Array, node-postgres as a Buffer) */
  wrapped: Uint8Array;
  master_key_id: string;
  created_at: Date;
  retired_at: Date | null;
}

const columns = 'id, wrapped, master_key_id, created_at, retired_at';

/** The key that encrypts new data, if there is one. */
export async function selectCurrentDataKey(db: Queryable): Promise<DataKeyRow | undefined> {
  return (await db.query<DataKeyRow>(`SELECT ${columns} FROM pd_data_keys WHERE retired_at IS NULL`)).rows[0];
}

export async function selectDataKey(db: Queryable, id: number): Promise<DataKeyRow | undefined> {
  return (await db.query<DataKeyRow>(`SELECT ${columns} FROM pd_data_keys WHERE id = $1`, [id])).rows[0];
}

export async function selectDataKeys(db: Queryable): Promise<DataKeyRow[]> {
  return (await db.query<DataKeyRow>(`SELECT ${columns} FROM pd_data_keys ORDER BY id`)).rows;
}

/** An id for a key about to be made: the key is wrapped with its id as associated data before the row exists. */
export async function nextDataKeyId(db: Queryable): Promise<number> {
  return (await db.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('pd_data_keys', 'id'))::int AS id`)).rows[0]!.id;
}

/** Adds the current key; false when there already is one (made by another node meanwhile). */
export async function insertCurrentDataKey(db: Queryable, key: { id: number; wrapped: Buffer; masterKeyId: string }): Promise<boolean> {
  const r = await db.query(`INSERT INTO pd_data_keys (id, wrapped, master_key_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`, [key.id, key.wrapped, key.masterKeyId]);
  return r.rows.length === 1;
}

/** Holds off other nodes' new, retired and rewrapped keys until the transaction ends (readers go on). */
export async function lockDataKeys(tx: Queryable): Promise<void> {
  await tx.query('LOCK TABLE pd_data_keys IN SHARE ROW EXCLUSIVE MODE');
}

/** Retires the current key; its id, or undefined when there was none. */
export async function retireCurrentDataKey(tx: Queryable): Promise<number | undefined> {
  return (await tx.query<{ id: number }>('UPDATE pd_data_keys SET retired_at = now() WHERE retired_at IS NULL RETURNING id')).rows[0]?.id;
}

export async function selectDataKeysWrappedByOthers(tx: Queryable, masterKeyId: string): Promise<DataKeyRow[]> {
  return (await tx.query<DataKeyRow>(`SELECT ${columns} FROM pd_data_keys WHERE master_key_id <> $1 ORDER BY id`, [masterKeyId])).rows;
}

export async function updateWrapping(tx: Queryable, id: number, wrapped: Buffer, masterKeyId: string): Promise<void> {
  await tx.query('UPDATE pd_data_keys SET wrapped = $2, master_key_id = $3 WHERE id = $1', [id, wrapped, masterKeyId]);
}
