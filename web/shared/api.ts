// The staff apps' API client: same-origin fetch with the session cookie and the CSRF header on
// writes; answers as results, problems (application/problem+json) turned into a sentence to show.

export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; status: number; message: string; code: string | null; body: unknown };

let csrf: string | undefined;
export function setCsrfToken(token: string | undefined): void {
  csrf = token;
}

/** The session's CSRF token, for an app with its own client. */
export const currentCsrfToken = () => csrf;

/** What to tell a person when a request fails. */
export function problemMessage(status: number, body: unknown): string {
  if (status === 0) return 'Нет связи с сервером. Проверьте сеть; запрос можно повторить.';
  const p = body as { detail?: string; code?: string } | null;
  if (status === 401) return 'Сеанс завершён: войдите снова.';
  if (status === 403) return p?.detail ? `Нет прав: ${p.detail}` : 'Нет прав на это действие.';
  if (status === 429) return 'Слишком много попыток. Подождите немного.';
  if (status >= 500) return 'Ошибка на сервере. Попробуйте ещё раз; если повторится — сообщите администратору.';
  return p?.detail ?? `Запрос не выполнен (${status}).`;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    const res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    const parsed: unknown = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    if (res.ok) return { ok: true, status: res.status, body: parsed as T };
    return { ok: false, status: res.status, message: problemMessage(res.status, parsed), code: (parsed as { code?: string } | null)?.code ?? null, body: parsed };
  } catch {
    return { ok: false, status: 0, message: problemMessage(0, null), code: null, body: null };
  }
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);
