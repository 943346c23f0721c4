// What other modules may do inside the transaction that changes calls and operators: keep their
// own derived tables (the interval rollups) exactly in step, committed or rolled back together.
import type { Queryable } from '../platform/db/database.ts';
import type { AgentRow } from './agents-queries.ts';
import type { CallRecord } from './call-fold.ts';

export interface CallChangeFacts {
  before: CallRecord | null;
  after: CallRecord;
}

export interface AgentMove {
  before: AgentRow;
  after: AgentRow;
  at: Date;
}

export interface WriteHooks {
  calls?(tx: Queryable, changes: CallChangeFacts[]): Promise<void>;
  agents?(tx: Queryable, moves: AgentMove[]): Promise<void>;
}
