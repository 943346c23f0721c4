// The review flow beside a form, for answers and the navigator's entries alike: send a saved draft
// for review; for a reviewer (another editor, or a coordinator) the version in review against the
// published one (the diff given), then approve (it is published at once) or return it with a
// comment; archive with a reason, restore.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiResult } from '../../shared/api.ts';
import type { User } from '../../shared/session.ts';
import { t } from '../strings.ts';

export type Step = 'submit' | 'approve' | 'reject' | 'archive' | 'restore';

/** What the flow reads of an answer or an entry. */
export interface Reviewable {
  status: 'draft' | 'in_review' | 'published' | 'archived';
  publishedVersion: number | null;
  reviewVersion: number | null;
  reviewRequestedBy: string | null;
  working: { createdBy: string | null };
}

export function Flow<T extends Reviewable>(p: {
  item: T;
  user: User;
  dirty: boolean;
  step: (step: Step, body: { comment?: string; reason?: string }) => Promise<ApiResult<T>>;
  onChange: (a: T) => void;
  diff: ComponentChildren;
  /** what archiving withdraws, said on its button */
  archiveConfirm?: string;
  problems?: Record<string, string>;
}) {
  const { item: answer, user, dirty, onChange } = p;
  const [open, setOpen] = useState<'reject' | 'archive' | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);

  const run = async (step: Step) => {
    setBusy(true);
    setSaid(null);
    const r = await p.step(step, step === 'reject' ? { comment: text } : step === 'archive' && text.trim() ? { reason: text.trim() } : {});
    setBusy(false);
    if (!r.ok) return setSaid({ ok: false, text: (r.code && (p.problems?.[r.code] ?? t.problems[r.code])) ?? r.message });
    setOpen(null);
    setText('');
    onChange(r.body);
    const done = { submit: t.flow.submitted, approve: t.flow.approved(r.body.publishedVersion ?? 0), reject: t.flow.rejected, archive: t.flow.archived, restore: t.flow.restored };
    setSaid({ ok: true, text: done[step] });
  };

  const writer = user.role === 'editor';
  const reviewer = user.role === 'editor' || user.role === 'coordinator';
  const own = answer.reviewRequestedBy === user.username || answer.working.createdBy === user.username;
  const s = answer.status;
  return (
    <section class="card flow" aria-labelledby="flow-h">
      <h2 id="flow-h">{t.flow.heading}</h2>
      {s === 'draft' && writer && (
        <p>
          <button type="button" disabled={busy || dirty} aria-describedby={dirty ? 'flow-save-first' : undefined} onClick={() => void run('submit')}>
            {t.flow.submit}
          </button>
          {dirty && (
            <span class="hint" id="flow-save-first">
              {' '}
              {t.flow.submitHint}
            </span>
          )}
        </p>
      )}
      {s === 'in_review' && answer.reviewVersion !== null && (
        <>
          <p>{t.flow.inReview(answer.reviewRequestedBy)}</p>
          {p.diff}
          {reviewer && own && <p class="muted">{t.flow.selfReview}</p>}
          {reviewer && !own && (
            <div class="actions">
              <button type="button" disabled={busy || dirty} onClick={() => void run('approve')}>
                {t.flow.approve}
              </button>
              <button type="button" class="secondary" disabled={busy} aria-expanded={open === 'reject'} onClick={() => setOpen(open === 'reject' ? null : 'reject')}>
                {t.flow.reject}
              </button>
            </div>
          )}
        </>
      )}
      {open === 'reject' && (
        <StepForm label={t.flow.rejectComment} required value={text} onInput={setText} submit={t.flow.rejectSend} busy={busy} onSubmit={() => void run('reject')} onCancel={() => setOpen(null)} />
      )}
      {s !== 'archived' && reviewer && open !== 'archive' && (
        <p>
          <button type="button" class="secondary danger" disabled={busy || dirty} onClick={() => setOpen('archive')}>
            {t.flow.archive}
          </button>
        </p>
      )}
      {open === 'archive' && (
        <StepForm
          label={t.flow.archiveReason}
          value={text}
          onInput={setText}
          submit={p.archiveConfirm ?? t.flow.archiveConfirm}
          busy={busy}
          onSubmit={() => void run('archive')}
          onCancel={() => setOpen(null)}
        />
      )}
      {s === 'archived' && reviewer && (
        <p>
          <button type="button" disabled={busy} onClick={() => void run('restore')}>
            {t.flow.restore}
          </button>
        </p>
      )}
      {said && (
        <p class={said.ok ? 'notice' : 'error'} role={said.ok ? 'status' : 'alert'}>
          {said.text}
        </p>
      )}
    </section>
  );
}

/** A step that needs a few words (a comment, a reason): Enter in the field does not send; Esc closes. */
function StepForm(p: { label: string; required?: boolean; value: string; onInput: (v: string) => void; submit: string; busy: boolean; onSubmit: () => void; onCancel: () => void }) {
  return (
    <form
      class="step-form"
      onSubmit={(e) => {
        e.preventDefault();
        p.onSubmit();
      }}
      onKeyDown={(e) => e.key === 'Escape' && p.onCancel()}
    >
      <label for="flow-text">{p.label}</label>
      <textarea id="flow-text" rows={3} required={p.required} maxLength={2000} value={p.value} onInput={(e) => p.onInput((e.target as HTMLTextAreaElement).value)} autoFocus />
      <div class="actions">
        <button type="submit" disabled={p.busy || (p.required && !p.value.trim())}>
          {p.submit}
        </button>
        <button type="button" class="secondary" onClick={p.onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
