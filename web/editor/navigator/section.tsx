// The navigator's catalogue (issue 17): measures and questions, each a list and a form, written
// and reviewed like answers (draft → review → published).
import type { User } from '../../shared/session.ts';
import { href, type Place } from '../route.ts';
import { EntryEditor } from './entry-editor.tsx';
import { EntryList } from './entry-list.tsx';
import { nt } from './strings.ts';

export function NavigatorSection({ place, user }: { place: Place; user: User }) {
  const tab = place.tab === 'questions' ? 'questions' : 'measures';
  const kind = tab === 'questions' ? 'question' : 'measure';
  return (
    <>
      <nav class="subnav" aria-label={nt.tabsLabel}>
        {(['measures', 'questions'] as const).map((x) => (
          <a key={x} href={href({ section: 'navigator', tab: x })} aria-current={x === tab && !place.item ? 'page' : undefined} class={x === tab ? 'current' : undefined}>
            {nt.tabs[x]}
          </a>
        ))}
      </nav>
      {place.item ? (
        <EntryEditor key={`${kind}/${place.item}`} kind={kind} entryKey={place.item === 'new' ? null : place.item} user={user} />
      ) : (
        <EntryList kind={kind} mayWrite={user.role === 'editor' && user.region === 'federal'} />
      )}
    </>
  );
}
