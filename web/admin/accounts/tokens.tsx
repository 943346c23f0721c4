// «Токены API»: the tokens with whose account they act as, what they are limited to, when they were
// last used; a new one (its secret shown once, with a copy button), revoking one after asking.
import { useEffect, useRef, useState } from 'preact/hooks';
import { apiUrl, get, request } from '../../shared/api.ts';
import type { Answer } from '../../shared/api-types.ts';
import { problemText } from '../problems.ts';
import { t } from '../strings.ts';
import { ru } from '../../shared/codes-ru.ts';
import { scopeName } from '../codes.ts';
import { Confirm } from './confirm.tsx';
import { OnceSecret } from './secret.tsx';
import { a, dateTime } from './strings.ts';
import { TokenForm } from './token-form.tsx';
import type { Account } from './user-form.tsx';

type Token = Answer<'/api/v1/tokens'>['items'][number];

export function TokensSection() {
  const [tokens, setTokens] = useState<Token[] | null>(null);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [showRevoked, setShowRevoked] = useState(false);
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const [status, setStatus] = useState<{ text: string; bad: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  // the keyboard goes back to «Новый …» when a form or a secret closes (what had it is gone)
  const addButton = useRef<HTMLButtonElement>(null);
  const back = () => setTimeout(() => addButton.current?.focus());

  useEffect(() => {
    void get('/api/v1/users').then((r) => r.ok && setAccounts(r.body.items));
  }, []);
  useEffect(() => {
    let live = true;
    void get('/api/v1/tokens', { query: showRevoked ? { includeRevoked: 'true' } : {} }).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.message);
      setError(null);
      setTokens(r.body.items);
    });
    return () => {
      live = false;
    };
  }, [attempt, showRevoked]);
  const reload = () => setAttempt((n) => n + 1);

  const revoke = async (token: Token) => {
    setBusy(true);
    // (the shared client has no delete of its own: the typed path is filled in by apiUrl)
    const r = await request<Token>('DELETE', apiUrl('/api/v1/tokens/{id}', { path: { id: token.id } }));
    setBusy(false);
    setRevoking(null);
    if (!r.ok) return setStatus({ text: problemText(r), bad: true });
    setStatus({ text: a.tokens.revoked(token.name), bad: false });
    reload();
  };

  return (
    <section class="card" aria-labelledby="tokens-title">
      <div class="head">
        <h2 id="tokens-title">{a.tokens.title}</h2>
        {!adding && !secret && (
          <button type="button" ref={addButton} onClick={() => (setAdding(true), setStatus(null))}>
            {a.tokens.add}
          </button>
        )}
      </div>
      <p class="muted">{a.tokens.intro}</p>
      {secret && <OnceSecret title={a.tokens.secretTitle(secret.name)} secret={secret.secret} warning={a.tokens.secretWarning} done={a.tokens.done} onDone={() => (setSecret(null), back())} />}
      {adding && (
        <TokenForm
          accounts={accounts}
          onDone={(created) => {
            setAdding(false);
            if (!created) return back();
            setSecret({ name: created.token.name, secret: created.secret });
            reload();
          }}
        />
      )}
      {status && (
        <p class={status.bad ? 'error' : 'notice'} role={status.bad ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
      <div class="filters">
        <div class="control check">
          <input id="tokens-revoked" type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked((e.target as HTMLInputElement).checked)} />
          <label for="tokens-revoked">{a.tokens.showRevoked}</label>
        </div>
        <span class="muted" aria-live="polite">
          {tokens && a.tokens.count(tokens.length)}
        </span>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}{' '}
          <button type="button" class="link" onClick={reload}>
            {t.retry}
          </button>
        </p>
      )}
      {tokens === null ? (
        !error && <p aria-busy="true">{t.loading}</p>
      ) : tokens.length === 0 ? (
        <p>{a.tokens.none}</p>
      ) : (
        <table class="stack tokens">
          <thead>
            <tr>
              <th scope="col">{a.tokens.name}</th>
              <th scope="col">{a.tokens.account}</th>
              <th scope="col">{a.tokens.scope}</th>
              <th scope="col">{a.tokens.created}</th>
              <th scope="col">{a.tokens.lastUsed}</th>
              <th scope="col">{a.tokens.expiresAt}</th>
              <th scope="col">
                <span class="sr-only">{a.tokens.revoke}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((k) => (
              <tr key={k.id} data-token={k.name} class={k.revokedAt ? 'inactive' : undefined}>
                <td data-label={a.tokens.name}>
                  {k.name} <code class="muted">{k.prefix}…</code>
                </td>
                <td data-label={a.tokens.account}>
                  <code>{k.user.username}</code> ({k.region === 'federal' ? t.federal : k.region})
                </td>
                <td data-label={a.tokens.scope}>
                  {k.scopes ? k.scopes.map(scopeName).join(', ') : a.tokens.allRights}
                  {k.scopes?.includes('telephony') && <span class="muted">; {ru(a.tokens.routedBy, k.routing)}</span>}
                </td>
                <td data-label={a.tokens.created}>
                  {dateTime(k.createdAt)}
                  {k.createdBy && <span class="muted">, {a.tokens.by(k.createdBy)}</span>}
                </td>
                <td data-label={a.tokens.lastUsed}>{k.lastUsedAt ? dateTime(k.lastUsedAt) : a.tokens.never}</td>
                <td data-label={a.tokens.expiresAt}>{k.revokedAt ? a.tokens.revokedAt(dateTime(k.revokedAt)) : k.expiresAt ? dateTime(k.expiresAt) : a.tokens.forever}</td>
                <td class="row-actions">
                  {!k.revokedAt && (
                    <button type="button" class="secondary danger" disabled={busy} aria-label={a.tokens.revokeLabel(k.name)} onClick={() => setRevoking(k)}>
                      {a.tokens.revoke}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoking && (
        <Confirm title={a.tokens.revokeTitle(revoking.name)} confirm={a.tokens.revoke} busy={busy} onConfirm={() => void revoke(revoking)} onCancel={() => setRevoking(null)}>
          <p>{a.tokens.revokeConfirm}</p>
        </Confirm>
      )}
    </section>
  );
}
