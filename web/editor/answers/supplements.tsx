// A federal answer's regional supplements (from the workspace: those whose parent it is), each a
// link to its editor, and a way to write a new one.
import { href } from '../route.ts';
import { t } from '../strings.ts';
import type { Listed } from './filters.ts';

export function Supplements({ slug, items, mayWrite }: { slug: string; items: Listed[] | null; mayWrite: boolean }) {
  const mine = (items ?? []).filter((a) => a.parent === slug).sort((a, b) => a.scope.localeCompare(b.scope));
  return (
    <section class="card" aria-labelledby="supplements-h">
      <h2 id="supplements-h">{t.editor.supplements}</h2>
      {items === null ? (
        <p class="muted">{t.loading}</p>
      ) : mine.length ? (
        <ul class="plain">
          {mine.map((s) => (
            <li key={s.slug}>
              <a href={href({ section: 'answers', item: s.slug })}>
                {t.scopeRegion(s.scope)}: {s.title}
              </a>{' '}
              <span class={`state ${s.status}`}>{t.status[s.status]}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t.editor.supplementsNone}</p>
      )}
      {mayWrite && (
        <p>
          <a class="button secondary" href={href({ section: 'answers', item: 'new', parent: slug })}>
            {t.editor.addSupplement}
          </a>
        </p>
      )}
    </section>
  );
}
