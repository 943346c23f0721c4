// The workstation's bar: the seat's state (announced when it changes; the ticking time beside it
// is not), ready / break / offline, and whether the live feed is connected.
import { ru } from '../shared/codes-ru.ts';
import type { LiveState } from '../shared/live.ts';
import { duration, secondsSince, type Agent } from './model.ts';
import { t } from './strings.ts';

export function SeatBar(props: {
  agent: Agent | null;
  now: number;
  /** a call is on screen: "ready" then only cancels a break asked for after it */
  onCall: boolean;
  /** the buttons wait: a request in flight, or the server out of reach */
  disabled: boolean;
  micBlocked: boolean;
  live: LiveState;
  onReady: () => void;
  onBreak: () => void;
  onOffline: () => void;
}) {
  const { agent } = props;
  const state = agent?.state ?? 'offline';
  return (
    <>
      <span class={`state state-${state}`}>
        <span role="status">
          {t.states[state] ?? state}
          {state === 'break' && agent?.reason ? ` (${ru(t.breaks, agent.reason)})` : ''}
          {agent?.breakAfter ? ` · ${t.breakAfter}${agent.breakAfter === 'break' ? '' : ` (${ru(t.breaks, agent.breakAfter)})`}` : ''}
        </span>{' '}
        · <span class="timer">{duration(secondsSince(agent?.since, props.now))}</span>
      </span>
      <button
        type="button"
        onClick={props.onReady}
        disabled={props.disabled || (props.onCall ? !agent?.breakAfter : state === 'ready' || props.micBlocked)}
        title={props.micBlocked ? t.phone.notReady : undefined}
      >
        {t.goReady} <kbd>F2</kbd>
      </button>
      <button type="button" class="secondary" onClick={props.onBreak} disabled={props.disabled || state === 'break' || !!agent?.breakAfter}>
        {t.goBreak} <kbd>F3</kbd>
      </button>
      <button type="button" class="secondary" onClick={props.onOffline} disabled={props.disabled || state === 'offline' || props.onCall}>
        {t.goOffline}
      </button>
      <span class={props.live === 'open' ? 'muted' : 'offline'}>{t.live[props.live]}</span>
    </>
  );
}
