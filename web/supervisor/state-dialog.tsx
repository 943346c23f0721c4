// Changing an operator's state: a modal dialog (focus kept inside, Esc cancels) where the
// supervisor picks the state, a reason for a break, and confirms; a refusal is shown in words.
import { useEffect, useRef, useState } from 'preact/hooks';
import { changeOptions, stateText } from './model.ts';
import { strings } from './strings.ts';
import { formatDuration, secondsSince } from './time.ts';
import type { Agent, SettableState } from './model.ts';

const s = strings.change;

export function StateDialog(props: { agent: Agent; now: number; onCancel: () => void; onSubmit: (state: SettableState, reason?: string) => Promise<string | null> }) {
  const a = props.agent;
  const options = changeOptions(a);
  const ref = useRef<HTMLDialogElement>(null);
  const [choice, setChoice] = useState<SettableState | null>(null);
  const [reason, setReason] = useState<string>(s.reasons[0]!);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!choice || busy) return;
    setBusy(true);
    setError(null);
    const failure = await props.onSubmit(choice, choice === 'break' ? reason : undefined);
    setBusy(false);
    if (failure) setError(failure);
  };

  const choiceText = choice ? strings.setState[choice] : '';
  return (
    <dialog
      ref={ref}
      class="sv-dialog"
      aria-labelledby="sv-dlg-h"
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <form onSubmit={submit}>
        <h2 id="sv-dlg-h">{s.title(a.displayName)}</h2>
        <p>{s.current(stateText(a), formatDuration(secondsSince(a.since, props.now)))}</p>
        {options.note && <p class="sv-note">{options.note}</p>}
        <fieldset disabled={busy || options.allowed.length === 0}>
          <legend>{s.choose}</legend>
          {(['ready', 'break', 'offline'] as const).map((st) => (
            <label key={st} class={`sv-choice${options.allowed.includes(st) ? '' : ' sv-choice--off'}`}>
              <input type="radio" name="state" value={st} checked={choice === st} disabled={!options.allowed.includes(st)} onChange={() => setChoice(st)} />
              {strings.setState[st]}
            </label>
          ))}
          {choice === 'break' && (
            <label class="sv-field">
              {s.reason}
              <select value={reason} onChange={(e) => setReason((e.target as HTMLSelectElement).value)}>
                {s.reasons.map((r) => (
                  <option key={r} value={r}>
                    {strings.breakReason(r)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </fieldset>
        {choice && <p class="sv-confirm">{s.confirm(a.displayName, choice === 'break' ? `${choiceText} (${strings.breakReason(reason)})` : choiceText)}</p>}
        {error && (
          <div class="sv-error" role="alert">
            <strong>{s.errorTitle}.</strong> {error}
          </div>
        )}
        <div class="sv-dialog__buttons">
          <button type="submit" class="sv-button sv-button--primary" disabled={!choice || busy || !options.allowed.includes(choice)}>
            {busy ? s.saving : s.submit}
          </button>
          <button type="button" class="sv-button" onClick={props.onCancel}>
            {s.cancel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
