// The demo's side of otvet, through the public API as an admin would work it (no database access:
// `npm start` holds PGlite's folder): sign in, the edge's account and a telephony token for it
// (docs/telephony.md names the same steps with the CLI), operator-77's SIP password, who else is at
// work, a call's state; the token revoked at the end. Answers are checked against the shapes read.
import { z } from 'zod';
import { OtvetError } from '../otvet/connection.ts';

const USER_AGENT = 'otvet-telephony-demo/1';

const login = z.object({ csrfToken: z.string().min(1) });
const user = z.object({ id: z.number().int(), username: z.string(), region: z.string(), disabledAt: z.string().nullable() });
const created = z.object({ user });
const users = z.object({ items: z.array(user) });
const token = z.object({ token: z.object({ id: z.number().int() }), secret: z.string().regex(/^otvet_/) });
const operators = z.object({ items: z.array(z.object({ username: z.string(), region: z.string(), state: z.string() })) });
const call = z.object({
  callId: z.string(),
  state: z.string(),
  topic: z.string().nullable(),
  operator: z.object({ username: z.string().nullable() }).nullable(),
  wrappedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  events: z.array(z.object({ id: z.string(), type: z.string(), source: z.string(), data: z.record(z.string(), z.unknown()) })),
});
export type DemoCall = z.infer<typeof call>;

/** otvet cannot be reached at all (not running, wrong --url). */
export class OtvetUnreachable extends Error {
  constructor(url: string, cause: unknown) {
    super(
      `otvet does not answer at ${url} (${(cause as Error).cause instanceof Error ? ((cause as Error).cause as Error).message : (cause as Error).message}): is \`npm start\` running? (--url says where)`,
    );
    this.name = 'OtvetUnreachable';
  }
}

export class DemoAdmin {
  private constructor(
    readonly url: string,
    private readonly cookie: string,
    private readonly csrf: string,
  ) {}

  /** Signs in with the admin's password (POST /api/v1/auth/login); a refusal says what otvet said. */
  static async signIn(url: string, username: string, password: string): Promise<DemoAdmin> {
    const base = url.replace(/\/+$/, '');
    let res: Response;
    try {
      res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT },
        body: JSON.stringify({ username, password }),
      });
    } catch (e) {
      throw new OtvetUnreachable(base, e);
    }
    if (res.status !== 200) throw await OtvetError.from('POST', '/api/v1/auth/login', res);
    const session = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('otvet_session='));
    if (!session) throw new Error('otvet signed in but set no session cookie');
    return new DemoAdmin(base, session, read(login, await res.json(), 'POST /api/v1/auth/login').csrfToken);
  }

  /** The edge's own account (an admin of the region, as docs/telephony.md has it): made once, then reused. */
  async edgeAccount(username: string, region: string): Promise<number> {
    const r = await this.request('POST', '/api/v1/users', { username, displayName: `SIP edge, region ${region}`, role: 'admin', region });
    if (r.status === 201) return read(created, await r.json(), 'POST /api/v1/users').user.id;
    if (r.status !== 409) throw await OtvetError.from('POST', '/api/v1/users', r);
    const list = read(users, await this.get(`/api/v1/users?region=${region}&role=admin&includeDisabled=true`), 'GET /api/v1/users');
    const found = list.items.find((u) => u.username === username);
    if (!found) throw new Error(`an account ${username} exists, but not as an admin of region ${region}: remove it or rename it`);
    if (found.disabledAt) await this.expect('POST', `/api/v1/users/${found.id}/enable`, undefined, 200);
    return found.id;
  }

  /** A token for the edge with the telephony scope, for a day (revoked when the demo stops). */
  async telephonyToken(userId: number, name: string): Promise<{ id: number; secret: string }> {
    const r = await this.expect('POST', '/api/v1/tokens', { userId, name, scopes: ['telephony'], expiresInDays: 1 }, 201);
    const t = read(token, await r.json(), 'POST /api/v1/tokens');
    return { id: t.token.id, secret: t.secret };
  }

  async revokeToken(id: number): Promise<void> {
    await this.expect('DELETE', `/api/v1/tokens/${id}`, undefined, 200);
  }

  /** Sets an operator's SIP password, as the operator or their region's admin does. */
  async setSipPassword(username: string, password: string): Promise<void> {
    await this.expect('PUT', `/api/v1/operators/${encodeURIComponent(username)}/sip-password`, { password }, 204);
  }

  /** Operators at work (not offline) in the region or the federal reserve, but for `except`: the ACD may give them the call. */
  async othersAtWork(region: string, except: string): Promise<string[]> {
    const list = read(operators, await this.get('/api/v1/operators'), 'GET /api/v1/operators');
    return list.items.filter((o) => o.username !== except && o.state !== 'offline' && (o.region === region || o.region === 'federal')).map((o) => o.username);
  }

  /**
   * The SIP WebSocket the workstation's own phone registers to (otvet's SIP_WS_URL, as its page's
   * policy names it); undefined when otvet has no browser phone.
   */
  async browserPhone(): Promise<string | undefined> {
    const res = await fetch(`${this.url}/operator`, { headers: { 'user-agent': USER_AGENT } });
    if (!/<meta name="otvet-phone" content="1">/.test(await res.text())) return undefined;
    return /connect-src 'self' (wss?:\/\/[^\s;]+)/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
  }

  /** An operator's state (offline, ready, break, ringing, talking, wrap_up); undefined for one without a seat yet (never signed in to work). */
  async operatorState(region: string, username: string): Promise<string | undefined> {
    const list = read(operators, await this.get(`/api/v1/operators?region=${region}`), 'GET /api/v1/operators');
    return list.items.find((o) => o.username === username)?.state;
  }

  /** A call as staff see it; undefined until otvet has it. */
  async call(callId: string): Promise<DemoCall | undefined> {
    const r = await this.request('GET', `/api/v1/calls/${encodeURIComponent(callId)}`);
    if (r.status === 404) return undefined;
    if (r.status !== 200) throw await OtvetError.from('GET', `/api/v1/calls/${callId}`, r);
    return read(call, await r.json(), 'GET /api/v1/calls/{callId}');
  }

  private async get(path: string): Promise<unknown> {
    return (await this.expect('GET', path, undefined, 200)).json();
  }

  private async expect(method: string, path: string, body: unknown, status: number): Promise<Response> {
    const r = await this.request(method, path, body);
    if (r.status !== status) throw await OtvetError.from(method, path, r);
    return r;
  }

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookie, 'user-agent': USER_AGENT };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(this.url + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch (e) {
      throw new OtvetUnreachable(this.url, e);
    }
  }
}

function read<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(`otvet's answer to ${what} is not what the demo reads: ${z.prettifyError(r.error)}`);
  return r.data;
}
