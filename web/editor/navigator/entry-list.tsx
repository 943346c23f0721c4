// The navigator's measures or questions, in the catalogue's order, with their workflow state; each
// opens its form.
import { useEffect, useState } from 'preact/hooks';
import { href } from '../route.ts';
import { t } from '../strings.ts';
import { listEntries, type Entry, type Kind } from './entries-api.ts';
import { kinds } from './kinds.ts';
import { nt } from './strings.ts';

export function EntryList({ kind, mayWrite }: { kind: Kind; mayWrite: boolean }) {
  const [state, setState] = useState<{ items: Entry[] } | { error: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setState(null);
    void listEntries(kind).then((r) => setState(r.ok ? { items: r.body.items } : { error: r.message }));
  }, [kind, attempt]);
  const k = kinds[kind];
  return (
    <section class="card" aria-labelledby="entries-h">
      <div class="head">
        <h1 id="entries-h">{nt.tabs[k.tab]}</h1>
        {mayWrite && (
          <a class="button" href={href({ section: 'navigator', tab: k.tab, item: 'new' })}>
            {kind === 'measure' ? nt.addMeasure : nt.addQuestion}
          </a>
        )}
      </div>
      {state === null ? (
        <p class="muted">{t.loading}</p>
      ) : 'error' in state ? (
        <p class="error" role="alert">
          {state.error}{' '}
          <button type="button" class="secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t.retry}
          </button>
        </p>
      ) : state.items.length === 0 ? (
        <p class="muted">{nt.none}</p>
      ) : (
        <>
          <p class="muted">{nt.count(state.items.length)}</p>
          <table class="answers stack entries">
            <thead>
              <tr>
                <th scope="col">{nt.colTitle}</th>
                <th scope="col">{nt.colStatus}</th>
                <th scope="col">{nt.colVersion}</th>
                <th scope="col">{nt.colUpdated}</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((e) => (
                <tr key={e.key} data-key={e.key} class={e.status === 'archived' ? 'inactive' : undefined}>
                  <td data-label={nt.colTitle}>
                    <a href={href({ section: 'navigator', tab: k.tab, item: e.key })}>{k.titleOf(e.working.content)}</a>
                    <div class="muted small">
                      <code>{e.key}</code>
                    </div>
                  </td>
                  <td data-label={nt.colStatus}>
                    <span class={`state ${e.status}`}>{t.status[e.status]}</span>
                    {e.status === 'draft' && e.reviewComment ? <span class="muted small"> · {t.list.returned}</span> : null}
                  </td>
                  <td data-label={nt.colVersion}>{nt.version(e.currentVersion, e.publishedVersion)}</td>
                  <td data-label={nt.colUpdated}>
                    <time dateTime={e.updatedAt}>{t.date(e.updatedAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
