// The answer's fields: the question and its other phrasings, section, body (with the portal's
// preview beside it), audience, tags, related answers, the responsible agency and the sources,
// validity dates and the note for the review.
import { Control, typed } from '../control.tsx';
import { t } from '../strings.ts';
import type { Draft } from './draft.ts';
import { Preview } from './preview.tsx';
import { messagesAt, type FormErrors } from './problems.ts';

export const FORM = 'answer';

/** The label of each place the API may name, for the error summary. */
export const labels: Record<string, string> = {
  slug: t.editor.slug,
  scope: t.editor.scope,
  parent: t.editor.parent,
  title: t.editor.title,
  section: t.editor.section,
  body: t.editor.body,
  alternatives: t.editor.alternatives,
  tags: t.editor.tags,
  audience: t.editor.audience,
  related: t.editor.related,
  validFrom: t.editor.validFrom,
  validUntil: t.editor.validUntil,
  agency: t.editor.agency,
  sources: t.editor.sources,
  note: t.editor.note,
  baseVersion: t.editor.save,
};

export function AnswerFields({
  draft,
  set,
  errors,
  readOnly,
  sections,
  knownSlugs,
}: {
  draft: Draft;
  set: (d: Partial<Draft>) => void;
  errors: FormErrors;
  readOnly: boolean;
  sections: string[];
  knownSlugs: Map<string, string> | null;
}) {
  const c = (place: keyof Draft, label: string, control: Parameters<typeof Control>[0]['control'], o: { hint?: string; wide?: boolean } = {}) => (
    <Control form={FORM} place={place} label={label} messages={messagesAt(errors, place)} control={control} {...o} />
  );
  const unknown = knownSlugs
    ? draft.related
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s && !knownSlugs.has(s))
    : [];
  return (
    <>
      <div class="grid">
        {c(
          'title',
          t.editor.title,
          (a) => (
            <input {...a} value={draft.title} onInput={typed((title) => set({ title }))} readOnly={readOnly} required maxLength={300} />
          ),
          { wide: true },
        )}
        {c('section', t.editor.section, (a) => (
          <>
            <input {...a} list="answer-sections" value={draft.section} onInput={typed((section) => set({ section }))} readOnly={readOnly} required maxLength={200} />
            <datalist id="answer-sections">
              {sections.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </>
        ))}
        {c('audience', t.editor.audience, (a) => (
          <input {...a} value={draft.audience} onInput={typed((audience) => set({ audience }))} readOnly={readOnly} maxLength={200} />
        ))}
      </div>
      <div class="body-and-preview">
        {c(
          'body',
          t.editor.body,
          (a) => (
            <textarea {...a} rows={18} value={draft.body} onInput={typed((body) => set({ body }))} readOnly={readOnly} required class="mono" />
          ),
          { hint: t.editor.bodyHint },
        )}
        <Preview title={draft.title} body={draft.body} />
      </div>
      <div class="grid">
        {c(
          'alternatives',
          t.editor.alternatives,
          (a) => (
            <textarea {...a} rows={4} value={draft.alternatives} onInput={typed((alternatives) => set({ alternatives }))} readOnly={readOnly} />
          ),
          {
            hint: t.editor.alternativesHint,
          },
        )}
        <div class="stacked">
          {c(
            'related',
            t.editor.related,
            (a) => (
              <textarea {...a} rows={4} value={draft.related} onInput={typed((related) => set({ related }))} readOnly={readOnly} class="mono" />
            ),
            {
              hint: t.editor.relatedHint,
            },
          )}
          {knownSlugs && draft.related.trim() && (
            <ul class="related-titles small">
              {draft.related
                .split('\n')
                .map((s) => s.trim())
                .filter(Boolean)
                .map((s) => (
                  <li key={s} class={unknown.includes(s) ? 'bad' : undefined}>
                    <code>{s}</code> — {knownSlugs.get(s) ?? t.editor.relatedUnknown}
                  </li>
                ))}
            </ul>
          )}
        </div>
        {c(
          'tags',
          t.editor.tags,
          (a) => (
            <input {...a} value={draft.tags} onInput={typed((tags) => set({ tags }))} readOnly={readOnly} />
          ),
          { hint: t.editor.tagsHint },
        )}
        {c(
          'agency',
          t.editor.agency,
          (a) => (
            <input {...a} value={draft.agency} onInput={typed((agency) => set({ agency }))} readOnly={readOnly} maxLength={200} />
          ),
          {
            hint: t.editor.agencyHint,
          },
        )}
        {c(
          'sources',
          t.editor.sources,
          (a) => (
            <textarea {...a} rows={3} value={draft.sources} onInput={typed((sources) => set({ sources }))} readOnly={readOnly} />
          ),
          { hint: t.editor.sourcesHint, wide: true },
        )}
        <div class="grid two-dates">
          {c(
            'validFrom',
            t.editor.validFrom,
            (a) => (
              <input {...a} type="date" value={draft.validFrom} onInput={typed((validFrom) => set({ validFrom }))} readOnly={readOnly} />
            ),
            {
              hint: t.editor.validityHint,
            },
          )}
          {c('validUntil', t.editor.validUntil, (a) => (
            <input {...a} type="date" value={draft.validUntil} onInput={typed((validUntil) => set({ validUntil }))} readOnly={readOnly} />
          ))}
        </div>
        {!readOnly && c('note', t.editor.note, (a) => <input {...a} value={draft.note} onInput={typed((note) => set({ note }))} maxLength={500} />, { hint: t.editor.noteHint, wide: true })}
      </div>
    </>
  );
}
