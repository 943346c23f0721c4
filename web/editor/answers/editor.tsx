// One answer's editor: its working copy in a form with the portal's preview, saved as a new version
// with the version it started from (someone else's save in between is a 409, explained, with the
// latest offered), Ctrl+S to save; the review flow beside it, and a federal answer's regional
// supplements. A new answer (or a supplement under one) is created as a draft.
import { useEffect, useRef, useState } from 'preact/hooks';
import { apiUrl, get, post, put, request } from '../../shared/api.ts';
import type { User } from '../../shared/session.ts';
import { ConflictNotice, ErrorSummary, SaveActions } from '../control.tsx';
import { go, href } from '../route.ts';
import { t } from '../strings.ts';
import { setUnsaved } from '../unsaved.ts';
import { changed, contentOf, draftOf, emptyDraft, type Draft, type EditorAnswer } from './draft.ts';
import { AnswerFields, FORM, labels } from './fields.tsx';
import { Flow } from './flow.tsx';
import { NewAnswerFields, type Identity } from './identity.tsx';
import { History } from './history.tsx';
import { ReviewDiff } from './review-diff.tsx';
import { formErrors, noErrors, type FormErrors } from './problems.ts';
import { Supplements } from './supplements.tsx';
import { useWorkspaceIndex } from './workspace.ts';

type Loaded = { answer: EditorAnswer | null; saved: Draft } | { error: string } | null;

