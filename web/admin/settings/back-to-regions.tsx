// The way back to the regions list that a region's settings and the federal defaults open from,
// and what either shows when its settings could not be read.
import { href } from '../route.ts';
import { s } from './strings.ts';

export function BackToRegions() {
  return (
    <a href={href({ section: 'regions', tab: 'types' })} class="back">
      {s.regions.back}
    </a>
  );
}

export function SettingsUnread({ error }: { error: string }) {
  return (
    <section class="card">
      <BackToRegions />
      <p class="error" role="alert">
        {error}
      </p>
    </section>
  );
}
