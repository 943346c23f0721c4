// The staff apps' API client: same-origin fetch with the session cookie and the CSRF header on
// writes; answers as results, problems (application/problem+json) turned into a sentence to show.
// Paths, parameters, bodies and answers are typed from openapi/openapi.json (api-types.ts).
import type { Answer, Method, Path, PathsOf, RequestArgs } from './api-types.ts';

export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; status: number; message: string; code: string | null; body: unknown };

let csrf: string | undefined;
export function setCsrfToken(token: string | undefined): void {
  csrf = token;
}

/** The session's CSRF token, for an app with its own client. */
export const currentCsrfToken = () => csrf;

// Problems carry an English `detail` for developers; people are told in Russian, by the stable `code`.
const messages: Record<string, string> = {
  'auth.invalid_credentials': 'Неверное имя или пароль.',
  'auth.locked': 'Слишком много неверных паролей: вход временно закрыт. Попробуйте позже или обратитесь к администратору.',
  'auth.csrf': 'Сеанс устарел: обновите страницу.',
  'auth.invalid_token': 'Сеанс завершён: войдите снова.',
  'request.invalid': 'Запрос не принят: проверьте введённые данные.',
  'request.malformed_json': 'Запрос не принят: проверьте введённые данные.',
  'request.rate_limited': 'Слишком много запросов. Подождите немного.',
  'request.too_large': 'Слишком большой объём данных.',
};

/** An app's own sentences for the codes of the API it uses (kept in its strings file). */
export function addProblemMessages(more: Record<string, string>): void {
  Object.assign(messages, more);
}

/** What to tell a person when a request fails. */
export function problemMessage(status: number, body: unknown): string {
  if (status === 0) return 'Нет связи с сервером. Проверьте сеть; запрос можно повторить.';
  const p = body as { code?: string; requestId?: string } | null;
  const known = p?.code ? messages[p.code] : undefined;
  if (known) return known;
  if (status === 401) return 'Сеанс завершён: войдите снова.';
  if (status === 403) return 'Нет прав на это действие.';
  if (status === 404) return 'Не найдено: запись удалена или недоступна.';
  if (status === 409) return 'Действие сейчас невозможно: состояние изменилось. Посмотрите на экран и повторите.';
  if (status === 429) return 'Слишком много попыток. Подождите немного.';
  if (status >= 500) return `Ошибка на сервере. Попробуйте ещё раз; если повторится — сообщите администратору${p?.requestId ? ` (номер запроса ${p.requestId})` : ''}.`;
  return `Запрос не выполнен (код ${status}).`;
}

/** The address of a path with its parameters filled in: apiUrl('/api/v1/calls/{callId}', { path: { callId } }). */
export function apiUrl<P extends Path>(path: P, request: { path?: object; query?: object } = {}): string {
  const params = (request.path ?? {}) as Record<string, string | number>;
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(request.query ?? {})) {
    for (const x of Array.isArray(v) ? v : [v]) if (x !== undefined && x !== null) query.append(k, String(x));
  }
  const q = query.toString();
  return q ? `${filled}?${q}` : filled;
}

/** One request as a result: the answer, or what to tell a person (status 0: no answer from the server). */
export async function request<T>(method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    const res = await fetch(url, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    const parsed: unknown = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    if (res.ok) return { ok: true, status: res.status, body: parsed as T };
    return { ok: false, status: res.status, message: problemMessage(res.status, parsed), code: (parsed as { code?: string } | null)?.code ?? null, body: parsed };
  } catch {
    return { ok: false, status: 0, message: problemMessage(0, null), code: null, body: null };
  }
}

function call<M extends Method, P extends PathsOf<M>>(method: M, path: P, args: unknown[]): Promise<ApiResult<Answer<P, M>>> {
  // (the request's own type was checked at the call by RequestArgs; here only its parts are read)
  const r = (args[0] ?? {}) as { path?: object; query?: object; body?: unknown };
  // writes always carry a JSON body, {} when the operation takes none
  return request<Answer<P, M>>(method.toUpperCase(), apiUrl(path, r), method === 'get' ? undefined : (r.body ?? {}));
}

export const get = <P extends PathsOf<'get'>>(path: P, ...args: RequestArgs<P, 'get'>) => call('get', path, args);
export const post = <P extends PathsOf<'post'>>(path: P, ...args: RequestArgs<P, 'post'>) => call('post', path, args);
export const put = <P extends PathsOf<'put'>>(path: P, ...args: RequestArgs<P, 'put'>) => call('put', path, args);
export const del = <P extends PathsOf<'delete'>>(path: P, ...args: RequestArgs<P, 'delete'>) => call('delete', path, args);
