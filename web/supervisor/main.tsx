// The supervisor view: sign in, then the region's queues, operators and recent calls.
import '../shared/base.css';
import './style.css';
import { currentCsrfToken } from '../shared/api.ts';
import { Header, mountApp } from '../shared/login.tsx';
import { setCsrfToken } from './api.ts';
import { SupervisorApp } from './app.tsx';
import { strings } from './strings.ts';

void mountApp({
  title: strings.title,
  roles: ['supervisor', 'coordinator', 'admin'],
  app: (user) => {
    // this view's own API client writes with the session's CSRF token too
    setCsrfToken(currentCsrfToken());
    return (
      <>
        <Header title={strings.title} user={user} />
        <SupervisorApp user={user} />
      </>
    );
  },
});