/** question: for a new answer, what people asked (the editors' queue): its question to start from. */
export function AnswerEditor({ slug, parent, question, user }: { slug: string | null; parent: string | null; question: string | null; user: User }) {
  const [loaded, setLoaded] = useState<Loaded>(slug ? null : { answer: null, saved: emptyDraft });
  const [draft, setDraft] = useState<Draft>(slug || !question ? emptyDraft : { ...emptyDraft, title: question });
  const [identity, setIdentity] = useState<Identity>({ slug: '', scope: parent ? (user.region === 'federal' ? '' : user.region) : 'federal', parent: parent ?? '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [conflict, setConflict] = useState<{ mine: number; latest: number | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const index = useWorkspaceIndex();
  const heading = useRef<HTMLHeadingElement>(null);

  const load = async () => {
    if (!slug) return;
    const r = await get('/api/v1/kb/answers/{slug}/working', { path: { slug } });
    if (!r.ok) return setLoaded({ error: r.status === 404 ? t.editor.notFound : r.message });
    const saved = draftOf(r.body.working);
    setLoaded({ answer: r.body, saved });
    setDraft(saved);
    setConflict(null);
    setErrors(noErrors);
  };
  useEffect(() => {
    void load().then(() => heading.current?.focus());
    if (!slug) heading.current?.focus();
    return () => setUnsaved(false);
  }, []);

  const answer = loaded && 'answer' in loaded ? loaded.answer : null;
  const saved = loaded && 'saved' in loaded ? loaded.saved : emptyDraft;
  const dirty = (slug === null && (identity.slug !== '' || changed(draft, emptyDraft))) || changed(draft, saved) || draft.note.trim() !== '';
  useEffect(() => setUnsaved(dirty), [dirty]);

  // (a region's editor writes their region's supplements; federal answers are federal editors')
  const mayWrite = user.role === 'editor' && (user.region === 'federal' || answer === null || answer.scope === user.region);
  const readOnly = !mayWrite || answer?.status === 'archived';

  const save = async () => {
    if (busy || readOnly) return;
    setBusy(true);
    setNotice(null);
    const content = contentOf(draft);
    const r = answer
      ? await put('/api/v1/kb/answers/{slug}', { path: { slug: answer.slug }, body: { ...content, baseVersion: answer.currentVersion } })
      : await post('/api/v1/kb/answers', { body: { ...content, slug: identity.slug.trim(), scope: identity.scope.trim() || 'federal', ...(identity.parent ? { parent: identity.parent } : {}) } });
    setBusy(false);
    if (!r.ok) {
      if (r.code === 'kb.version_conflict' && answer) {
        setConflict({ mine: answer.currentVersion, latest: (r.body as { currentVersion?: number } | null)?.currentVersion ?? null });
        return;
      }
      return setErrors(formErrors(r));
    }
    setErrors(noErrors);
    if (!answer) {
      setUnsaved(false);
      return go({ section: 'answers', item: r.body.slug });
    }
    const now = draftOf(r.body.working);
    setLoaded({ answer: r.body, saved: now });
    setDraft(now);
    setNotice(r.body.currentVersion === answer.currentVersion ? t.editor.nothingChanged : t.editor.saved(r.body.currentVersion));
  };

  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.code === 'KeyS') {
      e.preventDefault();
      void save();
    }
  };

  if (loaded && 'error' in loaded)
    return (
      <section class="card">
        <a href={href({ section: 'answers' })}>{t.editor.back}</a>
        <p class="error" role="alert">
          {loaded.error}
        </p>
      </section>
    );
  const title = answer ? t.editor.heading(answer.working.title) : parent ? t.editor.newSupplement(parent) : t.editor.newTitle;
  return (
    <div class="answer-screen" onKeyDown={onKey}>
      <a href={href({ section: 'answers' })}>{t.editor.back}</a>
      <h1 id="answer-h" tabIndex={-1} ref={heading}>
        {loaded ? title : t.loading}
      </h1>
      {answer && (
        <p class="muted">
          <span class={`state ${answer.status}`}>{t.status[answer.status]}</span> · {t.editor.version(answer.currentVersion, answer.publishedVersion)} ·{' '}
          {answer.scope === 'federal' ? t.scopeFederal : t.scopeRegion(answer.scope)} · <code>{answer.slug}</code>
        </p>
      )}
      {loaded && (
        <div class={answer?.status === 'in_review' ? 'editor-columns reviewing' : 'editor-columns'}>
          <form
            class="card editor"
            aria-labelledby="answer-h"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            {answer?.status === 'draft' && answer.reviewComment && (
              <p class="returned" role="note">
                <strong>{t.editor.returnedWith}</strong> {answer.reviewComment}
              </p>
            )}
            {readOnly && <p class="muted">{mayWrite ? t.editor.readOnly : t.editor.reviewOnly}</p>}
            {conflict && <ConflictNotice message={t.editor.conflict(conflict.mine, conflict.latest)} reload={() => (setUnsaved(false), void load())} />}
            <ErrorSummary form={FORM} general={errors.general} at={errors.at} labelOf={(p) => labels[p] ?? p} />
            {!answer && <NewAnswerFields value={identity} set={(v) => setIdentity({ ...identity, ...v })} errors={errors} supplement={parent !== null} />}
            <AnswerFields draft={draft} set={(d) => setDraft({ ...draft, ...d })} errors={errors} readOnly={readOnly} sections={index?.sections ?? []} knownSlugs={index?.titles ?? null} />
            {!readOnly && <SaveActions busy={busy} label={answer ? t.editor.save : t.editor.create} notice={notice} />}
          </form>
          {answer && (
            <aside class="side">
              <Flow
                item={answer}
                user={user}
                dirty={dirty}
                step={(step, body) => request<EditorAnswer>('POST', `${apiUrl('/api/v1/kb/answers/{slug}', { path: { slug: answer.slug } })}/${step}`, body)}
                diff={answer.reviewVersion !== null && <ReviewDiff slug={answer.slug} from={answer.publishedVersion} to={answer.reviewVersion} />}
                onChange={(a) => (setLoaded({ answer: a, saved: draftOf(a.working) }), setDraft(draftOf(a.working)))}
              />
              <History key={answer.currentVersion} slug={answer.slug} />
              {answer.scope === 'federal' && <Supplements slug={answer.slug} items={index?.items ?? null} mayWrite={user.role === 'editor'} />}
            </aside>
          )}
        </div>
      )}
    </div>
  );
}
