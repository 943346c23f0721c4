// A call's record and its row of cc_calls, both ways, from one table of fields: the row read back
// (recordOf), the row written (toRow, sent as JSON: its Dates become ISO text), the column list.
import type { CallRecord } from './call-fold.ts';

/** Each field of a call's record and its column in cc_calls (all but updated_at). */
const COLUMN_OF = {
  callId: 'call_id',
  state: 'state',
  regionCode: 'region_code',
  queueId: 'queue_id',
  queueRegion: 'queue_region',
  originQueueId: 'origin_queue_id',
  operatorId: 'operator_id',
  callerHash: 'caller_hash',
  callerMasked: 'caller_masked',
  dialled: 'dialled',
  topic: 'topic',
  offeredAt: 'offered_at',
  queuedAt: 'queued_at',
  ringingAt: 'ringing_at',
  answeredAt: 'answered_at',
  endedAt: 'ended_at',
  wrappedAt: 'wrapped_at',
  overflowed: 'overflowed',
  callback: 'callback',
  outcome: 'outcome',
  topics: 'topics',
  answersUsed: 'answers_used',
  note: 'note',
  closeReason: 'close_reason',
  events: 'events',
  routedByPbx: 'routed_by_pbx',
} as const satisfies { [K in keyof CallRecord]: string };

type Field = keyof typeof COLUMN_OF;
type Column = (typeof COLUMN_OF)[Field];

/** A row of cc_calls as read. */
export type CallRow = { [K in Field as (typeof COLUMN_OF)[K]]: CallRecord[K] } & { updated_at: Date };

const FIELDS = Object.keys(COLUMN_OF) as Field[];

/** The columns of cc_calls a call's record fills (all but updated_at). */
export const CALL_COLUMNS = FIELDS.map((f) => COLUMN_OF[f]);

export function recordOf(row: CallRow): CallRecord {
  return Object.fromEntries(FIELDS.map((f) => [f, row[COLUMN_OF[f]]])) as unknown as CallRecord;
}

/** The row to write (as JSON: cc_write_batch reads it with json_populate_recordset). */
export function toRow(r: CallRecord): Record<Column, unknown> {
  return Object.fromEntries(FIELDS.map((f) => [COLUMN_OF[f], r[f]])) as Record<Column, unknown>;
}
