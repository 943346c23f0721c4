// Who is signed in: the session from the server, signing in and out.
import { get, post, setCsrfToken, type ApiResult } from './api.ts';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: string;
  region: string;
}

interface SessionBody {
  user: User;
  csrfToken?: string;
}

export async function currentSession(): Promise<User | null> {
  const r = await get<SessionBody>('/api/v1/auth/session');
  if (!r.ok) return null;
  setCsrfToken(r.body.csrfToken);
  return r.body.user;
}

export async function signIn(username: string, password: string): Promise<ApiResult<SessionBody>> {
  const r = await post<SessionBody>('/api/v1/auth/login', { username, password });
  if (r.ok) setCsrfToken(r.body.csrfToken);
  return r;
}

export async function signOut(): Promise<void> {
  await post('/api/v1/auth/logout');
  setCsrfToken(undefined);
}
