// Operators by state with the time in that state (ticking); columns sort by a press on their
// header (keyboard too); each row has the button that opens the state change.
import { countByState, sortAgents, stateText, type Sort, type SortKey } from './model.ts';
import { strings } from './strings.ts';
import { formatDuration, secondsSince, spokenDuration } from './time.ts';
import type { Agent, Call } from './model.ts';

const s = strings.operators;

export function OperatorsTable(props: { agents: Agent[]; calls: Call[]; now: number; sort: Sort; onSort: (key: SortKey) => void; onChange: (agent: Agent) => void }) {
  const rows = sortAgents(props.agents, props.sort);
  const counts = countByState(props.agents);
  const grouped = props.sort.key === 'state';
  const callsById = new Map(props.calls.map((c) => [c.callId, c]));
  return (
    <section class="sv-panel sv-operators" aria-labelledby="sv-ops-h">
      <div class="sv-panel__head">
        <h2 id="sv-ops-h">{s.heading}</h2>
        {counts.length > 0 && (
          <p class="sv-counts" aria-label={s.summary(counts.map((c) => `${strings.agentState[c.state]} ${c.count}`).join(', '))}>
            {counts.map((c) => (
              <span key={c.state} class={`sv-badge sv-state--${c.state}`}>
                {strings.agentState[c.state]} <b>{c.count}</b>
              </span>
            ))}
          </p>
        )}
      </div>
      {rows.length === 0 ? (
        <p class="sv-empty">{s.empty}</p>
      ) : (
        <div class="sv-scroll">
          <table class="sv-table" aria-labelledby="sv-ops-h">
            <thead>
              <tr>
                <SortHeader label={s.name} column="name" sort={props.sort} onSort={props.onSort} />
                <SortHeader label={s.state} column="state" sort={props.sort} onSort={props.onSort} />
                <SortHeader label={s.timeInState} column="time" sort={props.sort} onSort={props.onSort} />
                <th scope="col">{s.call}</th>
                <th scope="col">
                  <span class="sv-visually-hidden">{s.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a, i) => {
                const groupStart = grouped && (i === 0 || rows[i - 1]!.state !== a.state);
                return [
                  groupStart ? (
                    <tr key={`g-${a.state}`} class="sv-group">
                      <th scope="colgroup" colSpan={5}>
                        {strings.agentState[a.state]} · {counts.find((c) => c.state === a.state)?.count ?? 0}
                      </th>
                    </tr>
                  ) : null,
                  <OperatorRow key={a.userId} agent={a} call={a.callId ? callsById.get(a.callId) : undefined} now={props.now} onChange={props.onChange} />,
                ];
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SortHeader(props: { label: string; column: SortKey; sort: Sort; onSort: (key: SortKey) => void }) {
  const active = props.sort.key === props.column;
  const sorted = active ? (props.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={sorted}>
      <button type="button" class="sv-sort" onClick={() => props.onSort(props.column)} title={s.sortBy(props.label)}>
        {props.label}
        <span aria-hidden="true" class="sv-sort__mark">
          {active ? (props.sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

function OperatorRow({ agent: a, call, now, onChange }: { agent: Agent; call: Call | undefined; now: number; onChange: (agent: Agent) => void }) {
  const inState = secondsSince(a.since, now);
  return (
    <tr>
      <th scope="row" class="sv-name">
        {a.displayName}
        {a.displayName !== a.username && <span class="sv-sub">{a.username}</span>}
      </th>
      <td>
        <span class={`sv-badge sv-state--${a.state}`} data-testid="state">
          {stateText(a)}
        </span>
        {a.breakAfter && <span class="sv-sub">{s.breakAfter(strings.breakReason(a.breakAfter))}</span>}
      </td>
      <td class="sv-num" aria-label={spokenDuration(inState)}>
        {formatDuration(inState)}
      </td>
      <td class="sv-call">
        {!a.callId ? (
          '—'
        ) : call?.callerMasked ? (
          <span class="sv-mono" title={a.callId}>
            {call.callerMasked}
          </span>
        ) : (
          <span class="sv-mono sv-ellipsis" title={a.callId}>
            {a.callId}
          </span>
        )}
        {call?.topic && <span class="sv-sub">{call.topic}</span>}
      </td>
      <td class="sv-actions">
        <button type="button" class="sv-button sv-button--small" onClick={() => onChange(a)} aria-label={s.changeFor(a.displayName)}>
          {s.change}
        </button>
      </td>
    </tr>
  );
}
