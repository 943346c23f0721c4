// The coordination centre's wallboard: sign in, then the board.
import '../shared/base.css';
import './style.css';
import { mountApp } from '../shared/login.tsx';
import { Header } from '../shared/login.tsx';
import { Board } from './board.tsx';
import { t } from './strings.ts';

void mountApp({
  title: t.title,
  roles: ['coordinator', 'supervisor', 'admin'],
  app: (user) => (
    <>
      <Header title={t.title} user={user} />
      <Board />
    </>
  ),
});
