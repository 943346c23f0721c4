// The sign-in screen every staff app shows first, and the bootstrap that mounts an app once the
// right person is signed in.
import { render, type ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { roleNames } from '../../src/web/staff-apps.ts';
import { currentSession, signIn, signOut, type User } from './session.ts';
import { WrongApp } from './wrong-app.tsx';

function Login({ title, onDone }: { title: string; onDone: (u: User) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    const r = await signIn(username.trim(), password);
    setBusy(false);
    if (r.ok) onDone(r.body.user);
    else setError(r.status === 401 ? 'Неверное имя или пароль.' : r.message);
  };
  return (
    <main class="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{title}</h1>
        <label>
          Имя пользователя
          <input name="username" autoComplete="username" autoFocus value={username} onInput={(e) => setUsername((e.target as HTMLInputElement).value)} required />
        </label>
        <label>
          Пароль
          <input name="password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} required />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Вход…' : 'Войти'}
        </button>
      </form>
    </main>
  );
}

export function Header({ title, user, children }: { title: string; user: User; children?: ComponentChildren }) {
  return (
    <header class="topbar">
      <strong class="brand">{title}</strong>
      <span class="grow">{children}</span>
      <span class="who">
        {user.displayName} · {roleNames[user.role] ?? user.role} · {user.region === 'federal' ? 'федеральный центр' : `регион ${user.region}`}
      </span>
      <button
        type="button"
        class="link"
        onClick={async () => {
          await signOut();
          location.reload();
        }}
      >
        Выйти
      </button>
    </header>
  );
}

/**
 * Mounts the app in #app for a signed-in user whose role is among `roles` (an app's come from
 * src/web/staff-apps.ts); shows the sign-in screen first when nobody is, and other roles the way to
 * their own apps (wrong-app.tsx).
 */
export async function mountApp(o: { title: string; roles: readonly string[]; app: (user: User) => ComponentChildren }): Promise<void> {
  const root = document.getElementById('app')!;
  const show = (user: User) => render(o.roles.includes(user.role) ? <>{o.app(user)}</> : <WrongApp title={o.title} user={user} />, root);
  // without a session cookie there is nobody to ask about (and no refused request to log)
  const maybe = document.querySelector('meta[name="otvet-session"]')?.getAttribute('content') !== '0';
  const user = maybe ? await currentSession() : null;
  if (user) show(user);
  else render(<Login title={o.title} onDone={show} />, root);
}
