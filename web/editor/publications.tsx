// What went to the call centres when: the answers published, updated and withdrawn in a period,
// counted by section, then one by one, newest first (GET /api/v1/kb/publications).
import { useEffect, useState } from 'preact/hooks';
import { get } from '../shared/api.ts';
import type { Answer } from '../shared/api-types.ts';
import { href } from './route.ts';
import { t } from './strings.ts';

type Publications = Answer<'/api/v1/kb/publications', 'get'>;
const PERIODS = [7, 30, 90] as const;
const LIMIT = 300;

export function PublicationsSection() {
  const [days, setDays] = useState<number>(30);
  const [attempt, setAttempt] = useState(0);
  const [r, setR] = useState<{ ok: true; body: Publications } | { ok: false; message: string } | null>(null);
  useEffect(() => {
    let live = true;
    setR(null);
    const from = new Date(Date.now() - days * 86400_000).toISOString();
    void get('/api/v1/kb/publications', { query: { from, limit: LIMIT } }).then((x) => live && setR(x.ok ? { ok: true, body: x.body } : { ok: false, message: x.message }));
    return () => {
      live = false;
    };
  }, [days, attempt]);

  const p = t.publications;
  const body = r?.ok ? r.body : null;
  return (
    <>
      <section class="card" aria-labelledby="pub-h">
        <h1 id="pub-h">{p.heading}</h1>
        <fieldset class="inline">
          <legend>{p.period}</legend>
          {PERIODS.map((d) => (
            <label key={d}>
              <input type="radio" name="pub-days" checked={days === d} onChange={() => setDays(d)} /> {p.days(d)}
            </label>
          ))}
        </fieldset>
        {!r ? (
          <p class="muted" role="status">
            {t.loading}
          </p>
        ) : !r.ok ? (
          <p class="error" role="alert">
            {r.message}{' '}
            <button type="button" class="secondary" onClick={() => setAttempt((n) => n + 1)}>
              {t.retry}
            </button>
          </p>
        ) : (
          <p role="status">{p.totals(r.body.totals.new, r.body.totals.update, r.body.totals.archive)}</p>
        )}
      </section>
      {body && body.items.length === 0 && (
        <section class="card">
          <p class="muted">{p.none}</p>
        </section>
      )}
      {body && body.bySection.length > 0 && (
        <section class="card" aria-labelledby="pub-sections">
          <h2 id="pub-sections">{p.bySection}</h2>
          <table class="answers stack">
            <thead>
              <tr>
                <th scope="col">{p.colSection}</th>
                <th scope="col" class="num">
                  {p.colNew}
                </th>
                <th scope="col" class="num">
                  {p.colUpdate}
                </th>
                <th scope="col" class="num">
                  {p.colArchive}
                </th>
              </tr>
            </thead>
            <tbody>
              {body.bySection.map((s) => (
                <tr key={s.section}>
                  <td data-label={p.colSection}>{s.section}</td>
                  <td data-label={p.colNew} class="num">
                    {s.new}
                  </td>
                  <td data-label={p.colUpdate} class="num">
                    {s.update}
                  </td>
                  <td data-label={p.colArchive} class="num">
                    {s.archive}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {body && body.items.length > 0 && (
        <section class="card" aria-labelledby="pub-list">
          <h2 id="pub-list">{p.list}</h2>
          <table class="answers stack">
            <thead>
              <tr>
                <th scope="col">{p.colAnswer}</th>
                <th scope="col">{p.colKind}</th>
                <th scope="col">{p.colAt}</th>
                <th scope="col">{p.colScope}</th>
                <th scope="col">{p.colBy}</th>
              </tr>
            </thead>
            <tbody>
              {body.items.map((x) => (
                <tr key={`${x.at}/${x.slug}/${x.kind}`}>
                  <td data-label={p.colAnswer}>
                    <a href={href({ section: 'answers', item: x.slug })}>{x.title ?? x.slug}</a>
                    <div class="muted small">
                      {x.slug}
                      {x.version ? ` · ${p.version(x.version)}` : ''} · {x.section}
                    </div>
                  </td>
                  <td data-label={p.colKind}>
                    <span class={`state ${x.kind === 'archive' ? 'archived' : 'published'}`}>{p.kind[x.kind]}</span>
                  </td>
                  <td data-label={p.colAt}>
                    <time dateTime={x.at}>{t.dateTime(x.at)}</time>
                  </td>
                  <td data-label={p.colScope}>{x.scope === 'federal' ? t.scopeFederal : t.scopeRegion(x.scope)}</td>
                  <td data-label={p.colBy}>{x.by ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {body.items.length >= LIMIT && <p class="muted">{p.more(LIMIT)}</p>}
        </section>
      )}
    </>
  );
}
