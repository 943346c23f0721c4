// The admin app's frame: the header, the sections («Обращения», «Регионы», «Очереди», «Меню IVR»,
// «Пользователи», «Токены API», «Журнал») and the section shown. Staff who are not
// admins never get here: mountApp shows them the shared wrong-app message (main.tsx).
import { Header } from '../shared/login.tsx';
import type { User } from '../shared/session.ts';
import { AuditSection } from './accounts/audit.tsx';
import { TokensSection } from './accounts/tokens.tsx';
import { UsersSection } from './accounts/users.tsx';
import { AppealsSection } from './appeals/section.tsx';
import { IvrSection } from './settings/ivr.tsx';
import { QueuesSection } from './settings/queues.tsx';
import { RegionsSection } from './settings/regions.tsx';
import { rightsOf } from './appeals/catalog.ts';
import { href, sections, usePlace } from './route.ts';
import { t } from './strings.ts';

export function AdminApp({ user }: { user: User }) {
  const place = usePlace();
  const ownRegion = user.region === 'federal' ? null : user.region;
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
          {place.section === 'regions' ? (
            <RegionsSection ownRegion={ownRegion} item={place.item} />
          ) : place.section === 'queues' ? (
            <QueuesSection ownRegion={ownRegion} item={place.item} />
          ) : place.section === 'ivr' ? (
            <IvrSection ownRegion={ownRegion} item={place.item} />
          ) : place.section === 'users' ? (
            <UsersSection ownRegion={ownRegion} selfId={user.id} />
          ) : place.section === 'tokens' ? (
            <TokensSection />
          ) : place.section === 'audit' ? (
            <AuditSection key={place.target ? `${place.target.type}/${place.target.id}` : ''} target={place.target} />
          ) : (
            <AppealsSection place={place} rights={rightsOf(user)} />
          )}
        </main>
      </div>
    </>
  );
}
