// The editors' app at /editor: sign in, then the knowledge base's answers (the list, the editor,
// review and publication) and the navigator's catalogue. Editors write; coordinators review too.
import '../shared/base.css';
import '../shared/sections.css';
import '../shared/form-problems.css';
import './style.css';
import './editor.css';
import { addProblemMessages } from '../shared/api.ts';
import { mountApp } from '../shared/login.tsx';
import { EditorApp } from './app.tsx';
import { t } from './strings.ts';
import { staffApps } from '../../src/web/staff-apps.ts';

addProblemMessages(t.problems);
void mountApp({ title: t.title, roles: staffApps.editor.roles, app: (user) => <EditorApp user={user} /> });
