// The regions module's topics and what each carries.
import { topicsOf } from '../platform/events/bus.ts';

/** Regions were loaded from a file (new ones, or their time zones and names again). */
export interface RegionsImported {
  codes: string[];
}

/** A region's hours or norms changed; region null: the defaults, which every region without its own value follows. */
export interface SettingsChanged {
  region: string | null;
}

export type RegionsTopics = {
  'regions.imported': RegionsImported;
  'regions.settings.changed': SettingsChanged;
};

export const regionsTopics = topicsOf<RegionsTopics>();
