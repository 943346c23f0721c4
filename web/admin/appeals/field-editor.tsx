// One field of an appeal type's form: code, label, hint, kind, required, and the rules its kind has
// (length and pattern of text, options of a choice, bounds of a number or a date); moved up and down
// and removed with buttons that keep the keyboard on the field.
import { Check, Control, typed } from '../form.tsx';
import type { FormErrors } from '../problems.ts';
import { t } from '../strings.ts';
import { defaultMaxLength, fieldKinds, rulesOf, type FieldDraft } from './type-draft.ts';

export const FORM = 'type';

export interface FieldEditorProps {
  field: FieldDraft;
  index: number;
  count: number;
  errors: FormErrors;
  onChange: (f: FieldDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** The id of a field's move or remove button (the editor gives it the focus back after a move). */
export const buttonId = (key: string, what: 'up' | 'down' | 'remove') => `field-${key}-${what}`;

export function FieldEditor({ field: f, index, count, errors, onChange, onMove, onRemove }: FieldEditorProps) {
  const place = (p: string) => `fields.${f.key}.${p}`;
  const set =
    <K extends keyof FieldDraft>(k: K) =>
    (v: FieldDraft[K]) =>
      onChange({ ...f, [k]: v });
  const common = { form: FORM, errors };
  const rules = rulesOf(f.kind);
  const name = f.label.trim() || f.code.trim() || t.field.unnamed;
  const input =
    (k: 'code' | 'label' | 'hint' | 'min' | 'max' | 'maxLength' | 'pattern' | 'patternMessage', extra: Record<string, string> = {}) =>
    (a: object) => <input {...a} {...extra} value={f[k]} onInput={typed(set(k))} />;
  return (
    <fieldset class="field-card">
      <legend>{t.field.legend(index + 1, f.label.trim())}</legend>
      <div class="grid">
        <Control {...common} place={place('code')} label={t.field.code} hint={t.field.codeHint} control={input('code', { autoComplete: 'off', spellcheck: 'false' } as Record<string, string>)} />
        <Control {...common} place={place('label')} label={t.field.label} control={input('label')} />
        <Control
          {...common}
          place={place('kind')}
          label={t.field.kind}
          control={(a) => (
            <select {...a} value={f.kind} onChange={typed((v) => set('kind')(v as FieldDraft['kind']))}>
              {fieldKinds.map((k) => (
                <option key={k} value={k}>
                  {t.field.kinds[k]}
                </option>
              ))}
            </select>
          )}
        />
        <Check {...common} place={place('required')} label={t.field.required} checked={f.required} onChange={set('required')} />
        <Control {...common} wide place={place('hint')} label={t.field.hint} control={input('hint')} />
        {rules === 'options' && (
          <Control
            {...common}
            wide
            place={place('options')}
            label={t.field.options}
            control={(a) => <textarea {...a} rows={Math.min(10, Math.max(3, f.options.split('\n').length + 1))} value={f.options} onInput={typed(set('options'))} />}
          />
        )}
        {rules === 'length' && (
          <>
            <Control {...common} place={place('maxLength')} label={t.field.maxLength} hint={t.field.maxLengthHint(defaultMaxLength(f.kind))} control={input('maxLength', { inputMode: 'numeric' })} />
            <Control {...common} place={place('pattern')} label={t.field.pattern} control={input('pattern', { spellcheck: 'false' } as Record<string, string>)} />
            <Control {...common} wide place={place('patternMessage')} label={t.field.patternMessage} control={input('patternMessage')} />
          </>
        )}
        {(rules === 'range' || rules === 'dates') && (
          <>
            <Control
              {...common}
              place={place('min')}
              label={rules === 'dates' ? t.field.dateMin : t.field.min}
              hint={rules === 'dates' ? t.field.dateHint : undefined}
              control={input('min', { inputMode: 'decimal' })}
            />
            <Control {...common} place={place('max')} label={rules === 'dates' ? t.field.dateMax : t.field.max} control={input('max', { inputMode: 'decimal' })} />
          </>
        )}
        {rules === 'none' && <p class="muted wide">{t.field.noRules}</p>}
      </div>
      <div class="field-actions">
        <button type="button" class="secondary" id={buttonId(f.key, 'up')} disabled={index === 0} aria-label={t.field.upLabel(name)} onClick={() => onMove(-1)}>
          <span aria-hidden="true">↑</span> {t.field.up}
        </button>
        <button type="button" class="secondary" id={buttonId(f.key, 'down')} disabled={index === count - 1} aria-label={t.field.downLabel(name)} onClick={() => onMove(1)}>
          <span aria-hidden="true">↓</span> {t.field.down}
        </button>
        <button type="button" class="secondary danger" id={buttonId(f.key, 'remove')} aria-label={t.field.removeLabel(name)} onClick={onRemove}>
          {t.field.remove}
        </button>
      </div>
    </fieldset>
  );
}
