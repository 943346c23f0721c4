// What the contact centre hears, in one place: the bus, and this node's own batches as the recorder
// admits them (the ACD routes those without waiting for the bus).
import type { AccountsTopics } from '../platform/auth/events.ts';
import type { Subscriber } from '../platform/events/bus.ts';
import type { RegionsTopics } from '../regions/index.ts';
import type { Fanout } from '../platform/events/fanout.ts';
import type { Acd } from './acd/acd.ts';
import { NODE, type CallEventsRecorder } from './call-events.ts';
import type { ContactCenterTopics, LiveEvent } from './events.ts';
import type { Queues } from './queues.ts';
import type { SipCredentialsService } from './sip-credentials-service.ts';
import type { SipSessionService } from './sip-session-service.ts';

/**
 * Call before the bus starts. Queues and the ACD's memory are kept in the 'index' phase; the live
 * streams (live-feeds.ts) are fed in the 'notify' one, after them.
 */
export function subscribeContactCenter(
  cc: { queues: Queues; acd: Acd; recorder: CallEventsRecorder; live: Fanout<LiveEvent>; sipCredentials: SipCredentialsService; sipSessions: SipSessionService },
  bus: Subscriber<ContactCenterTopics & RegionsTopics & AccountsTopics>,
): void {
  bus.subscribe('cc.queues.changed', () => cc.queues.load());
  // A region new to the file gets its queues.
  bus.subscribe('regions.imported', (e) => cc.queues.ensureDefaults(e.payload.codes));
  bus.subscribe('cc.calls.changed', (e) => {
    if (e.payload.origin !== NODE) cc.acd.onChange(e.payload);
  });
  cc.recorder.on((e) => {
    // Batches recorded on this node reach the ACD as soon as they are admitted; the bus brings the others'.
    if (e.phase === 'admitted') cc.acd.onChange(e.changed);
    else if (e.phase === 'aborted') cc.acd.onAborted();
  });
  // An operator's account disabled or enabled: edges refreshing SIP credentials read theirs again
  // (every node marks it, each after forgetting what it knew of the account: see AccountsWatch).
  bus.subscribe('auth.credentials.changed', (e) => ('userId' in e.payload ? cc.sipCredentials.accountChanged(e.payload.userId) : undefined));
  // Signed out (or the session otherwise ended): the browser phone's credential for it is revoked.
  bus.subscribe('auth.sessions.ended', (e) => cc.sipSessions.sessionsEnded(e.payload.sessionIds));
  bus.subscribe(['acd.decision', 'cc.calls.changed'], (e) => cc.live.emit(e), 'notify');
}
