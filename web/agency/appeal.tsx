// One appeal: the appellant's data, the type's fields, the text, the files, the dates, the comments
// and history, and the steps allowed now. Each reading of it is audited, so it is read once when
// opened and again only after a step has changed it (never on a re-render or a focus).
import { useEffect, useRef, useState } from 'preact/hooks';
import { apiUrl, get } from '../shared/api.ts';
import type { User } from '../shared/session.ts';
import { Actions } from './actions.tsx';
import type { Catalog } from './catalog.ts';
import { Due } from './due.tsx';
import { History } from './history.tsx';
import { showDate, showInstant, showPhone, type Appeal, type Step } from './model.ts';
import { t } from './strings.ts';

const a_ = t.appeal;

export function AppealView({ number, catalog, user }: { number: string; catalog: Catalog; user: User }) {
  const [appeal, setAppeal] = useState<Appeal | null>(null);
  const [error, setError] = useState<string | null>(null);
  // (a step done: read again, once)
  const [version, setVersion] = useState(0);
  // (a new object per step: the same words twice are still news, and take the focus)
  const [notice, setNotice] = useState<{ text: string } | null>(null);
  const [gone, setGone] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    let live = true;
    void get('/api/v1/appeals/{number}', { path: { number } }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setAppeal(r.body);
        setError(null);
      } else setError(r.message);
    });
    return () => {
      live = false;
    };
  }, [number, version]);

  // opened: the keyboard starts at the heading (a step's result: at its notice)
  const first = appeal !== null && version === 0;
  useEffect(() => {
    if (first) heading.current?.focus();
  }, [first]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const done = (step: Step) => {
    setNotice({ text: t.actions.done[step] ?? '' });
    // redirected: no longer this organisation's, so not readable any more
    if (step === 'redirect') setGone(true);
    else setVersion((v) => v + 1);
  };

  const back = (
    <p class="ag-back">
      <a href="#">{a_.back}</a>
    </p>
  );
  if (!appeal)
    return (
      <main class="ag-appeal">
        {back}
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : (
          <p aria-live="polite">{a_.loading}</p>
        )}
      </main>
    );

  const zone = catalog.zone(appeal.organisationId);
  const type = catalog.types.get(appeal.type);
  const p = appeal.personal;
  const fields = type?.fields.filter((f) => f.kind !== 'file') ?? [];
  const known = new Set(fields.map((f) => f.code));
  const values = p ? [...fields.filter((f) => p.values[f.code] !== undefined).map((f) => [f.label, p.values[f.code]!] as const), ...Object.entries(p.values).filter(([k]) => !known.has(k))] : [];
  const show = (v: string | number | string[]) => (Array.isArray(v) ? v.join(', ') : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? showDate(v) : String(v));

  return (
    <main class="ag-appeal" aria-labelledby="ag-appeal-h">
      {back}
      <header class="ag-appeal__head">
        <h1 id="ag-appeal-h" tabIndex={-1} ref={heading}>
          {a_.heading(appeal.number)}
        </h1>
        <p class="ag-appeal__facts">
          <span class={`status status--${appeal.status}`}>{t.status[appeal.status]}</span> <span>{type?.name ?? appeal.type}</span>
        </p>
      </header>
      {notice && (
        <p class="notice" role="status" tabIndex={-1} ref={noticeRef}>
          {notice.text} {gone && t.actions.redirectedAway}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="ag-columns">
        <section class="card" aria-labelledby="ag-person-h">
          <h2 id="ag-person-h">{a_.appellant}</h2>
          {p ? (
            <dl class="ag-dl">
              <dt>{a_.name}</dt>
              <dd>{p.name}</dd>
              <dt>{a_.phone}</dt>
              <dd>{p.phone ? showPhone(p.phone) : <span class="muted">{a_.none}</span>}</dd>
              <dt>{a_.email}</dt>
              <dd>{p.email ?? <span class="muted">{a_.none}</span>}</dd>
              <dt>{a_.address}</dt>
              <dd>{p.address ?? <span class="muted">{a_.none}</span>}</dd>
            </dl>
          ) : (
            <p class="muted">{a_.anonymised}</p>
          )}
          <p class="muted ag-small">{a_.audited}</p>
        </section>

        <section class="card" aria-labelledby="ag-content-h">
          <h2 id="ag-content-h">{a_.content}</h2>
          <dl class="ag-dl">
            <dt>{a_.type}</dt>
            <dd>{type?.name ?? appeal.type}</dd>
            <dt>{a_.region}</dt>
            <dd>{catalog.regionNames.get(appeal.region) ?? appeal.region}</dd>
            <dt>{a_.channel}</dt>
            <dd>
              {t.channel[appeal.channel]}
              {appeal.callId && ` · ${a_.call} ${appeal.callId}`}
            </dd>
            {values.map(([label, v]) => [<dt key={`t-${label}`}>{label}</dt>, <dd key={`d-${label}`}>{show(v)}</dd>])}
          </dl>
          {p && (
            <>
              <h3>{a_.text}</h3>
              <p class="ag-text">{p.text}</p>
            </>
          )}
          <details class="ag-consent">
            <summary>{a_.consent}</summary>
            <p>{appeal.consent.text}</p>
            <p class="muted">{a_.consentAt(showInstant(appeal.consent.at, zone))}</p>
          </details>
        </section>

        <section class="card" aria-labelledby="ag-files-h">
          <h2 id="ag-files-h">{a_.files}</h2>
          {appeal.files.length ? (
            <ul class="ag-files">
              {appeal.files.map((f) => (
                <li key={f.id}>
                  <a href={apiUrl('/api/v1/appeals/{number}/files/{fileId}', { path: { number: appeal.number, fileId: String(f.id) } })} download={f.name} aria-label={a_.download(f.name)}>
                    {f.name}
                  </a>{' '}
                  <span class="muted">
                    {t.fileSize(f.size)} · {a_.fileFrom[f.from]}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{a_.noFiles}</p>
          )}
        </section>

        <div class="ag-side">
          <section class="card" aria-labelledby="ag-dates-h">
            <h2 id="ag-dates-h">{a_.dates}</h2>
            <dl class="ag-dl ag-dates">
              <dt>{a_.received}</dt>
              <dd>{showInstant(appeal.receivedAt, zone)}</dd>
              <dt>{a_.registeredAt}</dt>
              <dd>{showInstant(appeal.registeredAt, zone)}</dd>
              <dt>{a_.forwardBy}</dt>
              <dd>{showInstant(appeal.forwardBy, zone)}</dd>
              <dt>{a_.answerBy}</dt>
              <dd>
                <Due appeal={appeal} zone={zone} />
              </dd>
            </dl>
            {appeal.extended && <p class="muted ag-small">{a_.extendedYes}</p>}
          </section>
          {!gone && <Actions appeal={appeal} catalog={catalog} onDone={done} onStale={() => setVersion((v) => v + 1)} />}
        </div>

        <section class="card" aria-labelledby="ag-comments-h">
          <h2 id="ag-comments-h">{a_.comments}</h2>
          {appeal.comments.length ? (
            <ol class="ag-comments">
              {appeal.comments.map((c, i) => (
                <li key={i} class={c.visibility === 'citizen' ? 'comment comment--citizen' : 'comment'}>
                  <p class="comment__meta">
                    {showInstant(c.at, zone)} · {c.authorId === user.id ? a_.you : c.authorId === null ? a_.system : (c.authorName ?? a_.staff(c.authorId))} ·{' '}
                    <strong>{c.answer ? a_.answerMark : a_.visibility[c.visibility]}</strong>
                  </p>
                  <p class="ag-text">{c.text}</p>
                </li>
              ))}
            </ol>
          ) : (
            <p class="muted">{a_.noComments}</p>
          )}
        </section>

        <History appeal={appeal} catalog={catalog} user={user} zone={zone} />
      </div>
    </main>
  );
}
