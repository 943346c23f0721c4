// The forms' pieces: a labelled control with its hint and the API's messages next to it
// (aria-invalid, aria-describedby), a checkbox, and the summary of a refused save whose lines take
// the keyboard to the control concerned.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { messagesAt, type FormErrors } from './problems.ts';
import { t } from './strings.ts';

/** A control's element id: the form's prefix and the place (fields.k3.options → org-fields-k3-options). */
export const controlId = (form: string, place: string) => `${form}-${place.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

export interface ControlProps {
  form: string;
  place: string;
  label: string;
  hint?: string | undefined;
  errors: FormErrors;
  wide?: boolean;
}

export interface ControlAria {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
}

function Messages({ id, messages }: { id: string; messages: string[] }) {
  if (!messages.length) return null;
  return (
    <p class="field-error" id={`${id}-error`}>
      {messages.map((m, i) => (
        <span key={i}>
          <span class="sr-only">{t.errorPrefix} </span>
          {m}{' '}
        </span>
      ))}
    </p>
  );
}

function ariaOf(id: string, hint: string | undefined, messages: string[]): ControlAria {
  const described = [hint ? `${id}-hint` : '', messages.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, ...(described ? { 'aria-describedby': described } : {}), ...(messages.length ? { 'aria-invalid': 'true' as const } : {}) };
}

/** A label over one control, its hint and the messages about it. */
export function Control(p: ControlProps & { control: (a: ControlAria) => JSX.Element }) {
  const id = controlId(p.form, p.place);
  const messages = messagesAt(p.errors, p.place);
  return (
    <div class={['control', p.wide ? 'wide' : '', messages.length ? 'has-error' : ''].filter(Boolean).join(' ')}>
      <label for={id}>{p.label}</label>
      {p.hint && (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      <Messages id={id} messages={messages} />
      {p.control(ariaOf(id, p.hint, messages))}
    </div>
  );
}

/** A checkbox with its label after it, and the messages about it. */
export function Check(p: ControlProps & { checked: boolean; onChange: (v: boolean) => void }) {
  const id = controlId(p.form, p.place);
  const messages = messagesAt(p.errors, p.place);
  return (
    <div class={['control', 'check', p.wide ? 'wide' : '', messages.length ? 'has-error' : ''].filter(Boolean).join(' ')}>
      <input type="checkbox" {...ariaOf(id, p.hint, messages)} checked={p.checked} onChange={(e) => p.onChange((e.target as HTMLInputElement).checked)} />
      <label for={id}>{p.label}</label>
      <Messages id={id} messages={messages} />
    </div>
  );
}

/** A text input's handler: the value as typed. */
export const typed = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value);

/**
 * What a refused save says: a sentence for the whole, and each message with the control's label
 * (a button takes the keyboard there). Focused when it appears, so a screen reader reads it.
 */
export function ErrorSummary({ form, errors, labelOf }: { form: string; errors: FormErrors; labelOf: (place: string) => string }) {
  const ref = useRef<HTMLDivElement>(null);
  const count = [...errors.at.values()].reduce((n, m) => n + m.length, 0);
  useEffect(() => {
    if (count || errors.general) ref.current?.focus();
  }, [errors]);
  if (!count && !errors.general) return null;
  return (
    <div class="error summary" role="alert" tabIndex={-1} ref={ref}>
      {errors.general ?? t.notSaved(count)}
      {count > 0 && (
        <ul>
          {[...errors.at].map(([place, messages]) => (
            <li key={place}>
              <button type="button" class="link" aria-label={t.goToField(labelOf(place))} onClick={() => focusControl(form, place)}>
                {labelOf(place)}
              </button>
              : {messages.join(' ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The control of a place, or the nearest one around it (options.2 → options). */
export function focusControl(form: string, place: string): void {
  for (let p = place; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const el = document.getElementById(controlId(form, p));
    if (el) {
      el.focus();
      return;
    }
  }
}

/** A card with a heading that takes the focus when it opens (an editor opened from a list). */
export function Panel({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section class="card panel" id={id} aria-labelledby={`${id ?? 'panel'}-title`}>
      <h2 id={`${id ?? 'panel'}-title`} tabIndex={-1} ref={ref}>
        {title}
      </h2>
      {children}
    </section>
  );
}
