// A form's pieces: a labelled control with its hint and the API's messages next to it
// (aria-invalid, aria-describedby), and the summary of a refused save whose lines take the
// keyboard to the control concerned. Controls are named <form>-<place>.
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from './strings.ts';

export const controlId = (form: string, place: string) => `${form}-${place.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

export interface ControlAria {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
}

export function Control(p: { form: string; place: string; label: string; hint?: string; messages: string[]; wide?: boolean; control: (a: ControlAria) => JSX.Element }) {
  const id = controlId(p.form, p.place);
  const described = [p.hint ? `${id}-hint` : '', p.messages.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria: ControlAria = { id, ...(described ? { 'aria-describedby': described } : {}), ...(p.messages.length ? { 'aria-invalid': 'true' as const } : {}) };
  return (
    <div class={['control', p.wide ? 'wide' : '', p.messages.length ? 'has-error' : ''].filter(Boolean).join(' ')}>
      <label for={id}>{p.label}</label>
      {p.hint && (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      {p.messages.length > 0 && (
        <p class="field-error" id={`${id}-error`}>
          <span class="sr-only">{t.errorPrefix} </span>
          {p.messages.join(' ')}
        </p>
      )}
      {p.control(aria)}
    </div>
  );
}

/** A text control's handler: the value as typed. */
export const typed = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value);

/** The control of a place, or the nearest one around it (eligibility.all.1 → eligibility). */
export function focusControl(form: string, place: string): void {
  for (let p = place; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const el = document.getElementById(controlId(form, p));
    if (el) {
      el.focus();
      return;
    }
  }
}

/** A refused save: a sentence for the whole and each message as a button to its control; focused when it appears. */
export function ErrorSummary({ form, general, at, labelOf }: { form: string; general: string | null; at: Map<string, string[]>; labelOf: (place: string) => string }) {
  const ref = useRef<HTMLDivElement>(null);
  const count = [...at.values()].reduce((n, m) => n + m.length, 0);
  useEffect(() => {
    if (count || general) ref.current?.focus();
  }, [at, general]);
  if (!count && !general) return null;
  return (
    <div class="error summary" role="alert" tabIndex={-1} ref={ref}>
      {general ?? t.editor.notSaved(count)}
      {count > 0 && (
        <ul>
          {[...at].map(([place, messages]) => (
            <li key={place}>
              <button type="button" class="link" aria-label={t.editor.goToField(labelOf(place))} onClick={() => focusControl(form, place)}>
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

/** Someone saved meanwhile: what happened, and the latest version offered (reloading drops the unsaved edit). */
export function ConflictNotice({ message, reload }: { message: string; reload: () => void }) {
  return (
    <div class="error" role="alert">
      <p>{message}</p>
      <button type="button" onClick={reload}>
        {t.editor.reload}
      </button>
    </div>
  );
}

/** The form's save button (saving… while busy), its keys and the last save's notice. */
export function SaveActions({ busy, label, notice }: { busy: boolean; label: string; notice: string | null }) {
  return (
    <div class="actions">
      <button type="submit" disabled={busy}>
        {busy ? t.editor.saving : label}
      </button>
      <span class="muted small">{t.editor.keys}</span>
      {notice && (
        <span class="notice" role="status">
          {notice}
        </span>
      )}
    </div>
  );
}
