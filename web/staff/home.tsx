// The signed-in person's apps, from the one table of apps and roles (src/web/staff-apps.ts): each a
// card whose link is the app's name, described by what it is for. The first takes the focus, so
// Enter opens it and Tab walks the others.
import { useEffect, useRef } from 'preact/hooks';
import { appsOf } from '../../src/web/staff-apps.ts';
import { Header } from '../shared/login.tsx';
import type { User } from '../shared/session.ts';
import { t } from './strings.ts';

export function StaffHome({ user }: { user: User }) {
  const apps = appsOf(user.role);
  const first = useRef<HTMLAnchorElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <>
      <Header title={t.brand} user={user} />
      <main class="staff" id="main">
        <h1>{t.heading}</h1>
        <p class="muted">{t.greeting(user.displayName)}</p>
        {apps.length ? (
          <ul class="staff-apps">
            {apps.map((a, i) => (
              <li key={a.path}>
                {/* the link is the app's name; the whole card takes the click (style.css) */}
                <a href={`/${a.path}`} ref={i === 0 ? first : undefined} aria-describedby={`app-${a.path}`}>
                  {a.title}
                </a>
                <span id={`app-${a.path}`}>{a.purpose}</span>
                <span class="path" aria-hidden="true">
                  /{a.path}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="card">
            {t.noApps} <a href="/api/docs">{t.apiDocs}</a>.
          </p>
        )}
        <p>
          <a href="/">{t.portal}</a>
        </p>
      </main>
    </>
  );
}
