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
  measures: 'measures',
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

// Run for every call a batch reads or writes, so made once from the table as plain object literals
// (Object.fromEntries over it allocates an array per field each time). The names come from
// COLUMN_OF above, never from input.
const literal = (pair: (f: Field) => string) => `return { ${FIELDS.map(pair).join(', ')} };`;

export const recordOf = new Function(
  'row',
  literal((f) => `${f}: row.${COLUMN_OF[f]}`),
) as (row: CallRow) => CallRecord;

/** The row to write (as JSON: cc_write_batch reads it with json_populate_recordset). */
export const toRow = new Function(
  'r',
  literal((f) => `${COLUMN_OF[f]}: r.${f}`),
) as (r: CallRecord) => Record<Column, unknown>;
