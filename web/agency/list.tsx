// The organisation's appeals, soonest due first: filtered by status and due date, a page at a time
// («Показать ещё» reads the next). Appellants masked; opening one is a link (#/<number>).
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../shared/api.ts';
import type { Catalog } from './catalog.ts';
import { Due } from './due.tsx';
import { OPEN, showInstant, type AppealStatus, type ListedAppeal } from './model.ts';
import { t } from './strings.ts';

export interface Filters {
  status: 'open' | 'all' | AppealStatus;
  due: '' | 'overdue' | 'soon';
}

const PAGE = 50;
const statuses = Object.keys(t.status) as AppealStatus[];

type State = { items: ListedAppeal[]; next: string | null; loading: boolean; error: string | null };

export function AppealList({ filters, onFilters, catalog, cameFrom }: { filters: Filters; onFilters: (f: Filters) => void; catalog: Catalog; cameFrom: string | null }) {
  const [state, setState] = useState<State>({ items: [], next: null, loading: true, error: null });
  const [attempt, setAttempt] = useState(0);
  const table = useRef<HTMLTableElement>(null);

  const load = (after: string | null) => {
    setState((s) => ({ ...s, loading: true, error: null }));
    const status = filters.status === 'all' ? undefined : filters.status === 'open' ? OPEN.join(',') : filters.status;
    return get('/api/v1/appeals', { query: { limit: PAGE, ...(status ? { status } : {}), ...(filters.due ? { due: filters.due } : {}), ...(after ? { after } : {}) } });
  };

  // (each reading of the first page starts a new list: a later page of an older one is dropped)
  const generation = useRef(0);
  useEffect(() => {
    const mine = ++generation.current;
    void load(null).then((r) => {
      if (mine !== generation.current) return;
      setState(r.ok ? { items: r.body.items, next: r.body.next, loading: false, error: null } : { items: [], next: null, loading: false, error: r.message });
    });
    // (gone from the page, or a new choice: nothing of this list is shown any more)
    return () => void generation.current++;
  }, [filters.status, filters.due, attempt]);

  // back from an appeal: the keyboard is where it was, on that appeal's link
  useEffect(() => {
    if (!cameFrom || state.loading) return;
    table.current?.querySelector<HTMLAnchorElement>(`a[data-number="${cameFrom}"]`)?.focus();
  }, [cameFrom, state.loading]);

  const more = async () => {
    const mine = generation.current;
    const r = await load(state.next);
    if (mine !== generation.current) return;
    setState((s) => (r.ok ? { items: [...s.items, ...r.body.items], next: r.body.next, loading: false, error: null } : { ...s, loading: false, error: r.message }));
  };

  const organisation = state.items[0] && catalog.byId.get(state.items[0].organisationId);
  const filtered = filters.status !== 'all' || filters.due !== '';
  return (
    <main class="ag-list" aria-labelledby="ag-list-h">
      <h1 id="ag-list-h">{t.list.heading}</h1>
      {organisation && <p class="muted">{t.list.of(organisation.name)}</p>}
      <form class="ag-filters" aria-label={t.list.filters} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t.list.statusLabel}{' '}
          <select value={filters.status} onChange={(e) => onFilters({ ...filters, status: (e.target as HTMLSelectElement).value as Filters['status'] })}>
            <option value="open">{t.list.statusOpen}</option>
            <option value="all">{t.list.statusAll}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t.status[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.list.dueLabel}{' '}
          <select value={filters.due} onChange={(e) => onFilters({ ...filters, due: (e.target as HTMLSelectElement).value as Filters['due'] })}>
            <option value="">{t.list.dueAny}</option>
            <option value="overdue">{t.list.dueOverdue}</option>
            <option value="soon">{t.list.dueSoon}</option>
          </select>
        </label>
      </form>
      {state.error && (
        <p class="error" role="alert">
          {state.error}{' '}
          <button type="button" class="secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t.list.retry}
          </button>
        </p>
      )}
      {!state.error && !state.loading && state.items.length === 0 && <p class="ag-empty">{filtered ? t.list.emptyFiltered : t.list.empty}</p>}
      {state.items.length > 0 && (
        <table class="ag-table" ref={table}>
          <caption class="sr-only">{t.list.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.list.number}</th>
              <th scope="col">{t.list.type}</th>
              <th scope="col">{t.list.statusCol}</th>
              <th scope="col">{t.list.appellant}</th>
              <th scope="col">{t.list.registered}</th>
              <th scope="col">{t.list.due}</th>
            </tr>
          </thead>
          <tbody>
            {state.items.map((a) => {
              const zone = catalog.zone(a.organisationId);
              return (
                <tr key={a.number} class={a.overdue ? 'row--overdue' : undefined}>
                  <td data-label={t.list.number}>
                    <a href={`#/${a.number}`} data-number={a.number} class="ag-number">
                      {a.number}
                    </a>
                  </td>
                  <td data-label={t.list.type}>{catalog.types.get(a.type)?.name ?? a.type}</td>
                  <td data-label={t.list.statusCol}>
                    <span class={`status status--${a.status}`}>{t.status[a.status]}</span>
                  </td>
                  <td data-label={t.list.appellant}>{a.appellant.name}</td>
                  <td data-label={t.list.registered}>{showInstant(a.registeredAt, zone)}</td>
                  <td data-label={t.list.due}>
                    <Due appeal={a} zone={zone} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p class="ag-more" aria-live="polite">
        {state.loading ? t.list.loading : state.items.length > 0 && t.list.shown(state.items.length)}{' '}
        {state.next && !state.loading && (
          <button type="button" class="secondary" onClick={() => void more()}>
            {t.list.more}
          </button>
        )}
      </p>
    </main>
  );
}
