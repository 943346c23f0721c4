// The synonym dictionary search uses (СФР = Социальный фонд): the groups, found by a word, added,
// changed and removed by federal editors; others read. Terms are checked here as the API checks
// them (two different at least, 100 characters each), so the message is in Russian and at the box.
import { useEffect, useRef, useState } from 'preact/hooks';
import { del, get, post, put } from '../shared/api.ts';
import type { Schema } from '../shared/api-types.ts';
import type { User } from '../shared/session.ts';
import { typed } from './control.tsx';
import { t } from './strings.ts';

type Group = Schema<'SynonymGroup'>;
const s = t.synonyms;

/** The terms typed (comma or line separated) as the API keeps them, or what is wrong with them. */
export function termsOf(text: string): { terms: string[] } | { problem: string } {
  const terms = [
    ...new Set(
      text
        .split(/[,\n]/)
        .map((x) => x.trim().toLowerCase().replaceAll('ё', 'е'))
        .filter(Boolean),
    ),
  ];
  if (terms.some((x) => x.length > 100)) return { problem: 'Слово или фраза длиннее 100 знаков.' };
  if (terms.length < 2) return { problem: 'Нужно хотя бы два разных слова.' };
  if (terms.length > 50) return { problem: 'Не больше 50 слов в группе.' };
  return { terms };
}

function TermsForm(props: { id: string; initial: string; submit: string; onSave: (terms: string[]) => Promise<string | null>; onCancel?: () => void }) {
  const [text, setText] = useState(props.initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (props.onCancel) box.current?.focus();
  }, []);
  const save = async (e: Event) => {
    e.preventDefault();
    const r = termsOf(text);
    if ('problem' in r) {
      setProblem(r.problem);
      box.current?.focus();
      return;
    }
    setBusy(true);
    const failed = await props.onSave(r.terms);
    setBusy(false);
    setProblem(failed);
    if (!failed && !props.onCancel) setText('');
  };
  return (
    <form class="syn-form" onSubmit={save} onKeyDown={(e) => e.key === 'Escape' && props.onCancel?.()}>
      <div class={`control wide${problem ? ' has-error' : ''}`}>
        <label for={props.id}>{s.terms}</label>
        <p class="hint" id={`${props.id}-hint`}>
          {s.termsHint}
        </p>
        {problem && (
          <p class="field-error" id={`${props.id}-error`}>
            <span class="sr-only">{t.errorPrefix} </span>
            {problem}
          </p>
        )}
        <textarea
          id={props.id}
          ref={box}
          rows={2}
          value={text}
          onInput={typed(setText)}
          aria-describedby={`${props.id}-hint${problem ? ` ${props.id}-error` : ''}`}
          aria-invalid={problem ? 'true' : undefined}
        />
      </div>
      <p class="nav-actions">
        <button type="submit" disabled={busy}>
          {props.submit}
        </button>
        {props.onCancel && (
          <button type="button" class="secondary" onClick={props.onCancel}>
            {t.cancel}
          </button>
        )}
      </p>
    </form>
  );
}

function Row(props: { g: Group; mayWrite: boolean; onChanged: (notice: string) => void }) {
  const { g } = props;
  const [mode, setMode] = useState<'show' | 'edit' | 'remove'>('show');
  const [error, setError] = useState<string | null>(null);
  const first = g.terms[0] ?? '';
  if (mode === 'edit') {
    return (
      <li class="syn-group">
        <TermsForm
          id={`syn-edit-${g.id}`}
          initial={g.terms.join(', ')}
          submit={s.save}
          onCancel={() => setMode('show')}
          onSave={async (terms) => {
            const r = await put('/api/v1/kb/synonyms/{id}', { path: { id: g.id }, body: { terms } });
            if (!r.ok) return r.message;
            props.onChanged(s.saved);
            return null;
          }}
        />
      </li>
    );
  }
  return (
    <li class="syn-group">
      <p class="syn-terms">{g.terms.join(' · ')}</p>
      <p class="muted small">{s.updated(t.dateTime(g.updatedAt), g.updatedBy)}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {props.mayWrite && mode === 'show' && (
        <p class="nav-actions">
          <button type="button" class="secondary" aria-label={s.editOf(first)} onClick={() => setMode('edit')}>
            {s.edit}
          </button>
          <button type="button" class="secondary danger" aria-label={s.removeOf(first)} onClick={() => setMode('remove')}>
            {s.remove}
          </button>
        </p>
      )}
      {mode === 'remove' && (
        <p class="nav-actions" role="group" aria-label={s.removeOf(first)}>
          <span>{s.removeConfirm(g.terms.join(', '))}</span>
          <button
            type="button"
            class="danger"
            onClick={async () => {
              const r = await del('/api/v1/kb/synonyms/{id}', { path: { id: g.id } });
              if (!r.ok) return setError(r.message);
              props.onChanged(s.removed);
            }}
          >
            {s.remove}
          </button>
          <button type="button" class="secondary" onClick={() => setMode('show')}>
            {t.cancel}
          </button>
        </p>
      )}
    </li>
  );
}

export function SynonymsSection({ user }: { user: User }) {
  const mayWrite = user.role === 'editor' && user.region === 'federal';
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const load = async () => {
    const r = await get('/api/v1/kb/synonyms');
    if (!r.ok) return setError(r.message);
    setError(null);
    setGroups([...r.body.items].sort((a, b) => (a.terms[0] ?? '').localeCompare(b.terms[0] ?? '', 'ru')));
  };
  useEffect(() => void load(), []);
  const changed = (n: string) => {
    setNotice(n);
    void load();
  };

  const word = filter.trim().toLowerCase().replaceAll('ё', 'е');
  const shown = (groups ?? []).filter((g) => !word || g.terms.some((x) => x.includes(word)));
  return (
    <>
      <section class="card" aria-labelledby="syn-h">
        <h1 id="syn-h">{s.heading}</h1>
        <p class="muted">{s.intro}</p>
        {mayWrite ? (
          <TermsForm
            id="syn-new"
            initial=""
            submit={s.add}
            onSave={async (terms) => {
              const r = await post('/api/v1/kb/synonyms', { body: { terms } });
              if (!r.ok) return r.message;
              changed(s.added);
              return null;
            }}
          />
        ) : (
          <p class="muted">{s.readOnly}</p>
        )}
        <p role="status" aria-live="polite" class="notice">
          {notice}
        </p>
      </section>
      <section class="card" aria-labelledby="syn-list-h">
        <h2 id="syn-list-h" class="sr-only">
          {s.heading}
        </h2>
        <div class="filter">
          <label for="syn-filter">{s.filter}</label>
          <input id="syn-filter" type="search" value={filter} onInput={typed(setFilter)} />
        </div>
        {error ? (
          <p class="error" role="alert">
            {error}{' '}
            <button type="button" class="secondary" onClick={() => void load()}>
              {t.retry}
            </button>
          </p>
        ) : (
          <p class="muted">{groups ? (shown.length ? s.count(shown.length, groups.length) : s.none) : t.loading}</p>
        )}
        <ul class="plain syn-list">
          {shown.map((g) => (
            <Row key={`${g.id}/${g.updatedAt}`} g={g} mayWrite={mayWrite} onChanged={changed} />
          ))}
        </ul>
      </section>
    </>
  );
}
