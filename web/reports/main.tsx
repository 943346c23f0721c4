// Reports for the coordination centre and regional supervisors: a period (calls by day or month
// with the peak, regions against the norms, topics, CSV), the year's summary for printing, staff
// planning and the navigator of support measures (editors see that one only).
import '../shared/base.css';
import './style.css';
import { useEffect, useState } from 'preact/hooks';
import { get } from '../shared/api.ts';
import { Header, mountApp } from '../shared/login.tsx';
import type { User } from '../shared/session.ts';
import { PeriodReport, type Query } from './period.tsx';
import { t } from './strings.ts';
import { YearSummary } from './year.tsx';
import { Staffing } from './staffing.tsx';
import { RegionSelect } from './region-select.tsx';
import { NavigatorSection } from './navigator.tsx';
import { HistoryNote } from '../shared/history-note.tsx';
import { staffApps } from '../../src/web/staff-apps.ts';

type Tab = 'period' | 'year' | 'staffing' | 'navigator';
const DAY = 86_400_000;
/** Moscow's date: the federal centre's calendar (the API counts each region in its own). */
const today = () => new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 10);

function Reports({ user }: { user: User }) {
  const federal = user.region === 'federal';
  // (editors may read the navigator's report, none of the calls')
  const tabs: Tab[] = user.role === 'editor' ? ['navigator'] : ['period', 'year', 'staffing', 'navigator'];
  const asked = tabs.find((x) => `#${x}` === location.hash);
  const [tab, setTab] = useState<Tab>(asked ?? tabs[0]!);
  const [regions, setRegions] = useState<{ code: string; name: string }[]>([]);
  const [form, setForm] = useState<Query>({ from: new Date(Date.parse(today()) - 29 * DAY).toISOString().slice(0, 10), to: today(), by: 'day', region: federal ? '' : user.region });
  const [query, setQuery] = useState<Query>(form);
  const [year, setYear] = useState(Number(today().slice(0, 4)));
  useEffect(() => {
    if (federal) void get('/api/v1/regions').then((r) => r.ok && setRegions(r.body.items));
  }, [federal]);
  const pick = (next: Tab) => {
    setTab(next);
    history.replaceState(null, '', next === tabs[0] ? '#' : `#${next}`);
  };
  return (
    <>
      <Header title={t.title} user={user}>
        <nav class="tabs" aria-label={t.title}>
          {tabs.map((x) => (
            <button key={x} type="button" class={tab === x ? 'tab on' : 'tab'} aria-pressed={tab === x} onClick={() => pick(x)}>
              {t.tabs[x]}
            </button>
          ))}
        </nav>
      </Header>
      {tab !== 'navigator' && <HistoryNote />}
      <main class="reports">
        {tab === 'navigator' ? (
          <NavigatorSection today={today()} region={federal ? '' : user.region} regions={regions} />
        ) : tab === 'staffing' ? (
          <Staffing region={federal ? '' : user.region} regions={regions} />
        ) : tab === 'period' ? (
          <>
            <form
              class="controls"
              onSubmit={(e) => {
                e.preventDefault();
                setQuery({ ...form });
              }}
            >
              <label>
                {t.from} <input type="date" value={form.from} max={form.to} onInput={(e) => setForm({ ...form, from: (e.target as HTMLInputElement).value })} required />
              </label>
              <label>
                {t.to} <input type="date" value={form.to} min={form.from} onInput={(e) => setForm({ ...form, to: (e.target as HTMLInputElement).value })} required />
              </label>
              <label>
                {t.by}{' '}
                <select value={form.by} onChange={(e) => setForm({ ...form, by: (e.target as HTMLSelectElement).value as Query['by'] })}>
                  <option value="day">{t.byDay}</option>
                  <option value="month">{t.byMonth}</option>
                </select>
              </label>
              {federal && <RegionSelect all value={form.region} regions={regions} onChange={(region) => setForm({ ...form, region })} />}
              <button type="submit">{t.show}</button>
            </form>
            <PeriodReport query={query} />
          </>
        ) : (
          <>
            <form class="controls" onSubmit={(e) => e.preventDefault()}>
              <label>
                {t.year}{' '}
                <select value={year} onChange={(e) => setYear(Number((e.target as HTMLSelectElement).value))}>
                  {[0, 1, 2].map((k) => {
                    const y = Number(today().slice(0, 4)) - k;
                    return (
                      <option key={y} value={y}>
                        {y}
                      </option>
                    );
                  })}
                </select>
              </label>
              <button type="button" onClick={() => window.print()}>
                {t.print}
              </button>
            </form>
            <YearSummary year={year} region={federal ? '' : user.region} />
          </>
        )}
      </main>
    </>
  );
}

void mountApp({ title: t.title, roles: staffApps.reports.roles, app: (user) => <Reports user={user} /> });
