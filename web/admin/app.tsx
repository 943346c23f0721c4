// The admin app's frame: the header, the sections (only «Обращения» for now: users, tokens, regions,
// queues and the audit log come later as sections beside it) and the section shown. Staff who are
// not admins are told so, with a link to their own app.
import { Header } from '../shared/login.tsx';
import { signOut, type User } from '../shared/session.ts';
import { AppealsSection } from './appeals/section.tsx';
import { rightsOf } from './appeals/catalog.ts';
import { href, sections, usePlace } from './route.ts';
import { t } from './strings.ts';

function NoAccess({ user }: { user: User }) {
  const app = t.apps[user.role];
  return (
    <main class="no-access" id="main">
      <div class="card">
        <h1>{t.noAccess.title}</h1>
        <p role="alert">{t.noAccess.text(t.roles[user.role] ?? user.role)}</p>
        <p>{app ? <a href={app[0]}>{t.noAccess.yourApp(app[1])}</a> : <a href="/">{t.noAccess.noApp}</a>}</p>
        <p>
          <button type="button" class="secondary" onClick={async () => (await signOut(), location.reload())}>
            {t.noAccess.signOut}
          </button>
        </p>
      </div>
    </main>
  );
}

export function AdminApp({ user }: { user: User }) {
  const place = usePlace();
  if (user.role !== 'admin') return <NoAccess user={user} />;
  return (
    <>
      <Header title={t.title} user={user} />
      <div class="admin">
        <nav class="sections" aria-label={t.sections}>
          <ul>
            {sections.map((s) => (
              <li key={s}>
                <a href={href({ section: s, tab: 'types' })} aria-current={place.section === s ? 'page' : undefined}>
                  {t.section[s]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" class="content">
          <h1 class="sr-only">{t.section[place.section]}</h1>
          <AppealsSection place={place} rights={rightsOf(user)} />
        </main>
      </div>
    </>
  );
}
