// The sign-in screen every staff app shows first, and the bootstrap that mounts an app once the
// right person is signed in.
import { render, type ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { currentSession, signIn, signOut, type User } from './session.ts';

const roleNames: Record<string, string> = {
  operator: 'оператор',
  supervisor: 'старший смены',
  editor: 'редактор',
  coordinator: 'координатор',
  agency_officer: 'сотрудник ведомства',
  admin: 'администратор',
};

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
 * Mounts the app in #app for a signed-in user whose role is among `roles`; shows the sign-in
 * screen first when nobody is, and a plain refusal for other roles.
 */
export async function mountApp(o: { title: string; roles: string[]; app: (user: User) => ComponentChildren }): Promise<void> {
  const root = document.getElementById('app')!;
  const show = (user: User) => {
    if (!o.roles.includes(user.role)) {
      render(
        <main class="login">
          <p role="alert">
            Эта страница для ролей: {o.roles.map((r) => roleNames[r] ?? r).join(', ')}. Вы вошли как {roleNames[user.role] ?? user.role}.
          </p>
          <button type="button" onClick={async () => (await signOut(), location.reload())}>
            Выйти
          </button>
        </main>,
        root,
      );
      return;
    }
    render(<>{o.app(user)}</>, root);
  };
  // without a session cookie there is nobody to ask about (and no refused request to log)
  const maybe = document.querySelector('meta[name="otvet-session"]')?.getAttribute('content') !== '0';
  const user = maybe ? await currentSession() : null;
  if (user) show(user);
  else render(<Login title={o.title} onDone={show} />, root);
}
