// Who is signed in: the session from the server, signing in and out.
import { get, post, setCsrfToken, type ApiResult } from './api.ts';
import type { Answer, Schema } from './api-types.ts';

export type User = Schema<'User'>;

export async function currentSession(): Promise<User | null> {
  const r = await get('/api/v1/auth/session');
  if (!r.ok) return null;
  setCsrfToken(r.body.csrfToken);
  return r.body.user;
}

export async function signIn(username: string, password: string): Promise<ApiResult<Answer<'/api/v1/auth/login', 'post'>>> {
  const r = await post('/api/v1/auth/login', { body: { username, password } });
  if (r.ok) setCsrfToken(r.body.csrfToken);
  return r;
}

export async function signOut(): Promise<void> {
  await post('/api/v1/auth/logout');
  setCsrfToken(undefined);
}
