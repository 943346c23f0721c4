// The supervisor's screen: the region's queues, operators and recent calls, kept live.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { apiUrl, get, post } from '../shared/api.ts';
import type { Schema } from '../shared/api-types.ts';
import { openFeed } from '../shared/live.ts';
import {
  defaultSort,
  isLost,
  nextLive,
  nextSort,
  problemText,
  STALE_AFTER_MS,
  stateText,
  withAgent,
  type Agent,
  type LiveStatus,
  type Norms,
  type Overview,
  type SettableState,
  type Sort,
} from './model.ts';
import { OperatorsTable } from './operators.tsx';
import { CallQuality } from './quality.tsx';
import type { CallQualityReport } from './api-shapes.ts';
import { QueueTiles } from './queues.tsx';
import { RecentCalls } from './calls.tsx';
import { StateDialog } from './state-dialog.tsx';
import { strings } from './strings.ts';
import { clockTime, ServerClock } from './time.ts';
import { HistoryNote } from '../shared/history-note.tsx';

export interface SupervisorUser {
  displayName: string;
  region: string;
}

type RegionItem = Schema<'Region'>;

/** A federal user picks the region (?region= keeps it across reloads); a regional one sees theirs. */
function initialRegion(user: SupervisorUser): string {
  if (user.region !== 'federal') return user.region;
  const asked = new URLSearchParams(location.search).get('region');
  return asked && /^(federal|[0-9]{2})$/.test(asked) ? asked : 'federal';
}

/** Today's line quality is read again this often, and whenever a call in the overview is wrapped up. */
const QUALITY_REFRESH_MS = 60_000;

/** Today's line quality in the region: loaded with the region, refreshed as calls are wrapped up and every minute. */
function useCallQuality(region: string, overview: Overview | null) {
  const [report, setReport] = useState<CallQualityReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // the recent calls wrapped up so far: a new one brings its figures
  const wrapped = overview?.recentCalls.flatMap((c) => (c.wrappedAt ? [c.callId] : [])).join(' ') ?? '';
  useEffect(() => {
    setReport(null);
    setFailure(null);
  }, [region]);
  useEffect(() => {
    let gone = false;
    const load = () =>
      void get('/api/v1/supervisor/call-quality', { query: { region } }).then((r) => {
        if (gone) return;
        if (!r.ok) return setFailure(problemText(r.status, r.body));
        setFailure(null);
        setReport(r.body);
      });
    load();
    const t = setInterval(load, QUALITY_REFRESH_MS);
    return () => {
      gone = true;
      clearInterval(t);
    };
  }, [region, wrapped, attempt]);
  return { report, failure, retry: () => setAttempt((n) => n + 1) };
}

function useNow(clock: ServerClock): number {
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    const t = setInterval(() => setNow(clock.now()), 1000);
    return () => clearInterval(t);
  }, [clock]);
  return now;
}

