// The monitoring module's part in each contact-centre transaction: what the calls and operators
// changed in the rollups, as one outbox event that the folder adds up after the commit.
import type { AgentMove, CallChangeFacts, WriteHooks } from '../../contact-center/index.ts';
import { slices } from './agent-time.ts';
import { delta } from './delta.ts';
import { monTopics } from '../events.ts';
import { FOLD_TOPIC, type FoldPayload } from './fold.ts';
import { merge } from './store.ts';

export const rollupHooks: WriteHooks = {
  changed(calls: CallChangeFacts[], agents: AgentMove[]) {
    const d = merge(calls.map((c) => delta(c.before, c.after)));
    // The state that ended now is counted; the one that begins is counted when it ends.
    const agentTime = agents.flatMap((m) => (m.before.state === 'offline' ? [] : slices(m.before.region_code, m.before.state, m.before.state_since, m.at)));
    if (!d.rows.length && !d.topics.length && !agentTime.length) return [];
    const payload: FoldPayload = { ...(d.rows.length || d.topics.length ? { delta: d } : {}), ...(agentTime.length ? { agentTime } : {}) };
    return [monTopics.event(FOLD_TOPIC, payload)];
  },
};
