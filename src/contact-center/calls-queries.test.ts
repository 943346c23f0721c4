// A batch's write (the function cc_write_batch) stores a call's record whole, first as new and
// then over the old one, and covers every column of cc_calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../platform/db/database.ts';
import { inlineParameters } from '../platform/db/postgres.ts';
import { testDatabase } from '../../test/support/database.ts';
import type { CallRecord } from './call-fold.ts';
import { CALL_COLUMNS, recordOf } from './call-rows.ts';
import { callById, lockAndRead, writeBatch } from './calls-queries.ts';

const t = (s: number) => new Date(Date.UTC(2026, 10, 28, 9, 0, s));

const first: CallRecord = {
  callId: 'c-whole',
  state: 'wrap_up',
  regionCode: '77',
  queueId: 3,
  queueRegion: '77',
  originQueueId: 2,
  operatorId: 41,
  callerHash: 'h1',
  callerMasked: '+7 916 ***-**-12',
  dialled: '122',
  topic: 'covid',
  offeredAt: t(1),
  queuedAt: t(2),
  ringingAt: t(3),
  answeredAt: t(4),
  endedAt: t(5),
  wrappedAt: null,
  overflowed: true,
  callback: false,
  outcome: null,
  topics: ['Коронавирус'],
  answersUsed: ['cov-first-steps'],
  measures: [],
  note: 'первый',
  closeReason: null,
  events: 6,
  routedByPbx: false,
};
// every field different
const second: CallRecord = {
  callId: 'c-whole',
  state: 'ended',
  regionCode: '78',
  queueId: 4,
  queueRegion: 'federal',
  originQueueId: 5,
  operatorId: 42,
  callerHash: 'h2',
  callerMasked: '+7 921 ***-**-34',
  dialled: '8800',
  topic: 'taxes',
  offeredAt: t(11),
  queuedAt: t(12),
  ringingAt: t(13),
  answeredAt: t(14),
  endedAt: t(15),
  wrappedAt: t(16),
  overflowed: false,
  callback: true,
  outcome: 'answered',
  topics: ['Налоги', 'Пособия'],
  answersUsed: ['tax-1'],
  measures: [],
  note: 'второй',
  closeReason: 'caller_hung_up',
  events: 7,
  routedByPbx: true,
};

describe('a batch write', () => {
  let db: Db;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(() => db.close());

  const write = (r: CallRecord) => db.transaction((tx) => writeBatch(tx, { events: [], calls: [r], agents: [], log: [], publish: [] }));

  it('stores a call whole, and replaces it whole', async () => {
    await write(first);
    expect(recordOf((await callById(db, 'c-whole'))!)).toEqual(first);
    await write(second);
    expect(recordOf((await callById(db, 'c-whole'))!)).toEqual(second);
  });

  it('knows every column of cc_calls (a new column must be written too)', async () => {
    const r = await db.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'cc_calls' AND column_name <> 'updated_at'");
    expect(r.rows.map((x) => x.column_name).sort()).toEqual([...CALL_COLUMNS].sort());
  });
});

describe("a batch's first statement", () => {
  it('may travel with BEGIN on PostgreSQL (a function call with plain values), as the recorder asks', async () => {
    const sent: [string, unknown[]][] = [];
    const tx: Queryable = { query: async (text, params = []) => (sent.push([text, params]), { rows: [], rowCount: 0 }), exec: async () => {} };
    await lockAndRead(tx, ['c-1', "c-'2"], ['e-1']);
    expect(sent).toHaveLength(1);
    expect(inlineParameters(...sent[0]!)).toBeDefined();
  });
});
