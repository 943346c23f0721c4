// The editors' queue: what operators search the knowledge base for and do not find (no result, or
// results nobody marked as helpful), the answers portal readers said did not help with what they
// missed, and the call topics that grow now (the coordination centre's trends). Each line starts a
// new answer with the question as people put it (#answers/new?q=…), or opens the answer concerned.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { get } from '../shared/api.ts';
import type { Answer } from '../shared/api-types.ts';
import { href } from './route.ts';
import { t } from './strings.ts';

type Report = Answer<'/api/v1/kb/queries', 'get'>;
type Trends = Answer<'/api/v1/monitoring/trends', 'get'>;
type Missing = Answer<'/api/v1/portal/missing', 'get'>;
type Period = 'day' | 'week';
type Loaded<T> = { ok: true; body: T } | { ok: false; message: string; status: number } | null;

function useLoad<T>(load: () => Promise<Loaded<T>>, deps: unknown[]): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState(null);
    void load().then((r) => live && setState(r));
    return () => {
      live = false;
    };
  }, [...deps, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}

function Failed({ message, retry }: { message: string; retry: () => void }) {
  return (
    <p class="error" role="alert">
      {message}{' '}
      <button type="button" class="secondary" onClick={retry}>
        {t.retry}
      </button>
    </p>
  );
}

function WriteLink({ query }: { query: string }) {
  return (
    <a href={href({ section: 'answers', item: 'new', question: query })} aria-label={t.queue.writeFor(query)}>
      {t.queue.write}
    </a>
  );
}

/** What people asked, a row each: the words, two counts, and «Написать ответ» for them. */
function AskedTable({ head, rows }: { head: [string, string, string]; rows: { words: string; counts: [number | string, number | string] }[] }) {
  return (
    <table class="answers stack">
      <thead>
        <tr>
          <th scope="col">{head[0]}</th>
          <th scope="col" class="num">
            {head[1]}
          </th>
          <th scope="col" class="num">
            {head[2]}
          </th>
          <th scope="col">
            <span class="sr-only">{t.queue.write}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((x) => (
          <tr key={x.words}>
            <td data-label={head[0]}>{x.words}</td>
            <td data-label={head[1]} class="num">
              {x.counts[0]}
            </td>
            <td data-label={head[2]} class="num">
              {x.counts[1]}
            </td>
            <td>
              <WriteLink query={x.words} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A section's body by its data's state: loading, failed (with «Повторить»; a 403 said in words if given), empty, or shown. */
function Body<T>(p: { r: Loaded<T>; retry: () => void; isEmpty: (body: T) => boolean; none: string; forbidden?: string; show: (body: T) => JSX.Element }) {
  if (!p.r)
    return (
      <p class="muted" role="status">
        {t.loading}
      </p>
    );
  if (!p.r.ok) return p.r.status === 403 && p.forbidden ? <p class="muted">{p.forbidden}</p> : <Failed message={p.r.message} retry={p.retry} />;
  return p.isEmpty(p.r.body) ? <p class="muted">{p.none}</p> : p.show(p.r.body);
}

function Queries({ period, kind }: { period: Period; kind: Report['kind'] }) {
  const [r, retry] = useLoad<Report>(() => get('/api/v1/kb/queries', { query: { period, kind, limit: 100 } }), [period, kind]);
  const id = `q-${kind}`;
  const unanswered = kind === 'unanswered';
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{unanswered ? t.queue.unanswered : t.queue.poorly}</h2>
      {!unanswered && <p class="muted">{t.queue.poorlyHint}</p>}
      <Body
        r={r}
        retry={retry}
        isEmpty={(b) => b.items.length === 0}
        none={unanswered ? t.queue.unansweredNone : t.queue.poorlyNone}
        show={(b) => (
          <AskedTable
            head={[t.queue.colQuery, t.queue.colSearches, unanswered ? t.queue.colEmpty : t.queue.colHelped]}
            rows={b.items.map((x) => ({ words: x.query, counts: [x.searches, unanswered ? x.empty : x.helped] }))}
          />
        )}
      />
    </section>
  );
}

function PortalMisses({ period }: { period: Period }) {
  const [r, retry] = useLoad<Missing>(() => get('/api/v1/portal/missing', { query: { days: period === 'day' ? 1 : 7 } }), [period]);
  return (
    <section class="card" aria-labelledby="q-missing">
      <h2 id="q-missing">{t.queue.missing}</h2>
      <p class="muted">{t.queue.missingHint}</p>
      <Body
        r={r}
        retry={retry}
        isEmpty={(b) => b.items.length === 0}
        none={t.queue.missingNone}
        show={(b) => (
          <ul class="plain missing-list">
            {b.items.map((x) => (
              <li key={x.slug} class="missing-item" data-slug={x.slug}>
                <p>
                  {x.title ? <a href={href({ section: 'answers', item: x.slug })}>{x.title}</a> : <code>{x.slug}</code>} <span class="muted small">· {t.queue.notHelped(x.notHelped)}</span>
                </p>
                {x.reasons.length > 0 && (
                  <ul class="reasons">
                    {x.reasons.map((w, i) => (
                      <li key={i}>
                        «{w.text}» <span class="muted small">{t.calendarDate(w.day)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      />
    </section>
  );
}

function Topics() {
  const [r, retry] = useLoad<Trends>(() => get('/api/v1/monitoring/trends', { query: { window: 'hour' } }), []);
  return (
    <section class="card" aria-labelledby="q-trends">
      <h2 id="q-trends">{t.queue.trends}</h2>
      <p class="muted">{t.queue.trendsHint}</p>
      <Body
        r={r}
        retry={retry}
        isEmpty={(b) => b.topics.length === 0}
        none={t.queue.trendsNone}
        forbidden={t.queue.trendsForbidden}
        show={(b) => <AskedTable head={[t.queue.colTopic, t.queue.colCalls, t.queue.colLift]} rows={b.topics.map((x) => ({ words: x.topic, counts: [x.calls, t.queue.lift(x.lift)] }))} />}
      />
    </section>
  );
}

export function QueueSection() {
  const [period, setPeriod] = useState<Period>('week');
  return (
    <>
      <section class="card" aria-labelledby="queue-h">
        <h1 id="queue-h">{t.queue.heading}</h1>
        <p class="muted">{t.queue.intro}</p>
        <fieldset class="inline">
          <legend>{t.queue.period}</legend>
          {(['day', 'week'] as const).map((p) => (
            <label key={p}>
              <input type="radio" name="queue-period" checked={period === p} onChange={() => setPeriod(p)} /> {t.queue[p]}
            </label>
          ))}
        </fieldset>
      </section>
      <Queries period={period} kind="unanswered" />
      <Queries period={period} kind="poorly_answered" />
      <PortalMisses period={period} />
      <Topics />
    </>
  );
}
