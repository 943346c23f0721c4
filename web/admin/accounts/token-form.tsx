// A new API token's form: what it is for, the account it acts as, what it is limited to and how
// long it lasts. The API's messages next to the controls; the secret comes back once (tokens.tsx).
import { useState } from 'preact/hooks';
import { post } from '../../shared/api.ts';
import type { Answer } from '../../shared/api-types.ts';
import { Control, ErrorSummary, Panel, typed } from '../form.tsx';
import { formErrors, noErrors, type FormErrors } from '../problems.ts';
import { t } from '../strings.ts';
import { roleName, routings, tokenScopes } from '../codes.ts';
import { a } from './strings.ts';
import type { Account } from './user-form.tsx';

export type Created = Answer<'/api/v1/tokens', 'post'>;
type Routing = Created['token']['routing'];

const FORM = 'token';
const labels: Record<string, string> = { name: a.tokens.name, userId: a.tokens.account, scopes: a.tokens.scope, expiresInDays: a.tokens.expires, routing: a.tokens.routing };

export function TokenForm(p: { accounts: Account[]; onDone: (created: Created | null) => void }) {
  const [d, setD] = useState({ name: '', userId: '', scope: '', days: '', routing: 'otvet' as Routing });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const common = { form: FORM, errors };

  const save = async (e: Event) => {
    e.preventDefault();
    if (!d.userId) return setErrors({ at: new Map([['userId', [a.tokens.pickAccount]]]), general: null });
    setBusy(true);
    const r = await post('/api/v1/tokens', {
      body: {
        name: d.name,
        userId: Number(d.userId),
        ...(d.scope ? { scopes: [d.scope] } : {}),
        ...(d.days.trim() ? { expiresInDays: Number(d.days) } : {}),
        // (who routes the calls matters to a telephony edge only)
        routing: d.scope === 'telephony' ? d.routing : 'otvet',
      },
    });
    setBusy(false);
    if (!r.ok) return setErrors(r.code === 'user.not_found' ? { at: new Map([['userId', [t.problems['user.not_found']!]]]), general: null } : formErrors(r, (x) => x.replace(/^scopes\..*/, 'scopes')));
    p.onDone(r.body);
  };

  return (
    <Panel id="token-editor" title={a.tokens.add}>
      <form class="editor" onSubmit={save} noValidate>
        <ErrorSummary form={FORM} errors={errors} labelOf={(place) => labels[place] ?? place} />
        <div class="grid">
          <Control {...common} place="name" label={a.tokens.name} hint={a.tokens.nameHint} control={(c) => <input {...c} value={d.name} onInput={typed((v) => setD({ ...d, name: v }))} />} />
          <Control
            {...common}
            place="userId"
            label={a.tokens.account}
            hint={a.tokens.accountHint}
            control={(c) => (
              <select {...c} value={d.userId} onChange={typed((v) => setD({ ...d, userId: v }))}>
                <option value="">{a.tokens.choose}</option>
                {p.accounts.map((u) => (
                  <option key={u.id} value={String(u.id)}>
                    {u.username} — {u.displayName}, {roleName(u.role).toLowerCase()}, {u.region === 'federal' ? t.federal : u.region}
                  </option>
                ))}
              </select>
            )}
          />
          <Control
            {...common}
            place="scopes"
            label={a.tokens.scope}
            hint={a.tokens.scopeHint}
            control={(c) => (
              <select {...c} value={d.scope} onChange={typed((v) => setD({ ...d, scope: v }))}>
                <option value="">{a.tokens.allRights}</option>
                {Object.entries(tokenScopes).map(([code, words]) => (
                  <option key={code} value={code}>
                    {words}
                  </option>
                ))}
              </select>
            )}
          />
          {d.scope === 'telephony' && (
            <Control
              {...common}
              place="routing"
              label={a.tokens.routing}
              hint={a.tokens.routingHint}
              control={(c) => (
                <select {...c} value={d.routing} onChange={typed((v) => setD({ ...d, routing: v as Routing }))}>
                  {Object.entries(routings).map(([code, words]) => (
                    <option key={code} value={code}>
                      {words}
                    </option>
                  ))}
                </select>
              )}
            />
          )}
          <Control
            {...common}
            place="expiresInDays"
            label={a.tokens.expires}
            hint={a.tokens.expiresHint}
            control={(c) => <input {...c} inputMode="numeric" value={d.days} onInput={typed((v) => setD({ ...d, days: v }))} />}
          />
        </div>
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? t.saving : a.tokens.create}
          </button>
          <button type="button" class="secondary" onClick={() => p.onDone(null)}>
            {t.cancel}
          </button>
        </div>
      </form>
    </Panel>
  );
}
