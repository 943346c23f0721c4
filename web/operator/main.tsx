// The operator workstation: sign in, then the workstation.
import '../shared/base.css';
import './style.css';
import { addProblemMessages } from '../shared/api.ts';
import { mountApp } from '../shared/login.tsx';
import { t } from './strings.ts';
import { Workstation } from './workstation.tsx';

addProblemMessages(t.problems);
void mountApp({ title: t.title, roles: ['operator', 'supervisor'], app: (user) => <Workstation user={user} /> });
