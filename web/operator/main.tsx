// The operator workstation: sign in, then the workstation.
import '../shared/base.css';
import './style.css';
import { addProblemMessages } from '../shared/api.ts';
import { mountApp } from '../shared/login.tsx';
import { t } from './strings.ts';
import { Workstation } from './workstation.tsx';
import { staffApps } from '../../src/web/staff-apps.ts';

addProblemMessages(t.problems);
void mountApp({ title: t.title, roles: staffApps.operator.roles, app: (user) => <Workstation user={user} /> });
