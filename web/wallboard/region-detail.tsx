// A region's detail on the wallboard, opened from its tile: its calls today (live, from the board's
// own figures, and by 15 minutes beside a week before), its queues now, its open alerts, and its
// citizens' appeals now — open, overdue and the overdue share. Counts only: a
// coordinator never sees an appeal's content here.
import { useEffect, useRef } from 'preact/hooks';
import { get } from '../shared/api.ts';
import type { Schema } from '../shared/api-types.ts';
import { Curve } from './curve.tsx';
import { number, pct, seconds } from './format.ts';
import { usePolled } from './polled.ts';
import { RegionQueues } from './region-queues.tsx';
import { t } from './strings.ts';

type RegionFigures = Schema<'RegionFigures'>;

/** The appeals' figures change slowly: read again this often while the detail is open. */
const REFRESH_MS = 60_000;

function Row({ label, value, figure, bad }: { label: string; value: string; figure?: string; bad?: boolean }) {
  return (
    <div class={bad ? 'row bad' : 'row'}>
      <dt>{label}</dt>
      <dd data-figure={figure}>{value}</dd>
    </div>
  );
}

export function RegionDetail({ r, alerts, onClose }: { r: RegionFigures; alerts: { id: number; text: string }[]; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { data: appeals, error } = usePolled(() => get('/api/v1/monitoring/regions/{code}/appeals', { path: { code: r.code } }), REFRESH_MS, r.code);
  useEffect(() => {
    heading.current?.focus();
    const key = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    addEventListener('keydown', key);
    return () => removeEventListener('keydown', key);
  }, [r.code, onClose]);
  return (
    <section class="detail" aria-labelledby="detail-title" data-region={r.code}>
      <header>
        <h2 id="detail-title" tabIndex={-1} ref={heading}>
          <span class="code">{r.code}</span> {r.name}
        </h2>
        <button type="button" class="close" onClick={onClose}>
          {t.detail.close}
        </button>
      </header>
      <h3>{t.detail.callsToday(r.localDate.split('-').reverse().join('.'))}</h3>
      <dl>
        <Row label={t.detail.offered} value={number(r.offeredToday)} />
        <Row label={t.detail.answered} value={number(r.answeredToday)} />
        <Row label={t.detail.sl} value={pct(r.serviceLevelToday)} />
        <Row label={t.detail.asa} value={seconds(r.asaToday)} />
        <Row label={t.detail.abandonRate} value={pct(r.abandonRateToday)} />
        <Row label={t.detail.waiting} value={number(r.waiting)} />
      </dl>
      <Curve key={r.code} region={r.code} title={t.curve.region} />
      <h3>{t.detail.queues}</h3>
      <RegionQueues code={r.code} />
      <h3>{t.detail.alerts}</h3>
      {alerts.length ? (
        <ul class="alerts detail-alerts">
          {alerts.map((a) => (
            <li key={a.id}>{a.text}</li>
          ))}
        </ul>
      ) : (
        <p class="quiet">{t.detail.noAlerts}</p>
      )}
      <h3>{t.detail.appeals}</h3>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : !appeals ? (
        <p class="quiet">{t.detail.loading}</p>
      ) : (
        <dl class="appeals" aria-live="polite">
          <Row label={t.detail.open} value={number(appeals.open)} figure="appeals-open" />
          <Row label={t.detail.overdue} value={number(appeals.overdue)} figure="appeals-overdue" bad={appeals.overdue > 0} />
          <Row label={t.detail.overdueShare} value={pct(appeals.overdueShare)} figure="appeals-overdue-share" bad={appeals.overdue > 0} />
        </dl>
      )}
    </section>
  );
}
