// The agency officer's app: sign in, then the appeals routed to the officer's organisation in
// their region (the list, one appeal, its steps).
import '../shared/base.css';
import './style.css';
import { addProblemMessages } from '../shared/api.ts';
import { mountApp } from '../shared/login.tsx';
import { AgencyApp } from './app.tsx';
import { t } from './strings.ts';
import { staffApps } from '../../src/web/staff-apps.ts';

addProblemMessages(t.problems);
void mountApp({ title: t.title, roles: staffApps.agency.roles, app: (user) => <AgencyApp user={user} /> });
