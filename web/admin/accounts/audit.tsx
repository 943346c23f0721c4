// «Журнал»: the audit log newest first, filtered by who, what was done, to what and when (applied
// with «Показать», so typing does not send a request per letter), a page at a time.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../shared/api.ts';
import type { Answer } from '../../shared/api-types.ts';
import { typed } from '../form.tsx';
import { t } from '../strings.ts';
import { actionName, auditActionGroups, auditActions, roleName, targetName, targetTypes } from '../codes.ts';
import { a, dateTime } from './strings.ts';

type AuditRecord = Answer<'/api/v1/audit'>['items'][number];

const PAGE = 50;

interface Filter {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
  /** without the reads (lists, views, this log's own reading), which would fill every page */
  changesOnly: boolean;
}

const empty: Filter = { actor: '', action: '', targetType: '', targetId: '', from: '', to: '', changesOnly: true };

/** A day's start in the browser's time zone, as the API takes it; `to` is inclusive, so the next day's start. */
const dayStart = (day: string, plus = 0) => {
  const d = new Date(`${day}T00:00`);
  d.setDate(d.getDate() + plus);
  return d.toISOString();
};

/** What the API is asked for: the filled filters only. */
function queryOf(f: Filter, before: number | undefined) {
  return {
    limit: PAGE,
    ...(before ? { before } : {}),
    ...(f.actor.trim() ? { actor: f.actor.trim().toLowerCase() } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.targetType ? { targetType: f.targetType } : {}),
    ...(f.targetType && f.targetId.trim() ? { targetId: f.targetId.trim() } : {}),
    ...(f.changesOnly ? { changesOnly: 'true' as const } : {}),
    ...(f.from ? { from: dayStart(f.from) } : {}),
    ...(f.to ? { to: dayStart(f.to, 1) } : {}),
  };
}

/** The object's name as the record gives it (an account's login, a token's name). */
function objectOf(r: AuditRecord): string {
  const name = r.details.username ?? r.details.name;
  // (a list's record names no one object: its kind alone would read as one)
  if (!r.target.id && typeof name !== 'string') return '';
  const kind = r.target.type ? targetName(r.target.type) : '';
  return [kind, r.target.id ? `№${r.target.id}` : '', typeof name === 'string' ? `«${name}»` : ''].filter(Boolean).join(' ');
}

const groupOf = (action: string) => action.split('.')[0]!;

