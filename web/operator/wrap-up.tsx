// Wrap-up: the call's topics (knowledge sections and the IVR topic), its outcome and a note, with
// the time spent on it so far. Ctrl+Enter submits. An appeal registered during the call (or during
// the wrap-up) makes «Нужно обращение» the outcome, unless the operator chose one, and puts its
// number into the note.
import { useEffect, useRef, useState } from 'preact/hooks';
import { duration, secondsSince, toggle, withAppealNumbers } from './model.ts';
import { t } from './strings.ts';
import type { Used } from './answers.tsx';
import type { RequestOf } from '../shared/api-types.ts';

export type WrapUpValue = NonNullable<RequestOf<'/api/v1/agent/calls/{callId}/wrap-up', 'post'>['body']>;

const OUTCOMES: WrapUpValue['outcome'][] = ['answered', 'appeal_needed', 'transferred', 'callback', 'dropped'];

export function WrapUpForm(props: {
  sections: string[];
  initialTopics: string[];
  used: Used[];
  /** the numbers of the appeals registered during the call */
  appeals: string[];
  endedAt: string | null;
  now: number;
  /** the server out of reach: nothing can be sent */
  lost?: boolean;
  onSubmit: (w: WrapUpValue) => Promise<string | null>;
}) {
  const [topics, setTopics] = useState<string[]>(props.initialTopics);
  // (never guessed from the answers used: the operator says what came of the call; an appeal
  // registered is a fact, and makes «Нужно обращение» the outcome until they choose another)
  const [outcome, setOutcome] = useState<WrapUpValue['outcome'] | ''>(props.appeals.length ? 'appeal_needed' : '');
  const [note, setNote] = useState(withAppealNumbers('', props.appeals));
  const chosenByHand = useRef(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const options = [...new Set([...props.initialTopics, ...props.sections])];
  const form = useRef<HTMLFormElement>(null);
  // an appeal registered during the wrap-up: the same as one registered before it
  useEffect(() => {
    if (!props.appeals.length) return;
    if (!chosenByHand.current) setOutcome('appeal_needed');
    setNote((n) => withAppealNumbers(n, props.appeals));
    // (a refusal to wrap up while the appeal's form was open is over)
    setError('');
  }, [props.appeals.join(' ')]);

  const submit = async () => {
    // (a choice made a moment before Ctrl+Enter may not have re-rendered yet: the form itself knows it)
    const chosen = outcome || (form.current?.querySelector<HTMLInputElement>('input[name=outcome]:checked')?.value as WrapUpValue['outcome'] | undefined);
    if (!chosen) {
      form.current?.querySelector<HTMLInputElement>('input[name=outcome]')?.focus();
      return setError(t.needOutcome);
    }
    if (props.lost) return;
    setBusy(true);
    const failed = await props.onSubmit({ outcome: chosen, topics, answersUsed: props.used.map((u) => u.slug), ...(note.trim() ? { note: note.trim() } : {}) });
    setBusy(false);
    if (failed) setError(failed);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void submit();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  return (
    <form
      ref={form}
      class="card wrapup"
      aria-label={t.wrapUp}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div class="call-head">
        <h2>{t.wrapUp}</h2>
        <span class="timer" aria-label={t.wrapTimer}>
          {t.wrapTimer}: {duration(secondsSince(props.endedAt, props.now))}
        </span>
      </div>
      <fieldset aria-describedby={error === t.needOutcome ? 'wrapup-error' : undefined}>
        <legend>{t.outcome}</legend>
        <div class="choices">
          {OUTCOMES.map((o, i) => (
            <label key={o} class={outcome === o ? 'chosen' : ''}>
              <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => ((chosenByHand.current = true), setOutcome(o), setError(''))} autoFocus={i === 0 && !outcome} />
              {t.outcomes[o]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t.topics}</legend>
        <div class="choices topics">
          {options.map((s) => (
            <label key={s} class={topics.includes(s) ? 'chosen' : ''}>
              <input type="checkbox" checked={topics.includes(s)} onChange={() => setTopics((x) => toggle(x, s))} />
              {s}
            </label>
          ))}
        </div>
      </fieldset>
      {props.used.length > 0 && (
        <p>
          <strong>{t.used}:</strong> {props.used.map((u) => u.title).join('; ')}
        </p>
      )}
      <label class="note">
        {t.note}
        <textarea rows={2} maxLength={2000} value={note} placeholder={t.notePlaceholder} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      </label>
      {error && (
        <p class="error" role="alert" id="wrapup-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || props.lost}>
        {t.submit} <kbd>Ctrl+Enter</kbd>
      </button>
    </form>
  );
}
