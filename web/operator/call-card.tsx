// The call: who rings (region, masked number, IVR topic), how long they waited or have talked,
// and what they called about before.
import { ru } from '../shared/codes-ru.ts';
import { t } from './strings.ts';
import { duration, secondsSince, shortDate, type Call, type PreviousCall } from './model.ts';
import { RingCountdown } from './ring-countdown.tsx';

/** The most recent previous calls shown; the card must leave room for the answers. */
const SHOWN = 5;

export function CallCard(props: {
  call: Call;
  regionName: string;
  previous: PreviousCall[] | null;
  now: number;
  onAnswer: () => void;
  onHangup: () => void;
  onTransfer: () => void;
  onAppeal: () => void;
  busy: boolean;
}) {
  const c = props.call;
  const ringing = c.state === 'ringing';
  const talking = c.state === 'talking';
  const wrapping = c.state === 'wrap_up' || c.state === 'ended';
  return (
    <section class={`card call ${c.state}`} aria-label={t.incoming} data-call-id={c.callId}>
      <div role="status" aria-live="assertive" class="call-head">
        <h2>{ringing ? t.incoming : talking ? t.talkTime : t.callEnded}</h2>
        {(c.callback || c.overflowed) && <span class="tag">{c.callback ? t.callback : t.overflow}</span>}
        {/* (rung again after someone answered it: a colleague passed it on) */}
        {ringing && c.answeredAt && <span class="tag">{t.passedOn}</span>}
      </div>
      {ringing && <RingCountdown key={`${c.callId}-${c.ringingAt}`} callId={c.callId} now={props.now} />}
      <dl class="facts">
        <div>
          <dt>{t.region}</dt>
          <dd>
            {c.region} {props.regionName}
          </dd>
        </div>
        <div>
          <dt>{t.number}</dt>
          <dd class="number">{c.callerMasked ?? '—'}</dd>
        </div>
        <div>
          <dt>{t.topic}</dt>
          <dd>{c.topic ?? t.noTopic}</dd>
        </div>
        <div>
          <dt>{talking ? t.talkTime : t.waited}</dt>
          <dd class="timer">
            {talking
              ? duration(secondsSince(c.answeredAt, props.now))
              : duration(((c.answeredAt ? Date.parse(c.answeredAt) : props.now) - Date.parse(c.queuedAt ?? c.offeredAt ?? new Date(props.now).toISOString())) / 1000)}
          </dd>
        </div>
      </dl>
      {/* during wrap-up the form needs the room; the previous calls were seen while talking */}
      {(ringing || talking) && (
        <h3>
          {t.previous}
          {props.previous?.length ? `: ${props.previous.length}` : ''}
        </h3>
      )}
      {!(ringing || talking) ? null : props.previous === null ? (
        <p class="muted">…</p>
      ) : props.previous.length === 0 ? (
        <p class="muted">{t.noPrevious}</p>
      ) : (
        <ul class="previous">
          {props.previous.slice(0, SHOWN).map((p) => (
            <li key={p.callId}>
              {shortDate(p.offeredAt)} — {[...new Set([...(p.topic ? [p.topic] : []), ...p.topics])].join(', ') || t.noTopic}
              {p.outcome ? ` (${ru(t.outcomes, p.outcome)})` : t.previousStates[p.state] ? ` (${t.previousStates[p.state]})` : ''}
            </li>
          ))}
          {props.previous.length > SHOWN && <li class="muted">{t.olderCalls(props.previous.length - SHOWN)}</li>}
        </ul>
      )}
      <div class="actions">
        {ringing && (
          <button type="button" onClick={props.onAnswer} disabled={props.busy}>
            {t.answer} <kbd>F4</kbd>
          </button>
        )}
        {talking && (
          <button type="button" class="secondary" onClick={props.onHangup} disabled={props.busy}>
            {t.hangup} <kbd>F8</kbd>
          </button>
        )}
        {talking && (
          <button type="button" class="secondary" onClick={props.onTransfer} disabled={props.busy}>
            {t.transfer.button} <kbd>F9</kbd>
          </button>
        )}
        {(talking || wrapping) && (
          <button type="button" class="secondary" onClick={props.onAppeal}>
            {t.appeal.button} <kbd>F10</kbd>
          </button>
        )}
      </div>
    </section>
  );
}