/** target: one object's log, as a link from its list gives it (#audit/user/7) */
export function AuditSection({ target }: { target?: { type: string; id: string } | undefined }) {
  const first: Filter = target ? { ...empty, targetType: target.type, targetId: target.id } : empty;
  const [draft, setDraft] = useState<Filter>(first);
  const [applied, setApplied] = useState<Filter>(first);
  // the `before` of each page shown so far (the first has none): «Новее» goes back one
  const [pages, setPages] = useState<(number | undefined)[]>([undefined]);
  // (with the number of the page it is, so the pager never names a page whose rows are not shown yet)
  const [answer, setAnswer] = useState<{ items: AuditRecord[]; nextBefore: number | null; page: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const before = pages[pages.length - 1];
  const page = pages.length;

  useEffect(() => {
    let live = true;
    void get('/api/v1/audit', { query: queryOf(applied, before) }).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.message);
      setError(null);
      setAnswer({ ...r.body, page });
    });
    return () => {
      live = false;
    };
  }, [applied, before, page, attempt]);

  const badPeriod = draft.from && draft.to && draft.to < draft.from;
  const set = (k: keyof Filter) => typed((v) => setDraft((d) => ({ ...d, [k]: v })));

  return (
    <section class="card" aria-labelledby="audit-title">
      <div class="head">
        <h2 id="audit-title">{a.audit.title}</h2>
      </div>
      <p class="muted">{a.audit.intro}</p>
      <form
        class="filters"
        role="search"
        aria-label={a.audit.title}
        onSubmit={(e) => {
          e.preventDefault();
          if (badPeriod) return;
          setApplied(draft);
          setPages([undefined]);
          setAttempt((n) => n + 1);
        }}
      >
        <div class="filter">
          <label for="audit-actor">{a.audit.actor}</label>
          <input id="audit-actor" value={draft.actor} onInput={set('actor')} autoComplete="off" spellcheck={false} />
        </div>
        <div class="filter">
          <label for="audit-action">{a.audit.action}</label>
          <select id="audit-action" value={draft.action} onChange={set('action')}>
            <option value="">{a.audit.anyAction}</option>
            {Object.entries(auditActionGroups).map(([group, words]) => (
              <optgroup key={group} label={words}>
                <option value={group}>{`${words}: все`}</option>
                {Object.keys(auditActions)
                  .filter((x) => groupOf(x) === group)
                  .map((x) => (
                    <option key={x} value={x}>
                      {auditActions[x]}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div class="filter">
          <label for="audit-type">{a.audit.objectType}</label>
          <select id="audit-type" value={draft.targetType} onChange={set('targetType')}>
            <option value="">{a.audit.anyObject}</option>
            {Object.entries(targetTypes).map(([code, words]) => (
              <option key={code} value={code}>
                {words}
              </option>
            ))}
          </select>
        </div>
        <div class="filter">
          <label for="audit-id">{a.audit.objectId}</label>
          <input id="audit-id" value={draft.targetId} onInput={set('targetId')} disabled={!draft.targetType} inputMode="numeric" autoComplete="off" size={10} />
        </div>
        <div class="filter">
          <label for="audit-from">{a.audit.from}</label>
          <input id="audit-from" type="date" value={draft.from} onInput={set('from')} aria-describedby="audit-period-hint" />
        </div>
        <div class="filter">
          <label for="audit-to">{a.audit.to}</label>
          <input
            id="audit-to"
            type="date"
            value={draft.to}
            onInput={set('to')}
            aria-describedby={badPeriod ? 'audit-period-hint audit-period-error' : 'audit-period-hint'}
            aria-invalid={badPeriod ? 'true' : undefined}
          />
        </div>
        <div class="control check">
          <input id="audit-changes" type="checkbox" checked={draft.changesOnly} onChange={(e) => setDraft((d) => ({ ...d, changesOnly: (e.target as HTMLInputElement).checked }))} />
          <label for="audit-changes">{a.audit.changesOnly}</label>
        </div>
        <div class="actions">
          <button type="submit">{a.audit.show}</button>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setDraft(empty);
              setApplied(empty);
              setPages([undefined]);
            }}
          >
            {a.audit.clear}
          </button>
        </div>
        <p class="hint wide" id="audit-period-hint">
          {a.audit.periodHint}
        </p>
        {badPeriod && (
          <p class="field-error wide" id="audit-period-error" role="alert">
            {a.audit.badPeriod}
          </p>
        )}
      </form>
      {error && (
        <p class="error" role="alert">
          {error}{' '}
          <button type="button" class="link" onClick={() => setAttempt((n) => n + 1)}>
            {t.retry}
          </button>
        </p>
      )}
      {answer === null ? (
        !error && <p aria-busy="true">{t.loading}</p>
      ) : answer.items.length === 0 ? (
        <p>{a.audit.none}</p>
      ) : (
        <table class="stack audit">
          <thead>
            <tr>
              <th scope="col">{a.audit.when}</th>
              <th scope="col">{a.audit.who}</th>
              <th scope="col">{a.audit.what}</th>
              <th scope="col">{a.audit.object}</th>
              <th scope="col">{a.audit.region}</th>
              <th scope="col">{a.audit.where}</th>
            </tr>
          </thead>
          <tbody>
            {answer.items.map((r) => (
              <tr key={r.id} data-action={r.action}>
                <td data-label={a.audit.when}>{dateTime(r.at)}</td>
                <td data-label={a.audit.who}>
                  {r.actor.username ? <code>{r.actor.username}</code> : a.audit.system}
                  {r.actor.role && <span class="muted"> ({roleName(r.actor.role).toLowerCase()})</span>}
                </td>
                <td data-label={a.audit.what}>{actionName(r.action)}</td>
                <td data-label={objectOf(r) ? a.audit.object : undefined}>{objectOf(r)}</td>
                <td data-label={a.audit.region}>{r.region ?? t.federal}</td>
                <td data-label={a.audit.where}>{r.ip ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {answer && (
        <nav class="pager" aria-label={a.audit.pages}>
          <button type="button" class="secondary" disabled={pages.length === 1} onClick={() => setPages((p) => p.slice(0, -1))}>
            {a.audit.newer}
          </button>
          <span>
            {a.audit.page(answer.page)}. {a.audit.count(answer.items.length)}
          </span>
          <button type="button" class="secondary" disabled={answer.nextBefore === null} onClick={() => setPages((p) => [...p, answer.nextBefore ?? undefined])}>
            {a.audit.older}
          </button>
        </nav>
      )}
    </section>
  );
}
