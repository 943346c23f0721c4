// The admin app at /admin: sign in, then the sections an admin keeps (appeal types, organisations,
// routes and officers; regions' hours and norms, queues, IVR menus; staff accounts, API tokens,
// the audit log). Other roles get the shared wrong-app message with the way to their apps.
import '../shared/base.css';
import '../shared/sections.css';
import '../shared/form-problems.css';
import './style.css';
import './accounts/accounts.css';
import './settings/settings.css';
import { mountApp } from '../shared/login.tsx';
import { AdminApp } from './app.tsx';
import { t } from './strings.ts';
import { staffApps } from '../../src/web/staff-apps.ts';

void mountApp({
  title: t.title,
  roles: staffApps.admin.roles,
  app: (user) => <AdminApp user={user} />,
});
