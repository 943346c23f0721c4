// The supervisor view: sign in, then the region's queues, operators and recent calls.
import '../shared/base.css';
import './style.css';
import { Header, mountApp } from '../shared/login.tsx';
import { SupervisorApp } from './app.tsx';
import { strings } from './strings.ts';
import { staffApps } from '../../src/web/staff-apps.ts';

void mountApp({
  title: strings.title,
  roles: staffApps.supervisor.roles,
  app: (user) => (
    <>
      <Header title={strings.title} user={user} />
      <SupervisorApp user={user} />
    </>
  ),
});
