// An appeal type's editor (federal admins): its name, description, whether it is taken, the consent
// text, the deadline rules and its form's fields. Saved whole with PUT; what the API refuses is
// shown next to the control concerned and nothing is kept.
import { useEffect, useState } from 'preact/hooks';
import { put } from '../../shared/api.ts';
import { Check, Control, ErrorSummary, Panel, typed } from '../form.tsx';
import { formErrors, noErrors, type FormErrors } from '../problems.ts';
import { t } from '../strings.ts';
import type { AppealType } from './catalog.ts';
import { buttonId, FieldEditor, FORM } from './field-editor.tsx';
import { fieldDraft, moved, placeOf, typeBody, typeDraft, type FieldDraft, type TypeDraft } from './type-draft.ts';

type Deadline = 'registerDays' | 'forwardDays' | 'answerDays' | 'maxExtensionDays';
const deadlineKeys: Deadline[] = ['registerDays', 'forwardDays', 'answerDays', 'maxExtensionDays'];

/** What the summary calls a place: the control's label, with the field's for a field's part. */
function labelOf(d: TypeDraft, place: string): string {
  const m = /^fields\.(k\d+)\.?(\w*)/.exec(place);
  if (m) {
    const i = d.fields.findIndex((f) => f.key === m[1]);
    const part = m[2] ? ((t.field as Record<string, unknown>)[m[2]] as string | undefined) : undefined;
    return `${t.field.legend(i + 1, d.fields[i]?.label.trim() ?? '')}${part ? ` — ${part}` : ''}`;
  }
  const key = place.replace(/^deadlines\./, '');
  const known: Record<string, string> = { code: t.types.code, name: t.types.name, description: t.types.description, consentText: t.types.consent, fields: t.types.formFields };
  return known[key] ?? (t.types as Record<string, unknown>)[key]?.toString() ?? place;
}

export function TypeEditor({ type, onSaved }: { type: AppealType | undefined; onSaved: (code: string, name: string) => void }) {
  const [draft, setDraft] = useState<TypeDraft>(() => typeDraft(type));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [focus, setFocus] = useState<string | null>(null);
  // the keyboard follows a moved field's button, or goes to a new field's code
  useEffect(() => {
    if (!focus) return;
    const el = document.getElementById(focus) as HTMLButtonElement | null;
    if (el && !el.disabled) el.focus();
    else if (focus.endsWith('-up')) document.getElementById(focus.replace(/-up$/, '-down'))?.focus();
    else if (focus.endsWith('-down')) document.getElementById(focus.replace(/-down$/, '-up'))?.focus();
    setFocus(null);
  }, [focus]);

  const set =
    <K extends keyof TypeDraft>(k: K) =>
    (v: TypeDraft[K]) =>
      setDraft((d) => ({ ...d, [k]: v }));
  const setDeadline = (k: Deadline | 'redirectRestarts') => (v: string | boolean) => setDraft((d) => ({ ...d, deadlines: { ...d.deadlines, [k]: v } }));
  const setField = (i: number) => (f: FieldDraft) => setDraft((d) => ({ ...d, fields: d.fields.map((x, j) => (j === i ? f : x)) }));
  const common = { form: FORM, errors };

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const code = draft.code.trim();
    const r = await put('/api/v1/appeal-types/{code}', { path: { code: code || '-' }, body: typeBody(draft) });
    setBusy(false);
    if (!r.ok) return setErrors(formErrors(r, placeOf(draft)));
    setErrors(noErrors);
    onSaved(r.body.code, r.body.name);
  };

  return (
    <Panel id="type-editor" title={type ? t.types.editTitle(type.name) : t.types.newTitle}>
      <form class="editor" onSubmit={save} noValidate>
        <ErrorSummary form={FORM} errors={errors} labelOf={(p) => labelOf(draft, p)} />
        <div class="grid">
          {draft.isNew ? (
            <Control
              {...common}
              place="code"
              label={t.types.code}
              hint={t.types.codeHint}
              control={(a) => <input {...a} value={draft.code} onInput={typed(set('code'))} autoComplete="off" spellcheck={false} />}
            />
          ) : (
            <p class="control">
              <span class="label">{t.types.code}</span> <code>{draft.code}</code>
            </p>
          )}
          <Control {...common} place="name" label={t.types.name} control={(a) => <input {...a} value={draft.name} onInput={typed(set('name'))} />} />
          <Control
            {...common}
            wide
            place="description"
            label={t.types.description}
            hint={t.types.descriptionHint}
            control={(a) => <textarea {...a} rows={3} value={draft.description} onInput={typed(set('description'))} />}
          />
          <Check {...common} wide place="active" label={t.types.activeLabel} checked={draft.active} onChange={set('active')} />
          <Control
            {...common}
            wide
            place="consentText"
            label={t.types.consent}
            hint={t.types.consentHint}
            control={(a) => <textarea {...a} rows={4} value={draft.consentText} onInput={typed(set('consentText'))} />}
          />
        </div>
        <fieldset class="deadlines">
          <legend>{t.types.deadlines}</legend>
          <div class="grid four">
            {deadlineKeys.map((k) => (
              <Control
                key={k}
                {...common}
                place={`deadlines.${k}`}
                label={t.types[k]}
                control={(a) => <input {...a} inputMode="numeric" value={draft.deadlines[k]} onInput={typed((v) => setDeadline(k)(v))} />}
              />
            ))}
            <Check
              {...common}
              wide
              place="deadlines.redirectRestarts"
              label={t.types.redirectRestarts}
              checked={draft.deadlines.redirectRestarts}
              onChange={(v) => setDeadline('redirectRestarts')(v)}
            />
          </div>
        </fieldset>
        <section class="fields" aria-labelledby="type-fields-title">
          <h3 id="type-fields-title">{t.types.formFields}</h3>
          <p class="muted">{t.types.formFieldsHint}</p>
          {draft.fields.length === 0 && <p>{t.types.noFields}</p>}
          {draft.fields.map((f, i) => (
            <FieldEditor
              key={f.key}
              field={f}
              index={i}
              count={draft.fields.length}
              errors={errors}
              onChange={setField(i)}
              onMove={(by) => {
                setDraft((d) => ({ ...d, fields: moved(d.fields, i, by) }));
                setFocus(buttonId(f.key, by < 0 ? 'up' : 'down'));
              }}
              onRemove={() => {
                const next = draft.fields[i + 1] ?? draft.fields[i - 1];
                setDraft((d) => ({ ...d, fields: d.fields.filter((x) => x.key !== f.key) }));
                setFocus(next ? buttonId(next.key, 'remove') : 'type-add-field');
              }}
            />
          ))}
          <button
            type="button"
            class="secondary"
            id="type-add-field"
            onClick={() => {
              const f = fieldDraft();
              setDraft((d) => ({ ...d, fields: [...d.fields, f] }));
              setFocus(`${FORM}-fields-${f.key}-code`);
            }}
          >
            + {t.types.addField}
          </button>
        </section>
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? t.saving : t.save}
          </button>
        </div>
      </form>
    </Panel>
  );
}
