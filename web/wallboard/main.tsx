// The coordination centre's wallboard: sign in, then the board.
import '../shared/base.css';
import './style.css';
import { mountApp } from '../shared/login.tsx';
import { Header } from '../shared/login.tsx';
import { Board } from './board.tsx';
import { HistoryNote } from '../shared/history-note.tsx';
import { t } from './strings.ts';
import { staffApps } from '../../src/web/staff-apps.ts';

void mountApp({
  title: t.title,
  roles: staffApps.wallboard.roles,
  app: (user) => (
    <>
      <Header title={t.title} user={user} />
      <HistoryNote />
      <Board />
    </>
  ),
});
