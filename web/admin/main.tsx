// The admin app at /admin: sign in, then the sections an admin keeps (appeal types, organisations,
// routes and officers first). Every staff role may sign in here: others are told it is for admins
// and given a link to their own app, instead of a bare refusal.
import '../shared/base.css';
import './style.css';
import { mountApp } from '../shared/login.tsx';
import { AdminApp } from './app.tsx';
import { t } from './strings.ts';

void mountApp({
  title: t.title,
  roles: ['admin', 'operator', 'supervisor', 'editor', 'coordinator', 'agency_officer'],
  app: (user) => <AdminApp user={user} />,
});
