// The editors' queue: what operators search the knowledge base for and do not find (no result, or
// results nobody marked as helpful), the answers portal readers said did not help with what they
// missed, and the call topics that grow now (the coordination centre's trends). Each line starts a
// new answer with the question as people put it (#answers/new?q=…), or opens the answer concerned.
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

function Queries({ period, kind }: { period: Period; kind: Report['kind'] }) {
  const [r, retry] = useLoad(() => get('/api/v1/kb/queries', { query: { period, kind, limit: 100 } }), [period, kind]);
  const id = `q-${kind}`;
  const none = kind === 'unanswered' ? t.queue.unansweredNone : t.queue.poorlyNone;
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{kind === 'unanswered' ? t.queue.unanswered : t.queue.poorly}</h2>
      {kind === 'poorly_answered' && <p class="muted">{t.queue.poorlyHint}</p>}
      {!r ? (
        <p class="muted" role="status">
          {t.loading}
        </p>
      ) : !r.ok ? (
        <Failed message={r.message} retry={retry} />
      ) : r.body.items.length === 0 ? (
        <p class="muted">{none}</p>
      ) : (
        <table class="answers stack">
          <thead>
            <tr>
              <th scope="col">{t.queue.colQuery}</th>
              <th scope="col" class="num">
                {t.queue.colSearches}
              </th>
              <th scope="col" class="num">
                {kind === 'unanswered' ? t.queue.colEmpty : t.queue.colHelped}
              </th>
              <th scope="col">
                <span class="sr-only">{t.queue.write}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {r.body.items.map((x) => (
              <tr key={x.query}>
                <td data-label={t.queue.colQuery}>{x.query}</td>
                <td data-label={t.queue.colSearches} class="num">
                  {x.searches}
                </td>
                <td data-label={kind === 'unanswered' ? t.queue.colEmpty : t.queue.colHelped} class="num">
                  {kind === 'unanswered' ? x.empty : x.helped}
                </td>
                <td>
                  <WriteLink query={x.query} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PortalMisses({ period }: { period: Period }) {
  const [r, retry] = useLoad<Missing>(() => get('/api/v1/portal/missing', { query: { days: period === 'day' ? 1 : 7 } }), [period]);
  return (
    <section class="card" aria-labelledby="q-missing">
      <h2 id="q-missing">{t.queue.missing}</h2>
      <p class="muted">{t.queue.missingHint}</p>
      {!r ? (
        <p class="muted" role="status">
          {t.loading}
        </p>
      ) : !r.ok ? (
        <Failed message={r.message} retry={retry} />
      ) : r.body.items.length === 0 ? (
        <p class="muted">{t.queue.missingNone}</p>
      ) : (
        <ul class="plain missing-list">
          {r.body.items.map((x) => (
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
    </section>
  );
}

function Topics() {
  const [r, retry] = useLoad<Trends>(() => get('/api/v1/monitoring/trends', { query: { window: 'hour' } }), []);
  return (
    <section class="card" aria-labelledby="q-trends">
      <h2 id="q-trends">{t.queue.trends}</h2>
      <p class="muted">{t.queue.trendsHint}</p>
      {!r ? (
        <p class="muted" role="status">
          {t.loading}
        </p>
      ) : !r.ok ? (
        r.status === 403 ? (
          <p class="muted">{t.queue.trendsForbidden}</p>
        ) : (
          <Failed message={r.message} retry={retry} />
        )
      ) : r.body.topics.length === 0 ? (
        <p class="muted">{t.queue.trendsNone}</p>
      ) : (
        <table class="answers stack">
          <thead>
            <tr>
              <th scope="col">{t.queue.colTopic}</th>
              <th scope="col" class="num">
                {t.queue.colCalls}
              </th>
              <th scope="col" class="num">
                {t.queue.colLift}
              </th>
              <th scope="col">
                <span class="sr-only">{t.queue.write}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {r.body.topics.map((x) => (
              <tr key={x.topic}>
                <td data-label={t.queue.colTopic}>{x.topic}</td>
                <td data-label={t.queue.colCalls} class="num">
                  {x.calls}
                </td>
                <td data-label={t.queue.colLift} class="num">
                  {t.queue.lift(x.lift)}
                </td>
                <td>
                  <WriteLink query={x.topic} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
