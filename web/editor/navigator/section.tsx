// The navigator's catalogue: measures and questions, written and reviewed like answers (to come
// with the catalogue's API).
import type { User } from '../../shared/session.ts';
import type { Place } from '../route.ts';
import { t } from '../strings.ts';

export function NavigatorSection(_: { place: Place; user: User }) {
  return (
    <section class="card">
      <h1>{t.section.navigator}</h1>
      <p class="muted">{t.navigatorSoon}</p>
    </section>
  );
}
