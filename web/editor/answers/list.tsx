// The editors' list of answers, newest change first: filtered by state and section (by the API)
// and by title words, last change and validity (here, over the whole loaded list). Each title
// opens the answer's editor; back at the list the same filters and the same row have the focus.
import { useEffect, useRef, useState } from 'preact/hooks';
import { href } from '../route.ts';
import { t } from '../strings.ts';
import { FilterBar } from './filter-bar.tsx';
import { applyFilters, noFilters, validityOf, type Filters, type Listed } from './filters.ts';
import { loadWorkspace } from './workspace.ts';

// (kept while an answer is open: back at the list, the same choice and the same row in focus)
let remembered: Filters = noFilters;
let lastOpened: string | null = null;

function Row({ a }: { a: Listed }) {
  const validity = validityOf(a);
  return (
    <tr data-slug={a.slug} class={a.status === 'archived' ? 'inactive' : undefined}>
      <td data-label={t.list.colTitle}>
        <a href={href({ section: 'answers', item: a.slug })} data-slug={a.slug} onClick={() => (lastOpened = a.slug)}>
          {a.title}
        </a>
        <div class="muted small">
          {a.slug} · {t.list.version(a.currentVersion)}
          {a.parent ? ` · ${t.list.supplementOf(a.parent)}` : ''}
        </div>
      </td>
      <td data-label={t.list.colSection}>{a.working.section}</td>
      <td data-label={t.list.colStatus}>
        <span class={`state ${a.status}`}>{t.status[a.status]}</span>
        {a.status === 'draft' && a.reviewComment ? <span class="muted small"> · {t.list.returned}</span> : null}
      </td>
      <td data-label={t.list.colScope}>{a.scope === 'federal' ? t.scopeFederal : t.scopeRegion(a.scope)}</td>
      <td data-label={t.list.colUpdated}>
        <time dateTime={a.updatedAt}>{t.date(a.updatedAt)}</time>
      </td>
      <td data-label={t.list.colValid} class={validity ? `validity ${validity}` : undefined}>
        {a.working.validUntil ? t.calendarDate(a.working.validUntil) : '—'}
        {validity === 'over' ? ` · ${t.list.expired}` : ''}
      </td>
    </tr>
  );
}

export function AnswerList() {
  const [filters, setFilters] = useState<Filters>(remembered);
  const [state, setState] = useState<{ items: Listed[]; loading: boolean; error: string | null }>({ items: [], loading: true, error: null });
  const [attempt, setAttempt] = useState(0);
  const table = useRef<HTMLTableElement>(null);
  const change = (f: Filters) => {
    remembered = f;
    setFilters(f);
  };

  const generation = useRef(0);
  useEffect(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    void loadWorkspace({ ...(filters.status ? { status: filters.status } : {}), ...(filters.section ? { section: filters.section } : {}) }).then((r) => {
      if (mine !== generation.current) return;
      setState('error' in r ? { items: [], loading: false, error: r.error } : { items: r.items, loading: false, error: null });
    });
  }, [filters.status, filters.section, attempt]);

  // «/» takes the keyboard to the title filter, as in most lists on the web
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (e.key !== '/' || e.ctrlKey || e.altKey || e.metaKey || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable) return;
      e.preventDefault();
      document.getElementById('f-text')?.focus();
    };
    addEventListener('keydown', on);
    return () => removeEventListener('keydown', on);
  }, []);

  useEffect(() => {
    if (!state.loading && lastOpened) table.current?.querySelector<HTMLAnchorElement>(`a[data-slug="${lastOpened}"]`)?.focus();
  }, [state.loading]);

  const shown = applyFilters(state.items, filters);
  return (
    <section class="card" aria-labelledby="list-h">
      <div class="head">
        <h1 id="list-h">{t.list.heading}</h1>
        <a class="button" href={href({ section: 'answers', item: 'new' })}>
          {t.list.add}
        </a>
      </div>
      <FilterBar filters={filters} onChange={change} items={state.items} />
      {state.error ? (
        <p class="error" role="alert">
          {state.error}{' '}
          <button type="button" class="secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t.retry}
          </button>
        </p>
      ) : (
        <p class="muted" role="status" aria-live="polite">
          {state.loading ? t.loading : shown.length ? t.list.count(shown.length, state.items.length) : t.list.none}
        </p>
      )}
      {shown.length > 0 && (
        <table class="answers stack" ref={table}>
          <thead>
            <tr>
              <th scope="col">{t.list.colTitle}</th>
              <th scope="col">{t.list.colSection}</th>
              <th scope="col">{t.list.colStatus}</th>
              <th scope="col">{t.list.colScope}</th>
              <th scope="col">{t.list.colUpdated}</th>
              <th scope="col">{t.list.colValid}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <Row key={a.slug} a={a} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
