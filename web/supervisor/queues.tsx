// Queue tiles: waiting now, the longest wait (ticking), today's service level against the norm.
// Every colour has its words beside it, so nothing is told by colour alone.
import { longestWait, serviceLevel, waitIsLong } from './model.ts';
import { strings } from './strings.ts';
import { formatDuration, spokenDuration } from './time.ts';
import type { Norms, QueueNow } from './model.ts';

const s = strings.queues;

export function QueueTiles(props: { queues: QueueNow[]; overviewAt: string; now: number; norms: Norms | null }) {
  return (
    <section class="sv-panel sv-queues" aria-labelledby="sv-queues-h">
      <h2 id="sv-queues-h">{s.heading}</h2>
      {props.queues.length === 0 ? (
        <p class="sv-empty">{s.empty}</p>
      ) : (
        <ul class="sv-tiles">
          {props.queues.map((q) => (
            <li key={q.id}>
              <QueueTile queue={q} overviewAt={props.overviewAt} now={props.now} norms={props.norms} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function QueueTile({ queue: q, overviewAt, now, norms }: { queue: QueueNow; overviewAt: string; now: number; norms: Norms | null }) {
  const wait = longestWait(q, overviewAt, now);
  const long = q.waiting > 0 && waitIsLong(wait, norms);
  const sl = serviceLevel(q, norms);
  const titleId = `sv-q-${q.id}`;
  return (
    <section class={`sv-tile${q.waiting > 0 ? ' sv-tile--busy' : ''}${long ? ' sv-tile--late' : ''}`} aria-labelledby={titleId}>
      <h3 id={titleId} class="sv-tile__title">
        {q.title}
      </h3>
      <dl class="sv-tile__figures">
        <div class="sv-fig">
          <dt>{s.waiting}</dt>
          <dd class="sv-fig__big" data-testid="waiting" aria-label={s.waitingNow(q.waiting)}>
            {q.waiting}
          </dd>
        </div>
        <div class="sv-fig">
          <dt>{s.longestWait}</dt>
          {q.waiting > 0 ? (
            <dd>
              <span class={`sv-fig__big sv-num${long ? ' sv-late' : ''}`} data-testid="longest-wait" aria-label={spokenDuration(wait)}>
                {formatDuration(wait)}
              </span>
              {long && <span class="sv-fig__note sv-late">{s.overNorm(norms?.serviceLevelSeconds ?? 20)}</span>}
            </dd>
          ) : (
            <dd class="sv-fig__quiet" data-testid="longest-wait">
              {s.noWait}
            </dd>
          )}
        </div>
        <div class="sv-fig sv-fig--sl">
          <dt>{s.serviceLevel}</dt>
          <dd>
            <span class={`sv-sl sv-sl--${sl.status}`} data-testid="service-level">
              <span class="sv-sl__value">{sl.value}</span> {sl.label && <span class="sv-sl__label">{sl.label}</span>}
            </span>
            {sl.norm && <span class="sv-fig__note">{sl.norm}</span>}
          </dd>
        </div>
      </dl>
      <p class="sv-tile__today">{s.today(q.offeredToday, q.answeredToday, q.abandonedToday)}</p>
    </section>
  );
}
