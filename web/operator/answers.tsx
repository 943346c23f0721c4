// The answer pane: suggestions for the call's topic (kept as a section filter the operator may
// remove), search as the operator types, the chosen answer in full (with the region's supplement),
// and "used" marks for the wrap-up.
import { AnswerBody } from './answer-body.tsx';
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../shared/api.ts';
import type { Schema } from '../shared/api-types.ts';
import { t } from './strings.ts';
import { topicSuggestions, type Hit } from './topic-suggestions.ts';

export type { Hit } from './topic-suggestions.ts';

type Answer = Schema<'PublishedAnswer'>;

export interface Used {
  slug: string;
  title: string;
  section: string;
}

export function AnswersPane(props: {
  region: string;
  topic: string | null;
  used: Used[];
  onToggleUsed: (u: Used) => void;
  changed: { slug: string; kind: string; n: number } | null;
  focusKey: number;
  /** An answer to open from elsewhere (the navigator's panel); n changes for each request. */
  openSlug?: { slug: string; n: number } | null;
}) {
  const [query, setQuery] = useState('');
  // the IVR topic: a filter of the search by its section, until the operator removes it
  const [section, setSection] = useState<string | null>(props.topic);
  const [hits, setHits] = useState<Hit[]>([]);
  // a search asked for and not answered yet: no «nothing found» meanwhile
  const [pending, setPending] = useState(false);
  const [total, setTotal] = useState(0);
  // the query as the search read it (a typing error or the keyboard layout corrected)
  const [readAs, setReadAs] = useState('');
  const [error, setError] = useState('');
  const [open, setOpen] = useState<Answer | null>(null);
  const [selected, setSelected] = useState(0);
  const [refreshed, setRefreshed] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const article = useRef<HTMLElement>(null);
  const seq = useRef(0);

  const search = async (q: string) => {
    const mine = ++seq.current;
    if (!q.trim() && !section) {
      setHits([]);
      setTotal(0);
      setPending(false);
      return;
    }
    setPending(true);
    const r = q.trim()
      ? await get('/api/v1/kb/search', { query: { q, limit: 8, ...(section ? { section } : {}) } }).then((x) =>
          x.ok ? { items: x.body.items, total: x.body.total, corrected: x.body.corrected } : { items: [], total: 0, error: x.message },
        )
      : await topicSuggestions(section!, props.region).then((x) => ({ ...x, total: x.items.length }));
    if (mine !== seq.current) return; // a later keystroke's answer wins
    setPending(false);
    if ('error' in r && r.error) return setError(r.error);
    setError('');
    setHits(r.items);
    setTotal(r.total);
    setReadAs(('corrected' in r && r.corrected) || '');
    setSelected(0);
  };

  // as the operator types: at most one search per 150 ms (the results shown are stale meanwhile)
  useEffect(() => {
    setPending(!!(query.trim() || section));
    const timer = setTimeout(() => void search(query), 150);
    return () => clearTimeout(timer);
  }, [query, section]);

  // «/»: the search box, its text selected so that typing replaces it
  useEffect(() => {
    if (!props.focusKey) return;
    input.current?.focus();
    input.current?.select();
  }, [props.focusKey]);
  const dropSection = () => {
    setSection(null);
    setOpen(null);
    input.current?.focus();
  };

  // an answer opened takes the focus, so that M marks it and Esc goes back at once
  useEffect(() => {
    if (open) article.current?.focus();
  }, [open?.slug]);
  const close = () => {
    setOpen(null);
    setRefreshed('');
    input.current?.focus();
  };

  const show = async (slug: string) => {
    const r = await get('/api/v1/kb/answers/{slug}', { path: { slug }, query: { region: props.region } });
    if (!r.ok) return setError(r.message);
    setOpen(r.body);
  };
  useEffect(() => {
    if (props.openSlug) void show(props.openSlug.slug);
  }, [props.openSlug?.n]);

  // a new or changed answer: the results and the open answer are fetched again
  useEffect(() => {
    if (!props.changed) return;
    void search(query);
    if (open && open.slug === props.changed.slug) {
      if (props.changed.kind === 'archived') setRefreshed(t.withdrawn);
      else void show(open.slug).then(() => setRefreshed(t.updated));
    }
  }, [props.changed?.n]);

  const isUsed = (slug: string) => props.used.some((u) => u.slug === slug);
  const mark = (a: { slug: string; title: string; section: string }) => {
    if (!isUsed(a.slug) && query.trim()) void post('/api/v1/kb/feedback', { body: { query: query.trim(), slug: a.slug, helped: true } });
    props.onToggleUsed({ slug: a.slug, title: a.title, section: a.section });
  };

  // M (or Ь on a Russian layout) marks the open answer as used, unless the operator is typing;
  // Esc goes back to the results
  useEffect(() => {
    if (!open) return;
    const onDoc = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (e.key === 'Escape' && !(e.target instanceof HTMLTextAreaElement)) {
        e.preventDefault();
        close();
      } else if (!typing && !e.ctrlKey && !e.altKey && !e.metaKey && ['m', 'M', 'ь', 'Ь'].includes(e.key)) {
        e.preventDefault();
        mark(open);
      }
    };
    document.addEventListener('keydown', onDoc);
    return () => document.removeEventListener('keydown', onDoc);
  }, [open, props.used, query]);

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setSelected((s) => Math.min(s + 1, hits.length - 1));
    else if (e.key === 'ArrowUp') setSelected((s) => Math.max(s - 1, 0));
    else if (e.key === 'Enter' && hits[selected]) void show(hits[selected]!.slug);
    else return;
    e.preventDefault();
  };

  return (
    <section class="card answers" aria-label={t.search}>
      <label class="search">
        <span>
          {t.search} <kbd>/</kbd>
        </span>
        <input
          ref={input}
          type="search"
          value={query}
          placeholder={t.searchPlaceholder}
          onInput={(e) => (setQuery((e.target as HTMLInputElement).value), setOpen(null), setRefreshed(''))}
          onKeyDown={onKey}
        />
      </label>
      {section && (
        <p class="filters">
          {t.sectionFilter}:{' '}
          <span class="chip">
            {section}
            <button type="button" class="chip-remove" aria-label={t.removeFilter(section)} title={t.removeFilter(section)} onClick={dropSection}>
              ×
            </button>
          </span>
        </p>
      )}
      {error && <p class="error">{error}</p>}
      {open ? (
        <article class="answer" aria-live="polite" ref={article} tabIndex={-1} aria-labelledby="answer-title">
          <button type="button" class="link" onClick={close}>
            {t.back} <kbd>Esc</kbd>
          </button>
          {refreshed && <p class="notice">{refreshed}</p>}
          <h2 id="answer-title">{open.title}</h2>
          <p class="muted">
            {open.section} · версия {open.version}
          </p>
          <AnswerBody body={open.body} agency={open.agency} sources={open.sources} />
          {open.supplement && (
            <aside class="supplement">
              <h3>
                {t.regional}: {open.supplement.title}
              </h3>
              <AnswerBody body={open.supplement.body} />
            </aside>
          )}
          <button type="button" class={isUsed(open.slug) ? 'secondary' : ''} aria-pressed={isUsed(open.slug)} onClick={() => mark(open)}>
            {isUsed(open.slug) ? `✓ ${t.marked}` : t.markUsedLong} <kbd>M</kbd>
          </button>
        </article>
      ) : (
        <>
          <h2>{query.trim() && !pending ? t.found(total) : t.suggested}</h2>
          {query.trim() && !pending && readAs && (
            <p class="muted read-as">
              {t.readAs} «<b>{readAs}</b>»
            </p>
          )}
          {pending ? (
            <p class="muted searching" role="status">
              {t.searching}
            </p>
          ) : (
            (query.trim() || section) && !hits.length && !error && <p class="muted">{section ? t.nothingInSection(section) : t.nothingFound}</p>
          )}
          {!query.trim() && !section && !hits.length && <p class="muted">{t.searchHint}</p>}
          <ol class="hits" aria-busy={pending}>
            {hits.map((h, i) => (
              <li key={h.slug} class={i === selected ? 'selected' : ''}>
                <button type="button" class="hit" onClick={() => void show(h.slug)}>
                  <strong>{h.title}</strong>
                  <span class="muted">
                    {' '}
                    · {h.section}
                    {h.calls ? ` · ${t.usedOn(h.calls)}` : ''}
                  </span>
                  {/* the snippet is HTML escaped by the server, with matches in <mark> */}
                  <span class="snippet" dangerouslySetInnerHTML={{ __html: h.snippet }} />
                </button>
                <button
                  type="button"
                  class={isUsed(h.slug) ? 'secondary used' : 'secondary'}
                  aria-pressed={isUsed(h.slug)}
                  aria-label={`${isUsed(h.slug) ? t.marked : t.markUsedLong}: ${h.title}`}
                  onClick={() => mark(h)}
                >
                  {isUsed(h.slug) ? `✓ ${t.marked}` : t.markUsed}
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
