// A question's form: its var (fixed once created), the text and hint, the type of answer, the
// options of a choice (added and removed) and the bounds of a number.
import { Control, typed } from '../control.tsx';
import type { Content } from './entries-api.ts';
import type { EntryErrors } from './problems.ts';
import { nt } from './strings.ts';

export const QUESTION_FORM = 'question';

export interface QuestionDraft {
  var: string;
  question: string;
  hint: string;
  type: 'choice' | 'boolean' | 'number';
  options: { value: string; label: string }[];
  min: string;
  max: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function questionDraft(c: Content): QuestionDraft {
  const type = c.type === 'boolean' || c.type === 'number' ? c.type : 'choice';
  return {
    var: str(c.var),
    question: str(c.question),
    hint: str(c.hint),
    type,
    options: Array.isArray(c.options)
      ? (c.options as { value: string; label: string }[]).map((o) => ({ value: o.value, label: o.label }))
      : type === 'choice' && !c.var
        ? [
            { value: '', label: '' },
            { value: '', label: '' },
          ]
        : [],
    min: typeof c.min === 'number' ? String(c.min) : '',
    max: typeof c.max === 'number' ? String(c.max) : '',
  };
}

export function questionContent(d: QuestionDraft): { content: Content } {
  return {
    content: {
      var: d.var.trim(),
      question: d.question,
      ...(d.hint.trim() ? { hint: d.hint } : {}),
      type: d.type,
      ...(d.type === 'choice' ? { options: d.options } : {}),
      ...(d.type === 'number' && d.min.trim() ? { min: Number(d.min) } : {}),
      ...(d.type === 'number' && d.max.trim() ? { max: Number(d.max) } : {}),
    },
  };
}

export const questionTitle = (c: Content) => str(c.question) || str(c.var);

export function QuestionForm({ draft, set, errors, readOnly, isNew }: { draft: QuestionDraft; set: (d: Partial<QuestionDraft>) => void; errors: EntryErrors; readOnly: boolean; isNew: boolean }) {
  const q = nt.question;
  const at = (place: string) => errors.at.get(place) ?? [];
  const setOption = (i: number, o: Partial<{ value: string; label: string }>) => set({ options: draft.options.map((x, j) => (j === i ? { ...x, ...o } : x)) });
  return (
    <div class="grid">
      <Control
        form={QUESTION_FORM}
        place="var"
        label={q.var}
        messages={at('var')}
        {...(isNew ? { hint: q.varHint } : {})}
        control={(a) => <input {...a} class="mono" value={draft.var} onInput={typed((v) => set({ var: v }))} readOnly={readOnly || !isNew} />}
      />
      <Control
        form={QUESTION_FORM}
        place="type"
        label={q.type}
        messages={at('type')}
        control={(a) => (
          <select {...a} value={draft.type} onChange={typed((v) => set({ type: v as QuestionDraft['type'] }))} disabled={readOnly}>
            {Object.entries(q.types).map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        )}
      />
      <Control
        form={QUESTION_FORM}
        place="question"
        label={q.question}
        messages={at('question')}
        wide
        control={(a) => <textarea {...a} rows={2} value={draft.question} onInput={typed((v) => set({ question: v }))} readOnly={readOnly} />}
      />
      <Control
        form={QUESTION_FORM}
        place="hint"
        label={q.hint}
        messages={at('hint')}
        wide
        control={(a) => <textarea {...a} rows={2} value={draft.hint} onInput={typed((v) => set({ hint: v }))} readOnly={readOnly} />}
      />
      {draft.type === 'choice' && (
        <fieldset class="wide options">
          <legend>{q.options}</legend>
          {at('options').length > 0 && <p class="field-error">{at('options').join(' ')}</p>}
          {draft.options.map((o, i) => (
            <div class="option-row" key={i}>
              <Control
                form={QUESTION_FORM}
                place={`options.${i}.value`}
                label={q.optionValue(i + 1)}
                messages={[]}
                control={(a) => <input {...a} class="mono" value={o.value} onInput={typed((v) => setOption(i, { value: v }))} readOnly={readOnly} />}
              />
              <Control
                form={QUESTION_FORM}
                place={`options.${i}.label`}
                label={q.optionLabel(i + 1)}
                messages={[]}
                control={(a) => <input {...a} value={o.label} onInput={typed((v) => setOption(i, { label: v }))} readOnly={readOnly} />}
              />
              {!readOnly && (
                <button type="button" class="secondary danger" onClick={() => set({ options: draft.options.filter((_, j) => j !== i) })}>
                  {q.removeOption(i + 1)}
                </button>
              )}
            </div>
          ))}
          {!readOnly && (
            <button type="button" class="secondary" onClick={() => set({ options: [...draft.options, { value: '', label: '' }] })}>
              {q.addOption}
            </button>
          )}
        </fieldset>
      )}
      {draft.type === 'number' && (
        <>
          <Control
            form={QUESTION_FORM}
            place="min"
            label={q.min}
            messages={at('min')}
            control={(a) => <input {...a} type="number" value={draft.min} onInput={typed((v) => set({ min: v }))} readOnly={readOnly} />}
          />
          <Control
            form={QUESTION_FORM}
            place="max"
            label={q.max}
            messages={at('max')}
            control={(a) => <input {...a} type="number" value={draft.max} onInput={typed((v) => set({ max: v }))} readOnly={readOnly} />}
          />
        </>
      )}
    </div>
  );
}
