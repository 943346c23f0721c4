// The monitoring module's topics and what each carries, and what it hears of others'.
import { topicsOf } from '../platform/events/bus.ts';
import type { CallsChangedFacts } from './rollups/facts.ts';

/** An alert opened or closed. */
export interface AlertChange {
  /** The alert's id (a bigint, as text). */
  id: string;
  region: string;
}

export type MonitoringTopics = {
  'mon.alert.opened': AlertChange;
  'mon.alert.closed': AlertChange;
};

export const monTopics = topicsOf<MonitoringTopics>();

/**
 * The contact centre's topics as monitoring hears them, declared here: monitoring imports nothing
 * of the contact centre: the facts the rollups fold (rollups/facts.ts), which the composition root
 * checks the real payload fits.
 */
export type CallTopicsHeard = {
  'cc.calls.changed': CallsChangedFacts;
};
