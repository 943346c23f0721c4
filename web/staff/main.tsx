// The staff landing page at /staff: sign in once, then the apps the role may use (a card each).
import '../shared/base.css';
import './style.css';
import { roles } from '../../src/platform/access/principal.ts';
import { mountApp } from '../shared/login.tsx';
import { StaffHome } from './home.tsx';
import { t } from './strings.ts';

// every role may sign in here: the page shows each the apps of their role
void mountApp({ title: t.title, roles, app: (user) => <StaffHome user={user} /> });
