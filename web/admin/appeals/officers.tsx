// Agency officers and their organisations: who is attached where (a region's admin: their region's
// organisations), detached with a button; an officer picked by name from the accounts with the
// agency officer's role and attached to an organisation they may work for.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { get, put } from '../../shared/api.ts';
import type { Answer } from '../../shared/api-types.ts';
import { typed } from '../form.tsx';
import { problemText } from '../problems.ts';
import { t } from '../strings.ts';
import { regionLabel, type Catalog, type Rights } from './catalog.ts';

type Officer = Answer<'/api/v1/appeal-officers'>['items'][number];
type Account = Answer<'/api/v1/users'>['items'][number];

const who = (o: { displayName: string | null; username: string | null; userId: number }) => (o.username ? `${o.displayName ?? o.username} (${o.username})` : t.officers.noAccount(o.userId));

export function Officers({ catalog, rights }: { catalog: Catalog; rights: Rights }) {
  const [officers, setOfficers] = useState<Officer[] | null>(null);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; bad: boolean } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [region, setRegion] = useState('');
  const [pick, setPick] = useState({ userId: '', organisation: '' });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void Promise.all([get('/api/v1/appeal-officers'), get('/api/v1/users', { query: { role: 'agency_officer' } })]).then(([o, u]) => {
      if (!live) return;
      if (!o.ok) return setError(o.message);
      setError(null);
      setOfficers(o.body.items);
      if (u.ok) setAccounts(u.body.items);
    });
    return () => {
      live = false;
    };
  }, [attempt]);

  const shown = useMemo(() => (officers ?? []).filter((o) => !region || (region === 'federal' ? o.organisation.region === null : o.organisation.region === region)), [officers, region]);
  const account = accounts.find((a) => String(a.id) === pick.userId);
  // an officer of a region works for its organisations or federal ones; a federal officer for any the admin keeps
  const organisations = catalog.organisations.filter(
    (o) => o.active && rights.organisation(o.region) && (!account || account.region === 'federal' || o.region === null || o.region === account.region),
  );
  const orgName = (code: string) => catalog.organisations.find((o) => o.code === code)?.name ?? code;
  const current = (id: number) => officers?.find((o) => o.userId === id);

  const attach = async (userId: number, organisation: string | null, name: string) => {
    setBusy(true);
    const r = await put('/api/v1/appeal-officers/{userId}', { path: { userId }, body: { organisation } });
    setBusy(false);
    if (!r.ok) return setStatus({ text: problemText(r), bad: true });
    setStatus({ text: organisation ? t.officers.attachedNotice(name, orgName(organisation)) : t.officers.detachedNotice(name), bad: false });
    setPick({ userId: '', organisation: '' });
    setAttempt((n) => n + 1);
  };

  return (
    <section class="card" aria-labelledby="officers-title">
      <div class="head">
        <h2 id="officers-title">{t.officers.title}</h2>
      </div>
      <p class="muted">{t.officers.intro}</p>
      {status && (
        <p class={status.bad ? 'error' : 'notice'} role={status.bad ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
      <form
        class="card inset attach"
        aria-labelledby="attach-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (account && pick.organisation) void attach(account.id, pick.organisation, account.displayName);
        }}
      >
        <h3 id="attach-title">{t.officers.attachTitle}</h3>
        {accounts.length === 0 && officers !== null ? (
          <p class="muted">{t.officers.noUsers}</p>
        ) : (
          <div class="filters">
            <div class="filter">
              <label for="attach-user">{t.officers.pickUser}</label>
              <p class="hint" id="attach-user-hint">
                {t.officers.pickUserHint}
              </p>
              <select id="attach-user" value={pick.userId} onChange={typed((v) => setPick({ userId: v, organisation: '' }))} aria-describedby="attach-user-hint">
                <option value="">{t.officers.choose}</option>
                {accounts.map((a) => {
                  const now = current(a.id);
                  return (
                    <option key={a.id} value={String(a.id)}>
                      {a.displayName} ({a.username}, {a.region === 'federal' ? t.federal : a.region}){now ? ` — ${t.officers.now(now.organisation.name)}` : ''}
                    </option>
                  );
                })}
              </select>
            </div>
            <div class="filter">
              <label for="attach-org">{t.officers.pickOrg}</label>
              <select id="attach-org" value={pick.organisation} onChange={typed((v) => setPick({ ...pick, organisation: v }))} disabled={!account}>
                <option value="">{t.officers.choose}</option>
                {organisations.map((o) => (
                  <option key={o.code} value={o.code}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" disabled={busy || !account || !pick.organisation}>
              {t.officers.attach}
            </button>
          </div>
        )}
      </form>
      {error && (
        <p class="error" role="alert">
          {error}{' '}
          <button type="button" class="link" onClick={() => setAttempt((n) => n + 1)}>
            {t.retry}
          </button>
        </p>
      )}
      {rights.federal && (
        <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <div class="filter">
            <label for="officers-region">{t.region}</label>
            <select id="officers-region" value={region} onChange={typed(setRegion)}>
              <option value="">{t.allRegions}</option>
              <option value="federal">{t.federalOnly}</option>
              {catalog.regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.code} {r.name}
                </option>
              ))}
            </select>
          </div>
          <span class="muted" aria-live="polite">
            {t.officers.count(shown.length)}
          </span>
        </form>
      )}
      {officers === null ? (
        !error && <p>{t.loading}</p>
      ) : shown.length === 0 ? (
        <p>{t.officers.none}</p>
      ) : (
        <table class="stack officers">
          <thead>
            <tr>
              <th scope="col">{t.officers.person}</th>
              <th scope="col">{t.officers.organisation}</th>
              <th scope="col">{t.region}</th>
              <th scope="col">
                <span class="sr-only">{t.officers.detach}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((o) => (
              <tr key={o.userId} data-officer={o.username ?? String(o.userId)}>
                <td data-label={t.officers.person}>{who(o)}</td>
                <td data-label={t.officers.organisation}>{o.organisation.name}</td>
                <td data-label={t.region}>{regionLabel(catalog.regions, o.organisation.region, t.federal)}</td>
                <td>
                  <button type="button" class="secondary" disabled={busy} aria-label={t.officers.detachLabel(who(o))} onClick={() => void attach(o.userId, null, who(o))}>
                    {t.officers.detach}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
