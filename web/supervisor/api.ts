// The few API calls of this view, as results rather than exceptions (a refusal is shown, not thrown).
// status 0 = no answer from the server (network).

export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; status: number; body: unknown };

let csrf: string | undefined;
export function setCsrfToken(token: string | undefined) {
  csrf = token;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    const res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    const parsed: unknown = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    return res.ok ? { ok: true, status: res.status, body: parsed as T } : { ok: false, status: res.status, body: parsed };
  } catch {
    return { ok: false, status: 0, body: null };
  }
}

export const getJson = <T>(path: string) => call<T>('GET', path);
export const postJson = <T>(path: string, body: unknown) => call<T>('POST', path, body);
