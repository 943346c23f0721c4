// Recent calls of the region: time, region, masked number, queue, state, operator, outcome.
import { queueName, ru } from '../shared/codes-ru.ts';
import { strings } from './strings.ts';
import { callTime, formatDuration, secondsSince } from './time.ts';
import type { Agent, Call, QueueNow } from './model.ts';

const s = strings.calls;

export function RecentCalls(props: { calls: Call[]; queues: QueueNow[]; agents: Agent[]; region: string; now: number; timeZone?: string }) {
  const queueTitle = new Map(props.queues.map((q) => [q.id, q.title]));
  const operatorName = new Map(props.agents.map((a) => [a.userId, a.displayName]));
  return (
    <section class="sv-panel sv-calls" aria-labelledby="sv-calls-h">
      <h2 id="sv-calls-h">{s.heading}</h2>
      {props.calls.length === 0 ? (
        <p class="sv-empty">{s.empty}</p>
      ) : (
        <div class="sv-scroll">
          <table class="sv-table" aria-labelledby="sv-calls-h">
            <thead>
              <tr>
                <th scope="col">{s.time}</th>
                <th scope="col">{s.region}</th>
                <th scope="col">{s.caller}</th>
                <th scope="col">{s.queue}</th>
                <th scope="col">{s.state}</th>
                <th scope="col">{s.wait}</th>
                <th scope="col">{s.operator}</th>
                <th scope="col">{s.outcome}</th>
              </tr>
            </thead>
            <tbody>
              {props.calls.map((c) => (
                <tr key={c.callId}>
                  <td class="sv-num">{callTime(c.offeredAt, props.now, props.timeZone)}</td>
                  <td>
                    {c.region ?? '—'}
                    {c.overflowed && c.region !== props.region && <span class="sv-sub">{s.overflowed}</span>}
                  </td>
                  <td class="sv-mono sv-nowrap">{c.callerMasked ?? s.hidden}</td>
                  <td>{c.queue ? (queueTitle.get(c.queue.id) ?? queueName(c.queue)) : '—'}</td>
                  <td>
                    <span class={`sv-badge sv-call--${c.state}`}>{strings.callState[c.state]}</span>
                    {c.callback && <span class="sv-sub">{s.callback}</span>}
                  </td>
                  <td class="sv-num">{waitText(c, props.now)}</td>
                  <td>{c.operator ? (operatorName.get(c.operator.id) ?? c.operator.username ?? '—') : '—'}</td>
                  <td>{outcomeText(c)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function outcomeText(c: Call): string {
  if (c.outcome) return ru(strings.outcome, c.outcome);
  if (c.closeReason) return ru(strings.closeReason, c.closeReason);
  return '—';
}

/** How long the caller waited; for a caller still waiting, how long so far (ticking). */
function waitText(c: Call, now: number): string {
  const since = c.queuedAt ?? c.offeredAt;
  if ((c.state === 'waiting' || c.state === 'callback_pending') && since) return formatDuration(secondsSince(since, now));
  return c.waitSeconds === null ? '—' : formatDuration(c.waitSeconds);
}
