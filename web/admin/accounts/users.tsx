// «Пользователи»: staff accounts with their role and region, filtered by role, region and state;
// a new account (its password shown once), a change of name, role or region, disabling and
// enabling, and a new password (asked first, then shown once). A region's admin sees their region.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { get, post } from '../../shared/api.ts';
import { typed } from '../form.tsx';
import { href } from '../route.ts';
import { problemText } from '../problems.ts';
import { t } from '../strings.ts';
import { regionLabel, type Region } from '../appeals/catalog.ts';
import { roleCodes, roleName, roles } from '../codes.ts';
import { Confirm } from './confirm.tsx';
import { OnceSecret } from './secret.tsx';
import { a, dateTime } from './strings.ts';
import { UserForm, type Account } from './user-form.tsx';

type State = 'active' | 'disabled' | 'all';

const stateOf = (u: Account) => (u.disabledAt ? a.users.disabled(dateTime(u.disabledAt)) : u.lockedUntil ? a.users.locked(dateTime(u.lockedUntil)) : a.users.active);

export function UsersSection({ ownRegion, selfId }: { ownRegion: string | null; selfId: number }) {
  const [users, setUsers] = useState<Account[] | null>(null);
  const [regions, setRegions] = useState<Region[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [filter, setFilter] = useState<{ role: string; region: string; state: State }>({ role: '', region: '', state: 'active' });
  // (the name or login searched among those read: typing sends no request)
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [status, setStatus] = useState<{ text: string; bad: boolean } | null>(null);
  const [password, setPassword] = useState<{ login: string; secret: string } | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [busy, setBusy] = useState(false);
  // the keyboard goes back to «Новый …» when a form or a secret closes (what had it is gone)
  const addButton = useRef<HTMLButtonElement>(null);
  const back = () => setTimeout(() => addButton.current?.focus());

  useEffect(() => {
    void get('/api/v1/regions').then((r) => r.ok && setRegions(r.body.items));
  }, []);
  useEffect(() => {
    let live = true;
    const query = {
      ...(filter.role ? { role: filter.role as Account['role'] } : {}),
      ...(filter.region ? { region: filter.region } : {}),
      ...(filter.state === 'active' ? {} : { includeDisabled: 'true' as const }),
    };
    void get('/api/v1/users', { query }).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.message);
      setError(null);
      setUsers(r.body.items);
    });
    return () => {
      live = false;
    };
  }, [attempt, filter]);

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (users ?? []).filter((u) => (filter.state !== 'disabled' || u.disabledAt) && (!q || u.username.includes(q) || u.displayName.toLowerCase().includes(q)));
  }, [users, filter.state, search]);
  const reload = () => setAttempt((n) => n + 1);
  const say = (text: string, bad = false) => setStatus({ text, bad });

  const setDisabled = async (u: Account, disabled: boolean) => {
    setBusy(true);
    const r = await post(disabled ? '/api/v1/users/{id}/disable' : '/api/v1/users/{id}/enable', { path: { id: u.id } });
    setBusy(false);
    if (!r.ok) return say(problemText(r), true);
    say(disabled ? a.users.disabledNotice(u.username) : a.users.enabledNotice(u.username));
    reload();
  };

  const reset = async (u: Account) => {
    setBusy(true);
    const r = await post('/api/v1/users/{id}/password', { path: { id: u.id }, body: {} });
    setBusy(false);
    setResetting(null);
    if (!r.ok) return say(problemText(r), true);
    setStatus(null);
    if (r.body.generatedPassword) setPassword({ login: u.username, secret: r.body.generatedPassword });
    reload();
  };

  return (
    <section class="card" aria-labelledby="users-title">
      <div class="head">
        <h2 id="users-title">{a.users.title}</h2>
        {editing === null && (
          <button type="button" ref={addButton} onClick={() => (setEditing('new'), setStatus(null), setPassword(null))}>
            {a.users.add}
          </button>
        )}
      </div>
      {status && (
        <p class={status.bad ? 'error' : 'notice'} role={status.bad ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
      {password && <OnceSecret title={a.users.passwordTitle(password.login)} secret={password.secret} warning={a.users.passwordOnce} done={a.close} onDone={() => (setPassword(null), back())} />}
      {editing !== null && (
        <UserForm
          key={editing === 'new' ? 'new' : editing.id}
          user={editing === 'new' ? undefined : editing}
          regions={regions}
          ownRegion={ownRegion}
          onDone={(r) => {
            const was = editing;
            setEditing(null);
            if (!r || !r.generatedPassword) back();
            if (!r) return;
            say(was === 'new' ? a.users.created(r.user.username) : a.users.saved(r.user.username));
            if (r.generatedPassword) setPassword({ login: r.user.username, secret: r.generatedPassword });
            reload();
          }}
        />
      )}
      <form class="filters" role="search" aria-label={a.users.title} onSubmit={(e) => e.preventDefault()}>
        <div class="filter">
          <label for="users-search">{t.search}</label>
          <input id="users-search" type="search" value={search} onInput={typed(setSearch)} placeholder={a.users.searchHint} autoComplete="off" />
        </div>
        <div class="filter">
          <label for="users-role">{a.users.role}</label>
          <select id="users-role" value={filter.role} onChange={typed((v) => setFilter({ ...filter, role: v }))}>
            <option value="">{a.users.anyRole}</option>
            {roleCodes.map((r) => (
              <option key={r} value={r}>
                {roles[r]}
              </option>
            ))}
          </select>
        </div>
        {ownRegion === null && (
          <div class="filter">
            <label for="users-region">{a.users.region}</label>
            <select id="users-region" value={filter.region} onChange={typed((v) => setFilter({ ...filter, region: v }))}>
              <option value="">{t.allRegions}</option>
              <option value="federal">{t.federalOnly}</option>
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.code} {r.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="filter">
          <label for="users-state">{a.users.state}</label>
          <select id="users-state" value={filter.state} onChange={typed((v) => setFilter({ ...filter, state: v as State }))}>
            {(['active', 'disabled', 'all'] as const).map((s) => (
              <option key={s} value={s}>
                {a.users.stateFilter[s]}
              </option>
            ))}
          </select>
        </div>
        <span class="muted" aria-live="polite">
          {users && a.users.count(shown.length)}
        </span>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}{' '}
          <button type="button" class="link" onClick={reload}>
            {t.retry}
          </button>
        </p>
      )}
      {users === null ? (
        !error && <p aria-busy="true">{t.loading}</p>
      ) : shown.length === 0 ? (
        <p>{a.users.none}</p>
      ) : (
        <table class="stack users">
          <thead>
            <tr>
              <th scope="col">{a.users.name}</th>
              <th scope="col">{a.users.login}</th>
              <th scope="col">{a.users.role}</th>
              <th scope="col">{a.users.region}</th>
              <th scope="col">{a.users.state}</th>
              <th scope="col">
                <span class="sr-only">{a.users.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <tr key={u.id} data-user={u.username} class={u.disabledAt ? 'inactive' : undefined}>
                <td data-label={a.users.name}>{u.displayName}</td>
                <td data-label={a.users.login}>
                  <code>{u.username}</code>
                </td>
                <td data-label={a.users.role}>{roleName(u.role)}</td>
                <td data-label={a.users.region}>{regionLabel(regions, u.region === 'federal' ? null : u.region, t.federal)}</td>
                <td data-label={a.users.state}>{stateOf(u)}</td>
                <td class="row-actions">
                  <a href={href({ section: 'audit', tab: 'types', target: { type: 'user', id: String(u.id) } })} aria-label={a.users.logLabel(u.displayName)}>
                    {a.users.log}
                  </a>
                  <button type="button" class="secondary" aria-label={a.users.editLabel(u.displayName)} onClick={() => (setEditing(u), setStatus(null))}>
                    {a.users.edit}
                  </button>
                  <button type="button" class="secondary" disabled={busy} aria-label={a.users.resetLabel(u.displayName)} onClick={() => setResetting(u)}>
                    {a.users.reset}
                  </button>
                  {u.disabledAt ? (
                    <button type="button" class="secondary" disabled={busy} aria-label={a.users.enableLabel(u.displayName)} onClick={() => void setDisabled(u, false)}>
                      {a.users.enable}
                    </button>
                  ) : (
                    u.id !== selfId && (
                      <button type="button" class="secondary danger" disabled={busy} aria-label={a.users.disableLabel(u.displayName)} onClick={() => void setDisabled(u, true)}>
                        {a.users.disable}
                      </button>
                    )
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {resetting && (
        <Confirm title={a.users.resetConfirmTitle(resetting.displayName)} confirm={a.users.reset} busy={busy} onConfirm={() => void reset(resetting)} onCancel={() => setResetting(null)}>
          <p>{a.users.resetConfirm}</p>
        </Confirm>
      )}
    </section>
  );
}
