// The navigator's topics and what each carries.
import type { Subscriber } from '../platform/events/bus.ts';
import { topicsOf } from '../platform/events/bus.ts';
import type { LiveNavigator } from './live-catalog.ts';

/** The published catalogue changed: an entry published or archived, or a whole catalogue imported. */
export interface CatalogChanged {
  kind: 'question' | 'measure' | 'catalogue';
  /** The entry's key (a question's var, a measure's id); null for an import. */
  key: string | null;
  action: 'published' | 'archived' | 'imported' | 'reordered';
  version: number | null;
}

export type NavigatorTopics = {
  'navigator.catalog.changed': CatalogChanged;
};

export const navigatorTopics = topicsOf<NavigatorTopics>();

/** Call before the bus starts: every node rebuilds its catalogue when another publishes (an 'index'). */
export function subscribeNavigator(live: LiveNavigator, bus: Subscriber<NavigatorTopics>): void {
  bus.subscribe('navigator.catalog.changed', () => live.reload());
}
