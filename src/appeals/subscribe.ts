// What the appeals module hears on the bus, in one place: its own steps, for the e-mail notices.
import type { Subscriber } from '../platform/events/bus.ts';
import type { AppealsTopics } from './events.ts';
import type { AppealMail } from './notify.ts';

/**
 * Call before the bus starts. The notifier reads the events itself (its own cursor): the bus only
 * wakes it. A notice is for a client, not an index: 'notify' phase.
 */
export function subscribeAppeals(mail: AppealMail, bus: Subscriber<AppealsTopics>): void {
  bus.subscribe('appeals.changed', () => mail.catchUp(), 'notify');
}
