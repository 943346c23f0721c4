import { describe, expect, it } from 'vitest';
import { emptyRecord, type CallRecord } from './call-fold.ts';
import { CALL_COLUMNS, recordOf, toRow, type CallRow } from './call-rows.ts';

const record: CallRecord = {
  ...emptyRecord('c-1'),
  state: 'ended',
  regionCode: '77',
  queueId: 3,
  queueRegion: '77',
  originQueueId: 2,
  operatorId: 9,
  callerHash: 'h',
  callerMasked: '+7 *** ***-**-12',
  dialled: '122',
  topic: 'pension',
  offeredAt: new Date('2026-12-01T10:00:00Z'),
  queuedAt: new Date('2026-12-01T10:00:05Z'),
  ringingAt: new Date('2026-12-01T10:00:30Z'),
  answeredAt: new Date('2026-12-01T10:00:35Z'),
  endedAt: new Date('2026-12-01T10:03:00Z'),
  wrappedAt: new Date('2026-12-01T10:04:00Z'),
  overflowed: true,
  callback: false,
  outcome: 'answered',
  topics: ['pension'],
  answersUsed: ['a-1'],
  note: 'n',
  closeReason: null,
  events: 7,
  routedByPbx: false,
};

describe('call rows', () => {
  it('writes every field under its column and reads the same record back', () => {
    const row = toRow(record);
    expect(Object.keys(row).sort()).toEqual([...CALL_COLUMNS].sort());
    expect(row).toMatchObject({ call_id: 'c-1', queue_region: '77', origin_queue_id: 2, answers_used: ['a-1'], routed_by_pbx: false });
    expect(recordOf({ ...row, updated_at: new Date() } as CallRow)).toEqual(record);
  });

  it('reads every field of the record from its column', () => {
    const back = recordOf({ ...toRow(record), updated_at: new Date() } as CallRow);
    expect(Object.keys(back).sort()).toEqual(Object.keys(record).sort());
  });
});
