// The monitoring module's topics and what each carries, and what it hears of others'.
import { topicsOf } from '../platform/events/bus.ts';
import type { FoldPayload } from './rollups/fold.ts';

/** An alert opened or closed. */
export interface AlertChange {
  /** The alert's id (a bigint, as text). */
  id: string;
  region: string;
}

export type MonitoringTopics = {
  'mon.alert.opened': AlertChange;
  'mon.alert.closed': AlertChange;
  /** What a contact-centre transaction changed in the rollups (rollups/hooks.ts; read by the folder from the outbox). */
  'mon.fold': FoldPayload;
};

export const monTopics = topicsOf<MonitoringTopics>();

/**
 * The contact centre's topics as monitoring hears them, declared here: monitoring imports nothing
 * of the contact centre. It needs only to know that calls changed (the composition root checks
 * that the real payload fits).
 */
export type CallTopicsHeard = {
  'cc.calls.changed': unknown;
};
