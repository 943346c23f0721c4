// What every staff app shows a signed-in person whose role it does not serve: a short message, links
// to the apps they may use and to /staff, where all of them are, and a way to sign out.
import { appsOf, roleNames, STAFF_PAGE } from '../../src/web/staff-apps.ts';
import { signOut, type User } from './session.ts';

export function WrongApp({ title, user }: { title: string; user: User }) {
  const mine = appsOf(user.role);
  return (
    <main class="login wrong-app" id="main">
      <div class="card">
        <h1>{title}</h1>
        <p role="alert">
          Это приложение не для вашей роли: вы вошли как {roleNames[user.role] ?? user.role} ({user.displayName}).
        </p>
        {mine.length > 0 && <p id="wrong-app-mine">Ваши приложения:</p>}
        {mine.length > 0 && (
          <ul aria-labelledby="wrong-app-mine">
            {mine.map((a) => (
              <li key={a.path}>
                <a href={`/${a.path}`}>{a.title}</a>
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href={STAFF_PAGE}>Все приложения для сотрудников</a>
        </p>
        <button type="button" class="secondary" onClick={async () => (await signOut(), location.reload())}>
          Выйти
        </button>
      </div>
    </main>
  );
}
