// A region's queues in its detail on the wallboard: each queue's callers waiting now, the longest
// wait and its service level today (GET /api/v1/supervisor/overview, read every 15 s while open).
import { get } from '../shared/api.ts';
import { minutesSeconds, pct } from './format.ts';
import { usePolled } from './polled.ts';
import { t } from './strings.ts';

const REFRESH_MS = 15_000;

export function RegionQueues({ code }: { code: string }) {
  const { data, error } = usePolled(() => get('/api/v1/supervisor/overview', { query: { region: code } }), REFRESH_MS, code);
  const queues = data?.queues ?? null;
  if (error) return <p class="error">{error}</p>;
  if (!queues) return <p class="quiet">{t.detail.loading}</p>;
  if (!queues.length) return <p class="quiet">{t.detail.noQueues}</p>;
  // (a list, not a table: the side column is narrow, and each queue reads as a line of its own)
  return (
    <ul class="queues">
      {queues.map((q) => (
        <li key={q.id} data-queue={q.id} class={q.waiting > 0 ? 'busy' : undefined}>
          <span class="queue-title">{q.title}</span>
          <span class="queue-figures">
            {t.detail.waitingShort} <b data-figure="queue-waiting">{q.waiting}</b> · {t.detail.longest} <b data-figure="queue-longest">{minutesSeconds(q.longestWaitSeconds)}</b> · {t.detail.slShort}{' '}
            <b>{pct(q.serviceLevelToday)}</b>
          </span>
        </li>
      ))}
    </ul>
  );
}
