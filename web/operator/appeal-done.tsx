// The appeal registered: its number and secret code in large type, to be read out to the caller
// and read again (the API shows the code this once), who answers it and by when. It stays until the
// operator closes it or the call's wrap-up is taken. A duplicate says so and gives the first number
// (and its code, when the API gives it again: the same appeal sent again within minutes).
import { useEffect, useRef } from 'preact/hooks';
import type { Filed } from './appeal-form.tsx';
import { t } from './strings.ts';

/** "2026-04-09" → "9 апреля 2026 г." */
const longDate = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "K7M2PQ9X" → two groups of four, easier to dictate and to check. */
const groups = (code: string) => code.match(/.{1,4}/g) ?? [code];

export function AppealDone(props: { filed: Filed; onClose: () => void }) {
  const f = props.filed;
  const title = useRef<HTMLHeadingElement>(null);
  // (the heading, not the button, takes the focus: an Enter pressed out of habit does not close it)
  useEffect(() => title.current?.focus(), [f.number]);
  return (
    <section class={`card appeal-done${f.duplicate ? ' duplicate' : ''}`} aria-labelledby="appeal-done-title">
      <h2 id="appeal-done-title" ref={title} tabIndex={-1}>
        {f.duplicate ? t.appeal.duplicate : t.appeal.filed}
      </h2>
      <dl class="appeal-ids">
        <div>
          <dt>{t.appeal.number}</dt>
          <dd class="big">{f.number}</dd>
        </div>
        {f.code && (
          <div>
            <dt>{t.appeal.code}</dt>
            <dd class="big code">
              {groups(f.code).map((g, i) => (
                <span key={i}>{g}</span>
              ))}
            </dd>
          </div>
        )}
      </dl>
      {f.duplicate && <p>{f.code ? t.appeal.duplicateAgain : t.appeal.duplicateHint}</p>}
      {f.code && (
        <ol class="read-out">
          <li>{t.appeal.readOut}</li>
          <li>
            <strong>{t.appeal.readAgain}</strong>: {t.appeal.readAgainHint}
          </li>
          <li>{t.appeal.codeOnce}</li>
        </ol>
      )}
      <dl class="facts">
        <div>
          <dt>{t.appeal.organisation}</dt>
          <dd>{f.organisation.name}</dd>
        </div>
        <div>
          <dt>{t.appeal.answerBy}</dt>
          <dd>{longDate(f.answerBy)}</dd>
        </div>
      </dl>
      <p class="muted">{t.appeal.status}</p>
      <div class="actions">
        <button type="button" onClick={props.onClose}>
          {f.code ? t.appeal.close : t.appeal.closeDuplicate}
        </button>
      </div>
    </section>
  );
}
