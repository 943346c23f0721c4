// A staff account's form: new (login, name, role, region; the server makes the password and it is
// shown once) or an existing one's name, role and region (PUT). The API's messages next to the
// controls; a taken login at the login.
import { useState } from 'preact/hooks';
import { post, put } from '../../shared/api.ts';
import type { Schema } from '../../shared/api-types.ts';
import { Control, ErrorSummary, Panel, typed } from '../form.tsx';
import { formErrors, noErrors, type FormErrors } from '../problems.ts';
import { t } from '../strings.ts';
import type { Region } from '../appeals/catalog.ts';
import { roleCodes, roles, type RoleCode } from '../codes.ts';
import { a } from './strings.ts';

export type Account = Schema<'User'>;

const FORM = 'user';

interface Draft {
  username: string;
  displayName: string;
  role: RoleCode;
  region: string;
}

const labels: Record<string, string> = { username: a.users.login, displayName: a.users.name, role: a.users.role, region: a.users.region };

/** The codes whose problem belongs to one control, though the API names no place for it. */
const placeOf: Record<string, string> = { 'user.username_taken': 'username', 'user.cannot_change_own_role': 'role' };

export function UserForm(p: {
  user: Account | undefined;
  regions: Region[];
  /** the admin's region; null for a federal admin */
  ownRegion: string | null;
  onDone: (r: { user: Account; generatedPassword?: string | undefined } | null) => void;
}) {
  const [d, setD] = useState<Draft>(() => ({
    username: p.user?.username ?? '',
    displayName: p.user?.displayName ?? '',
    role: p.user?.role ?? 'operator',
    region: p.user?.region ?? p.ownRegion ?? '',
  }));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof Draft>(k: K) =>
    (v: Draft[K]) =>
      setD((x) => ({ ...x, [k]: v }));
  const common = { form: FORM, errors };

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const body = { displayName: d.displayName, role: d.role, region: d.region };
    const r = p.user ? await put('/api/v1/users/{id}', { path: { id: p.user.id }, body }) : await post('/api/v1/users', { body: { ...body, username: d.username } });
    setBusy(false);
    if (!r.ok) {
      const place = r.code ? placeOf[r.code] : undefined;
      return setErrors(place && r.code ? { at: new Map([[place, [t.problems[r.code]!]]]), general: null } : formErrors(r));
    }
    p.onDone('user' in r.body ? r.body : { user: r.body });
  };

  return (
    <Panel id="user-editor" title={p.user ? a.users.editTitle(p.user.displayName) : a.users.newTitle}>
      <form class="editor" onSubmit={save} noValidate>
        <ErrorSummary form={FORM} errors={errors} labelOf={(place) => labels[place] ?? place} />
        <div class="grid">
          {p.user ? (
            <p class="control">
              <span class="label">{a.users.login}</span> <code>{p.user.username}</code>
            </p>
          ) : (
            <Control
              {...common}
              place="username"
              label={a.users.login}
              hint={a.users.loginHint}
              control={(c) => <input {...c} value={d.username} onInput={typed(set('username'))} autoComplete="off" spellcheck={false} />}
            />
          )}
          <Control {...common} place="displayName" label={a.users.name} hint={a.users.nameHint} control={(c) => <input {...c} value={d.displayName} onInput={typed(set('displayName'))} />} />
          <Control
            {...common}
            place="role"
            label={a.users.role}
            hint={p.user ? a.users.roleChangeHint : undefined}
            control={(c) => (
              <select {...c} value={d.role} onChange={typed((v) => set('role')(v as RoleCode))}>
                {roleCodes.map((r) => (
                  <option key={r} value={r}>
                    {roles[r]}
                  </option>
                ))}
              </select>
            )}
          />
          <Control
            {...common}
            place="region"
            label={a.users.region}
            hint={p.ownRegion === null ? a.users.regionHint : undefined}
            control={(c) => (
              <select {...c} value={d.region} onChange={typed(set('region'))} disabled={p.ownRegion !== null}>
                {p.ownRegion === null && <option value="">{t.officers.choose}</option>}
                {p.ownRegion === null && <option value="federal">{t.federal}</option>}
                {p.regions
                  .filter((r) => p.ownRegion === null || r.code === p.ownRegion)
                  .map((r) => (
                    <option key={r.code} value={r.code}>
                      {r.code} {r.name}
                    </option>
                  ))}
              </select>
            )}
          />
        </div>
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? t.saving : p.user ? t.save : a.users.create}
          </button>
          <button type="button" class="secondary" onClick={() => p.onDone(null)}>
            {t.cancel}
          </button>
        </div>
      </form>
    </Panel>
  );
}
