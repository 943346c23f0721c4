// What `otvet serve --demo` prints once it listens: where the portal and each staff app are, which
// demo accounts open which app, and (at the first start only) the accounts' passwords.
import type { Role } from '../platform/access/principal.ts';
import { staffApps, STAFF_PAGE, type StaffApp } from '../web/staff-apps.ts';

export interface BannerAccount {
  username: string;
  role: Role;
  region: string;
  /** Only when the account was just made: passwords are shown this once. */
  password?: string;
}

const table = (rows: string[][]) => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('   ')}`.trimEnd());
};

export function formatDemoBanner(url: string, accounts: BannerAccount[]): string {
  const who = (roles: readonly Role[]) => accounts.filter((a) => roles.includes(a.role)).map((a) => a.username);
  const apps: StaffApp[] = Object.values(staffApps);
  const appless = accounts.filter((a) => !apps.some((app) => app.roles.includes(a.role))).map((a) => a.username);
  const addresses = table([
    ['Portal for citizens', `${url}/`, ''],
    ['Staff: sign in here', `${url}${STAFF_PAGE}`, 'any account: it lists the apps of its role'],
    ...apps.map((app) => [app.english, `${url}/${app.path}`, who(app.roles).join(', ')]),
    ['API documentation', `${url}/api/docs`, appless.length ? `${appless.join(', ')} (no app yet), and any account` : 'any account'],
  ]);
  const withPasswords = accounts.length > 0 && accounts.every((a) => a.password !== undefined);
  const accountRows = () => table(accounts.map((a) => [a.username, a.password ?? '', `${a.role}, ${a.region === 'federal' ? 'federal' : `region ${a.region}`}`]));
  return [
    '',
    ...addresses,
    '',
    `  A first call: sign in at ${url}/operator as an operator, press «Готов» (F2), then «Тестовый звонок».`,
    '',
    ...(withPasswords
      ? [
          '  Demo accounts (the passwords are shown this once; reset one with `otvet user password <username>`):',
          '',
          ...accountRows(),
          '',
          `  Sign in through the API: POST ${url}/api/v1/auth/login  {"username":"admin","password":"…"}`,
        ]
      : ['  The demo accounts exist already: their passwords were printed at the first start (`otvet user password <username>` sets a new one).']),
    '',
  ].join('\n');
}
