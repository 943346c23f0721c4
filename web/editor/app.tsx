// The app's frame: the header, the sections and the screen the address names: the list of answers,
// one answer's editor, what people search for and do not find, the publications, the synonyms, or
// the navigator's catalogue.
import { useEffect } from 'preact/hooks';
import { Header } from '../shared/login.tsx';
import type { User } from '../shared/session.ts';
import { AnswerEditor } from './answers/editor.tsx';
import { AnswerList } from './answers/list.tsx';
import { href, menu, usePlace, type Place } from './route.ts';
import { t } from './strings.ts';
import { NavigatorSection } from './navigator/section.tsx';
import { PublicationsSection } from './publications.tsx';
import { QueueSection } from './queue.tsx';
import { SynonymsSection } from './synonyms.tsx';

function Screen({ place, user }: { place: Place; user: User }) {
  if (place.section === 'navigator') return <NavigatorSection place={place} user={user} />;
  if (place.section === 'queue') return <QueueSection />;
  if (place.section === 'publications') return <PublicationsSection />;
  if (place.section === 'synonyms') return <SynonymsSection user={user} />;
  if (place.item) {
    const key = `${place.item}/${place.parent ?? ''}/${place.question ?? ''}`;
    return <AnswerEditor key={key} slug={place.item === 'new' ? null : place.item} parent={place.parent ?? null} question={place.question ?? null} user={user} />;
  }
  return <AnswerList />;
}

export function EditorApp({ user }: { user: User }) {
  const place = usePlace();
  useEffect(() => {
    document.title = `${t.section[place.section]} — ${t.title} — Ответ`;
  }, [place.section]);
  return (
    <>
      <Header title={t.title} user={user} />
      <div class="ed">
        <nav class="sections" aria-label={t.sections}>
          <ul>
            {menu.map((s) => (
              <li key={s}>
                <a href={href({ section: s })} aria-current={place.section === s ? 'page' : undefined}>
                  {t.section[s]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" class="content">
          <Screen place={place} user={user} />
        </main>
      </div>
    </>
  );
}