export function SupervisorApp({ user }: { user: SupervisorUser }) {
  const [region, setRegion] = useState(() => initialRegion(user));
  const [regions, setRegions] = useState<RegionItem[]>([]);
  const [overview, setOverview] = useState<Overview | null>(null);
  const [norms, setNorms] = useState<Norms | null>(null);
  const [live, setLive] = useState<LiveStatus>({ kind: 'connecting' });
  const [failure, setFailure] = useState<string | null>(null);
  const [sort, setSort] = useState<Sort>(defaultSort);
  const [editing, setEditing] = useState<number | null>(null);
  const [notice, setNotice] = useState('');
  const [attempt, setAttempt] = useState(0);
  const clock = useMemo(() => new ServerClock(), []);
  const now = useNow(clock);
  const quality = useCallQuality(region, overview);

  useEffect(() => {
    void get('/api/v1/regions').then((r) => r.ok && setRegions(r.body.items));
  }, []);

  // Norms of the region (the reserve centre follows Moscow's, as the server does).
  useEffect(() => {
    setNorms(null);
    void get('/api/v1/regions/{code}/settings', { path: { code: region === 'federal' ? '77' : region } }).then((r) => r.ok && setNorms(r.body.effective.norms));
  }, [region]);

  useEffect(() => {
    setOverview(null);
    setFailure(null);
    setLive({ kind: 'connecting' });
    let feed: { close(): void } | null = null;
    let gone = false;
    const query = { region };
    const take = (o: Overview) => {
      clock.sync(o.at);
      setOverview(o);
      setLive((s) => nextLive(s, { type: 'overview', at: Date.now() }));
    };
    void get('/api/v1/supervisor/overview', { query }).then((r) => {
      if (gone) return;
      if (!r.ok) return setFailure(problemText(r.status, r.body));
      take(r.body);
      feed = openFeed<{ overview: Overview }>(
        apiUrl('/api/v1/supervisor/events', { query }),
        { overview: take },
        (state) => {
          if (state === 'open') setLive((s) => nextLive(s, { type: 'open', at: Date.now() }));
          if (state === 'lost') setLive((s) => nextLive(s, { type: 'error', at: Date.now() }));
        },
        {
          // the server sends at least every 5 s: silence means a dead link
          silentAfterMs: STALE_AFTER_MS,
          // Signed out meanwhile (session expired, account disabled): back to the sign-in.
          onRefused: () => void get('/api/v1/auth/session').then((s) => s.status === 401 && location.reload()),
        },
      );
    });
    if (user.region === 'federal') history.replaceState(null, '', `?${new URLSearchParams(query).toString()}`);
    return () => {
      gone = true;
      feed?.close();
    };
  }, [region, clock, user.region, attempt]);

  const editingAgent = overview?.agents.find((a) => a.userId === editing) ?? null;

  const change = async (agent: Agent, state: SettableState, reason?: string): Promise<string | null> => {
    const r = await post('/api/v1/operators/{id}/state', { path: { id: agent.userId }, body: reason ? { state, reason } : { state } });
    if (!r.ok) return problemText(r.status, r.body);
    setOverview((o) => (o ? withAgent(o, r.body) : o));
    setEditing(null);
    setNotice(strings.change.done(agent.displayName, stateText(r.body)));
    return null;
  };

  const regionItem = regions.find((r) => r.code === (region === 'federal' ? '77' : region));
  const regionName = region === 'federal' ? strings.federal : (regionItem?.name ?? region);
  // Times are the region's own (the reserve centre keeps Moscow time).
  const tz = regionItem?.timezone;
  const lost = isLost(live, Date.now());
  return (
    <div class="sv">
      <header class="sv-header">
        <h1>
          {strings.title} · <span>{regionName}</span>
        </h1>
        {user.region === 'federal' && (
          <label class="sv-region">
            {strings.regionLabel}{' '}
            <select value={region} onChange={(e) => setRegion((e.target as HTMLSelectElement).value)}>
              <option value="federal">{strings.federal}</option>
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.code} · {r.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <p class={`sv-live sv-live--${lost ? 'lost' : live.kind}`} role="status">
          {lost
            ? strings.live.lostSince(clockTime(live.kind === 'lost' ? live.since : live.kind === 'online' ? live.lastAt : Date.now(), false, tz))
            : live.kind === 'online'
              ? `${strings.live.online} · ${strings.live.updated(clockTime(overview?.at ?? now, true, tz))}`
              : strings.live.connecting}
        </p>
        <p class="sv-clock">
          <span class="sv-clock__label">{strings.clockLabel}</span> {clockTime(now, true, tz)}
        </p>
      </header>
      <HistoryNote />
      <p class="sv-visually-hidden" role="status" aria-live="polite">
        {notice}
      </p>
      {failure ? (
        <div class="sv-error sv-error--page" role="alert">
          <p>
            <strong>{strings.errors.load}</strong> {failure}
          </p>
          <button type="button" class="sv-button" onClick={() => setAttempt((n) => n + 1)}>
            {strings.errors.retry}
          </button>
        </div>
      ) : overview ? (
        <main class={`sv-main${lost ? ' sv-main--stale' : ''}`}>
          <QueueTiles queues={overview.queues} overviewAt={overview.at} now={now} norms={norms} />
          <div class="sv-columns">
            <OperatorsTable agents={overview.agents} calls={overview.recentCalls} now={now} sort={sort} onSort={(k) => setSort((s) => nextSort(s, k))} onChange={(a) => setEditing(a.userId)} />
            <RecentCalls calls={overview.recentCalls} queues={overview.queues} agents={overview.agents} region={overview.region} now={now} timeZone={tz} />
          </div>
          <CallQuality report={quality.report} failure={quality.failure} onRetry={quality.retry} />
        </main>
      ) : (
        <p class="sv-loading">{strings.live.connecting}</p>
      )}
      {editingAgent && <StateDialog agent={editingAgent} now={now} onCancel={() => setEditing(null)} onSubmit={(st, reason) => change(editingAgent, st, reason)} />}
    </div>
  );
}
