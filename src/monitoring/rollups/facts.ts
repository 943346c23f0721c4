// What monitoring reads of the contact centre, declared here: monitoring imports nothing from it.
// The contact centre publishes, with each change of calls and operators (cc.calls.changed), each
// changed call's facts before and after and each operator's move; its call sources return calls in
// the same form. The composition root (src/services.ts) checks when compiled that they fit.

export const CALLS_CHANGED = 'cc.calls.changed';

/** A call as the rollups count it; times in epoch milliseconds. */
export interface CallFacts {
  /** The caller hung up before an operator answered. */
  abandoned: boolean;
  regionCode: string | null;
  queueId: number | null;
  queueRegion: string | null;
  originQueueId: number | null;
  topic: string | null;
  offeredAt: number | null;
  queuedAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  wrappedAt: number | null;
  overflowed: boolean;
  callback: boolean;
}

/** An operator left state `before` (held since `since`) for `after`, at `at` (epoch ms). */
export interface MoveFacts {
  region: string;
  before: string;
  after: string;
  since: number;
  at: number;
}

/** What the rollups read of a cc.calls.changed event (it carries more, for others). */
export interface CallsChangedFacts {
  /** Changed calls as stored before the change (null: new) and after it. */
  facts?: { before: CallFacts | null; after: CallFacts }[];
  moves?: MoveFacts[];
}
