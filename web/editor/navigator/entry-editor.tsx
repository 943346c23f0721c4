// One measure's or question's form: its working copy, saved as a new version with the version it
// started from (a 409 explained, with the latest offered), Ctrl+S to save; the API's 400s at their
// path inside the content; the review flow beside it, as for answers.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { User } from '../../shared/session.ts';
import { Flow } from '../answers/flow.tsx';
import { ConflictNotice, ErrorSummary, SaveActions } from '../control.tsx';
import { go, href } from '../route.ts';
import { t } from '../strings.ts';
import { setUnsaved } from '../unsaved.ts';
import { createEntry, readEntry, saveEntry, stepEntry, type Entry, type Kind } from './entries-api.ts';
import { EntryReview } from './entry-review.tsx';
import { kinds } from './kinds.ts';
import { entryErrors, noEntryErrors, type EntryErrors } from './problems.ts';
import { measureLabels, nt, questionLabels } from './strings.ts';

export function EntryEditor({ kind, entryKey, user }: { kind: Kind; entryKey: string | null; user: User }) {
  const k = kinds[kind];
  const fresh = k.draftOf({});
  const [entry, setEntry] = useState<Entry | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [saved, setSaved] = useState<unknown>(fresh);
  const [draft, setDraft] = useState<unknown>(fresh);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<EntryErrors>(noEntryErrors);
  const [conflict, setConflict] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const show = (e: Entry) => {
    const d = k.draftOf(e.working.content);
    setEntry(e);
    setSaved(d);
    setDraft(d);
    setNote('');
    setConflict(false);
    setErrors(noEntryErrors);
  };
  const load = async () => {
    if (!entryKey) return;
    const r = await readEntry(kind, entryKey);
    if (r.ok) show(r.body);
    else setFailed(r.status === 404 ? nt.notFound : r.message);
  };
  useEffect(() => {
    void load().then(() => heading.current?.focus());
    return () => setUnsaved(false);
  }, []);

  const dirty = JSON.stringify(draft) !== JSON.stringify(saved) || note.trim() !== '';
  useEffect(() => setUnsaved(dirty), [dirty]);
  // (the catalogue is federal: a region's editor reads it)
  const mayWrite = user.role === 'editor' && user.region === 'federal';
  const readOnly = !mayWrite || entry?.status === 'archived';

  const save = async () => {
    if (busy || readOnly) return;
    const c = k.contentOf(draft as never);
    if ('field' in c) return setErrors({ at: new Map([[c.field, [c.message]]]), general: null, list: [] });
    setBusy(true);
    setNotice(null);
    const r = entry ? await saveEntry(kind, entry.key, c.content, entry.currentVersion, note.trim()) : await createEntry(kind, c.content, note.trim());
    setBusy(false);
    if (!r.ok) {
      if (r.code === 'navigator.version_conflict') return setConflict(true);
      return setErrors(entryErrors(r));
    }
    if (!entry) {
      setUnsaved(false);
      return go({ section: 'navigator', tab: k.tab, item: r.body.key });
    }
    show(r.body);
    setNotice(r.body.currentVersion === entry.currentVersion ? t.editor.nothingChanged : t.editor.saved(r.body.currentVersion));
  };

  if (failed)
    return (
      <p class="error" role="alert">
        {failed}
      </p>
    );
  const title = entry ? k.heading(k.titleOf(entry.working.content)) : entryKey ? t.loading : k.newHeading;
  const Form = k.Form;
  return (
    <div
      class="answer-screen"
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.code === 'KeyS') {
          e.preventDefault();
          void save();
        }
      }}
    >
      <a href={href({ section: 'navigator', tab: k.tab })}>{nt.back(nt.tabs[k.tab]!)}</a>
      <h1 id="entry-h" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {entry && (
        <p class="muted">
          <span class={`state ${entry.status}`}>{t.status[entry.status]}</span> · {nt.version(entry.currentVersion, entry.publishedVersion)} · <code>{entry.key}</code>
        </p>
      )}
      {(entry || !entryKey) && (
        <div class={entry?.status === 'in_review' ? 'editor-columns reviewing' : 'editor-columns'}>
          <form class="card editor" aria-labelledby="entry-h" onSubmit={(e) => (e.preventDefault(), void save())}>
            {entry?.status === 'draft' && entry.reviewComment && (
              <p class="returned" role="note">
                <strong>{t.editor.returnedWith}</strong> {entry.reviewComment}
              </p>
            )}
            {!mayWrite && <p class="muted">{t.editor.reviewOnly}</p>}
            {conflict && <ConflictNotice message={t.editor.conflict(entry?.currentVersion ?? 0, null)} reload={() => (setUnsaved(false), void load())} />}
            <ErrorSummary form={k.form} general={errors.general} at={errors.at} labelOf={(p) => (kind === 'measure' ? measureLabels : questionLabels)[p] ?? p} />
            {errors.list.length > 0 && (
              <ul class="error">
                {errors.list.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
            <Form draft={draft as never} set={(d: object) => setDraft({ ...(draft as object), ...d })} errors={errors} readOnly={readOnly} isNew={!entry} />
            {!readOnly && (
              <>
                <div class="control">
                  <label for="entry-note">{t.editor.note}</label>
                  <input id="entry-note" value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} maxLength={500} />
                </div>
                <SaveActions busy={busy} label={entry ? t.editor.save : t.editor.create} notice={notice} />
              </>
            )}
          </form>
          {entry && (
            <aside class="side">
              <Flow
                item={entry}
                user={user}
                dirty={dirty}
                step={(step, body) => stepEntry(kind, entry.key, step, body)}
                diff={entry.reviewVersion !== null && <EntryReview kind={kind} entryKey={entry.key} from={entry.publishedVersion} to={entry.reviewVersion} />}
                onChange={show}
                archiveConfirm={nt.archiveConfirm}
                problems={nt.problems}
              />
            </aside>
          )}
        </div>
      )}
    </div>
  );
}
