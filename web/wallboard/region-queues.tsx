// A region's queues in its detail on the wallboard: each queue's callers waiting now, the longest
// wait and its service level today (GET /api/v1/supervisor/overview, read every 15 s while open).
import { useEffect, useState } from 'preact/hooks';
import { get } from '../shared/api.ts';
import type { Schema } from '../shared/api-types.ts';
import { t } from './strings.ts';

type Queue = Schema<'RegionOverview'>['queues'][number];
const REFRESH_MS = 15_000;

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
const wait = (s: number) => (s <= 0 ? '—' : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);

export function RegionQueues({ code }: { code: string }) {
  const [queues, setQueues] = useState<Queue[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    setQueues(null);
    const read = () =>
      void get('/api/v1/supervisor/overview', { query: { region: code } }).then((x) => {
        if (!live) return;
        if (!x.ok) return setError(x.message);
        setError('');
        setQueues(x.body.queues);
      });
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [code]);
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
            {t.detail.waitingShort} <b data-figure="queue-waiting">{q.waiting}</b> · {t.detail.longest} <b data-figure="queue-longest">{wait(q.longestWaitSeconds)}</b> · {t.detail.slShort}{' '}
            <b>{pct(q.serviceLevelToday)}</b>
          </span>
        </li>
      ))}
    </ul>
  );
}
