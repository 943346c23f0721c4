// The facts a change of calls and operators publishes (with cc.calls.changed) for modules that keep
// figures from them, the monitoring rollups: each call as stored before the change and after it,
// each operator's move. Compact (the write path publishes these with every batch): only what the
// figures are computed from, times as epoch milliseconds (JSON keeps them exact, no parsing back).
import type { AgentRow } from './agents-queries.ts';
import type { CallRecord } from './call-fold.ts';

/** An operator moved from one state to another. */
export interface AgentMove {
  before: AgentRow;
  after: AgentRow;
  at: Date;
}

export interface ChangeFacts {
  /** Calls whose facts changed: as stored before (null: new) and after. */
  facts?: { before: CallFacts | null; after: CallFacts }[];
  moves?: MoveFacts[];
}

const ms = (t: Date | null) => t?.getTime() ?? null;

/** A call as the figures count it. */
export const callFacts = (r: CallRecord) => ({
  abandoned: r.state === 'abandoned',
  regionCode: r.regionCode,
  queueId: r.queueId,
  queueRegion: r.queueRegion,
  originQueueId: r.originQueueId,
  topic: r.topic,
  offeredAt: ms(r.offeredAt),
  queuedAt: ms(r.queuedAt),
  answeredAt: ms(r.answeredAt),
  endedAt: ms(r.endedAt),
  wrappedAt: ms(r.wrappedAt),
  overflowed: r.overflowed,
  callback: r.callback,
  /** The support measures found eligible (for the reports of which measures callers ask about). */
  measures: r.measures,
});

/** A move as published: the state that ended (held since `since`) and the one that began, at `at`. */
const moveFacts = (m: AgentMove) => ({ region: m.before.region_code, before: m.before.state, after: m.after.state, since: m.before.state_since.getTime(), at: m.at.getTime() });

export type CallFacts = ReturnType<typeof callFacts>;
export type MoveFacts = ReturnType<typeof moveFacts>;

// (measures compared by content: the record's array is a new one after every fold)
const same = (a: CallFacts, b: CallFacts) => (Object.keys(a) as (keyof CallFacts)[]).every((k) => (k === 'measures' ? a.measures.join(' ') === b.measures.join(' ') : a[k] === b[k]));

/** The facts of a change, without calls whose facts it left as they were (a ring, a note). */
export function changeFacts(calls: { before: CallRecord | null; after: CallRecord }[], moves: AgentMove[]): ChangeFacts {
  const facts = calls.flatMap(({ before, after }) => {
    const now = callFacts(after);
    const was = before && callFacts(before);
    return was && same(was, now) ? [] : [{ before: was, after: now }];
  });
  return { ...(facts.length ? { facts } : {}), ...(moves.length ? { moves: moves.map(moveFacts) } : {}) };
}
