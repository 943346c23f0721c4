// The appeal form's controls: a labelled control with its hint and the API's message next to it
// (aria-invalid, aria-describedby), and an appeal type's own field by its kind. Files are not taken
// by phone: in a file field's place a line says where the citizen can attach them.
import type { JSX } from 'preact';
import type { Answer } from '../shared/api-types.ts';
import { toggle } from './model.ts';
import { t } from './strings.ts';

export type AppealType = Answer<'/api/v1/appeal-types'>['items'][number];
export type TypeField = AppealType['fields'][number];
export type FieldValue = string | string[];

/** The element id of a path (name, values.birth_date): its hint and message hang on it. */
export const fieldId = (path: string) => `appeal-${path.replace(/[^a-z0-9_-]/gi, '-')}`;

/** Up to this many options a choice is radio buttons; more, a list. */
const RADIOS_UP_TO = 6;

export interface Around {
  path: string;
  label: string;
  hint?: string | undefined;
  optional?: boolean;
  messages: string[];
  /** across both columns of the form */
  wide?: boolean;
}

/** What a control carries: its id, what describes it, whether it is wrong. */
export function aria(o: Around) {
  const id = fieldId(o.path);
  const described = [o.hint ? `${id}-hint` : '', o.messages.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, 'aria-describedby': described || undefined, 'aria-invalid': o.messages.length ? ('true' as const) : undefined };
}

const Optional = ({ on }: { on: boolean | undefined }) => (on ? <span class="optional"> ({t.appeal.optional})</span> : null);

function Hint({ o }: { o: Around }) {
  return o.hint ? (
    <p class="hint" id={`${fieldId(o.path)}-hint`}>
      {o.hint}
    </p>
  ) : null;
}

function Messages({ o }: { o: Around }) {
  if (!o.messages.length) return null;
  return (
    <p class="field-error" id={`${fieldId(o.path)}-error`}>
      {o.messages.map((m, i) => (
        <span key={i}>
          <span class="sr-only">{t.appeal.errorPrefix} </span>
          {m}
        </span>
      ))}
    </p>
  );
}

const classes = (o: Around, base: string) => [base, o.wide ? 'wide' : '', o.messages.length ? 'has-error' : ''].filter(Boolean).join(' ');

/** A label, its hint and messages, and one control. */
export function Single(props: Around & { control: (a: ReturnType<typeof aria>) => JSX.Element }) {
  const a = aria(props);
  return (
    <div class={classes(props, 'field')}>
      <label for={a.id}>
        {props.label}
        <Optional on={props.optional} />
      </label>
      <Hint o={props} />
      <Messages o={props} />
      {props.control(a)}
    </div>
  );
}

/** Radio buttons or checkboxes under a legend; the first one carries the field's id. */
function Group(props: Around & { kind: 'radio' | 'checkbox'; options: string[]; chosen: string[]; onPick: (option: string) => void }) {
  const a = aria(props);
  return (
    <fieldset class={classes(props, 'field group')} aria-describedby={a['aria-describedby']}>
      <legend>
        {props.label}
        <Optional on={props.optional} />
      </legend>
      <Hint o={props} />
      <Messages o={props} />
      <div class="options">
        {props.options.map((opt, i) => (
          <label key={opt} class="option">
            <input
              type={props.kind}
              id={i === 0 ? a.id : `${a.id}-${i + 1}`}
              name={a.id}
              value={opt}
              checked={props.chosen.includes(opt)}
              aria-invalid={a['aria-invalid']}
              onChange={() => props.onPick(opt)}
            />{' '}
            {opt}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The local date `days` from today (YYYY-MM-DD): a date field's bounds for the picker. */
function fromToday(days: number | undefined): string | undefined {
  if (days === undefined) return undefined;
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const text = (e: Event) => (e.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value;

/** One of the type's own fields, by its kind. */
export function TypeFieldControl(props: { field: TypeField; value: FieldValue | undefined; messages: string[]; onChange: (v: FieldValue) => void }) {
  const f = props.field;
  const value = typeof props.value === 'string' ? props.value : '';
  const chosen = Array.isArray(props.value) ? props.value : value ? [value] : [];
  const o: Around = { path: `values.${f.code}`, label: f.label, hint: f.hint, optional: !f.required, messages: props.messages };
  const set = (e: Event) => props.onChange(text(e));
  switch (f.kind) {
    case 'text':
      return <Single {...o} control={(a) => <input {...a} type="text" value={value} maxLength={f.maxLength ?? 300} onInput={set} />} />;
    case 'long_text':
      return <Single {...o} wide control={(a) => <textarea {...a} rows={3} value={value} maxLength={f.maxLength ?? 4000} onInput={set} />} />;
    case 'choice':
      if (f.options!.length <= RADIOS_UP_TO) return <Group {...o} kind="radio" options={f.options!} chosen={chosen} onPick={(x) => props.onChange(x)} />;
      return (
        <Single
          {...o}
          control={(a) => (
            <select {...a} value={value} onChange={set}>
              <option value="">{t.appeal.choose}</option>
              {f.options!.map((x) => (
                <option key={x}>{x}</option>
              ))}
            </select>
          )}
        />
      );
    case 'multi_choice':
      return <Group {...o} wide kind="checkbox" options={f.options!} chosen={chosen} onPick={(x) => props.onChange(toggle(chosen, x))} />;
    case 'date':
      return <Single {...o} control={(a) => <input {...a} type="date" value={value} min={fromToday(f.min)} max={fromToday(f.max)} onInput={set} />} />;
    case 'number':
      // (a text box: a type=number box drops what is not a number without a word, and the API says what is wrong)
      return <Single {...o} control={(a) => <input {...a} type="text" inputMode="decimal" value={value} onInput={set} />} />;
    case 'phone':
      return <Single {...o} control={(a) => <input {...a} type="tel" value={value} maxLength={40} onInput={set} />} />;
    case 'email':
      return <Single {...o} control={(a) => <input {...a} type="email" value={value} maxLength={254} spellcheck={false} onInput={set} />} />;
    case 'file':
      return (
        <p class="field wide files">
          {f.label}: {t.appeal.files}
        </p>
      );
  }
}
