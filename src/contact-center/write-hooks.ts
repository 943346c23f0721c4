// What other modules may add to the transaction that changes calls and operators: events of their
// own, written to the outbox with the change and committed or rolled back with it (the monitoring
// module's rollups are folded from these). A hook computes; it does not query.
import type { AgentRow } from './agents-queries.ts';
import type { CallRecord } from './call-fold.ts';
import type { OutboxEvent } from '../platform/events/bus.ts';

export interface CallChangeFacts {
  before: CallRecord | null;
  after: CallRecord;
}

export interface AgentMove {
  before: AgentRow;
  after: AgentRow;
  at: Date;
}

export type { OutboxEvent } from '../platform/events/bus.ts';

export interface WriteHooks {
  changed?(calls: CallChangeFacts[], agents: AgentMove[]): OutboxEvent[];
}
