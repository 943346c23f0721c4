// The wallboard for a big screen: every region as a tile on a map-like grid, coloured (and
// labelled) by its live service level, named short; national totals and today's calls by 15 minutes
// beside a week before; the last hour's topics; open alerts. A tile opens the region's detail (its
// calls today and their curve, its citizens' appeals open and overdue). A lost connection greys the
// board under a banner that says since when, readable across the room.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { get } from '../shared/api.ts';
import type { Schema } from '../shared/api-types.ts';
import { openFeed, type LiveState } from '../shared/live.ts';
import { shortRegionName } from '../shared/region-short-names.ts';
import { Curve } from './curve.tsx';
import { number, pct, time } from './format.ts';
import { COLUMNS, LAYOUT, ROWS } from './layout.ts';
import { RegionDetail } from './region-detail.tsx';
import { t } from './strings.ts';

export type Wallboard = Schema<'Wallboard'>;
type RegionFigures = Schema<'RegionFigures'>;

function Tile({ r, alert, chosen, onChoose }: { r: RegionFigures; alert: boolean; chosen: boolean; onChoose: (code: string) => void }) {
  const [col, row] = LAYOUT[r.code] ?? [0, 0];
  return (
    <button
      type="button"
      class={`tile ${r.status}${alert ? ' alerting' : ''}${chosen ? ' chosen' : ''}`}
      style={{ gridColumn: col + 1, gridRow: row + 1 }}
      data-region={r.code}
      data-status={r.status}
      aria-pressed={chosen}
      onClick={() => onChoose(r.code)}
      title={`${r.name}: ${t.status[r.status]}, ${pct(r.serviceLevel30)} (${r.handled30})`}
      aria-label={`${r.name}: ${t.status[r.status]}, ${pct(r.serviceLevel30)}, ${t.waiting} ${r.waiting}; ${t.more}`}
    >
      <span class="code">{r.code}</span>
      <span class="sl">{pct(r.serviceLevel30)}</span>
      <span class="name">{shortRegionName(r.code, r.name)}</span>
      {r.waiting > 0 && (
        <span class="wait">
          {t.waiting} {r.waiting}
        </span>
      )}
    </button>
  );
}

export function Board() {
  const [data, setData] = useState<Wallboard | null>(null);
  const [live, setLive] = useState<LiveState>('connecting');
  /** When the connection was lost (the figures shown are from before). */
  const [lostAt, setLostAt] = useState<Date | null>(null);
  const [error, setError] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  // (closed: the keyboard is back on the region's tile)
  const close = useCallback(() => {
    setChosen(null);
    if (chosen) document.querySelector<HTMLElement>(`.tile[data-region="${chosen}"]`)?.focus();
  }, [chosen]);
  useEffect(() => {
    void get('/api/v1/monitoring/wallboard').then((r) => (r.ok ? setData(r.body) : setError(r.message)));
    const feed = openFeed<{ wallboard: Wallboard }>(
      '/api/v1/monitoring/events',
      { wallboard: setData },
      (state) => {
        setLive(state);
        setLostAt((at) => (state === 'lost' ? (at ?? new Date()) : state === 'open' ? null : at));
        // (the server sends at least every 10 s: silence twice that long is a connection lost)
      },
      { silentAfterMs: 20_000 },
    );
    return () => feed.close();
  }, []);
  if (!data) return <main class="board">{error ? <p class="error">{error}</p> : <p>…</p>}</main>;
  const n = data.national;
  const alerting = new Set(data.alerts.map((a) => a.region));
  const detail = chosen ? data.regions.find((r) => r.code === chosen) : undefined;
  return (
    <main class={`board${lostAt ? ' stale' : ''}`}>
      {lostAt && (
        <p class="stale-banner" role="alert">
          {t.stale(time(lostAt.toISOString()))}
        </p>
      )}
      <section class="totals" aria-label="Итоги по стране">
        <div>
          <span class="label">{t.waitingNow}</span>
          <span class="big" data-figure="waiting">
            {number(n.waiting)}
          </span>
        </div>
        <div>
          <span class="label">{t.answeredToday}</span>
          <span class="big">{number(n.answeredToday)}</span>
        </div>
        <div>
          <span class="label">{t.slToday}</span>
          <span class="big">{pct(n.serviceLevelToday)}</span>
        </div>
        <div class="headline">{t.regionsMeeting(n.regionsMeetingNorms, n.regions, n.regionsWithCalls)}</div>
        <div class={`live ${live}`}>
          {t.live[live]} · {t.updated} {new Date(data.at).toLocaleTimeString('ru-RU')}
        </div>
      </section>
      <section class="map" style={{ gridTemplateColumns: `repeat(${COLUMNS}, 1fr)`, gridTemplateRows: `repeat(${ROWS}, 1fr)` }} aria-label={t.legend}>
        {data.regions.map((r) => (
          <Tile key={r.code} r={r} alert={alerting.has(r.code)} chosen={r.code === chosen} onChoose={(code) => setChosen(code === chosen ? null : code)} />
        ))}
      </section>
      <aside class="side">
        {detail ? (
          <RegionDetail
            r={detail}
            alerts={data.alerts.filter((a) => a.region === detail.code).map((a) => ({ id: a.id, text: `${t.alertText(pct(a.lastValue), pct(a.target))}, ${t.since} ${time(a.startedAt)}` }))}
            onClose={close}
          />
        ) : (
          <Curve title={t.curve.national} />
        )}
        <section>
          <h2>{t.alerts}</h2>
          {data.alerts.length === 0 ? (
            <p class="quiet">{t.noAlerts}</p>
          ) : (
            <ul class="alerts" aria-live="polite">
              {data.alerts.map((a) => (
                <li key={a.id}>
                  <strong>
                    {a.region} {a.regionName}
                  </strong>
                  <span>
                    {t.alertText(pct(a.lastValue), pct(a.target))}, {t.since} {time(a.startedAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section>
          <h2>{t.topTopics}</h2>
          {data.topTopics.length === 0 ? (
            <p class="quiet">{t.noTopics}</p>
          ) : (
            <ol class="topics">
              {data.topTopics.map((x) => (
                <li key={x.topic}>
                  <span>{x.topic}</span> <b>{number(x.calls)}</b>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section class="legend">
          <h2>{t.legend}</h2>
          {(['meets', 'at_risk', 'below', 'no_calls'] as const).map((s) => (
            <span key={s} class={`chip ${s}`}>
              {t.status[s]}
            </span>
          ))}
        </section>
      </aside>
    </main>
  );
}
