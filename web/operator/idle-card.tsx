// The idle screen: the operator's state and what to do, their own figures today (calls answered,
// average talk time) and their region's queue now (callers waiting, the longest wait), read again
// every 15 s and after each call.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../shared/api.ts';
import type { Answer } from '../shared/api-types.ts';
import type { AgentStateCode } from '../shared/codes-ru.ts';
import { duration } from './model.ts';
import { t } from './strings.ts';
import { TestCall } from './test-call.tsx';

const EVERY_MS = 15_000;

type Today = Answer<'/api/v1/agent/today'>;

export function IdleCard({ state, calls }: { state: AgentStateCode; /** changes after each call: the figures are read again (and when the state changes) */ calls: number }) {
  const [today, setToday] = useState<Today | null>(null);
  useEffect(() => {
    const read = () => void get('/api/v1/agent/today').then((r) => r.ok && setToday(r.body));
    read();
    const timer = setInterval(read, EVERY_MS);
    return () => clearInterval(timer);
  }, [calls, state]);
  return (
    <section class="card idle">
      <h2>{state === 'ready' ? t.waiting : t.states[state]}</h2>
      <p class="muted">{state === 'ready' ? t.waitingHint : state === 'break' ? t.breakHint : t.offlineHint}</p>
      {today && (
        <div class="figures">
          <dl>
            <dt>{t.today.title}</dt>
            <dd>{t.today.answered(today.answered)}</dd>
            <dd>
              {t.today.averageTalk}: {today.averageTalkSeconds === null ? '—' : duration(today.averageTalkSeconds)}
            </dd>
          </dl>
          <dl>
            <dt>{t.today.queue}</dt>
            <dd>{t.today.waiting(today.queue.waiting)}</dd>
            {today.queue.waiting > 0 && (
              <dd>
                {t.today.longest}: {duration(today.queue.longestWaitSeconds)}
              </dd>
            )}
          </dl>
        </div>
      )}
      <TestCall ready={state === 'ready'} />
    </section>
  );
}
