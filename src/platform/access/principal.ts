// Who is acting. Every service call carries an ActorContext: the signed-in user (via session or API
// token), the command line, or the system itself, plus where the request came from (for the audit log).

export const roles = ['operator', 'supervisor', 'editor', 'coordinator', 'agency_officer', 'admin'] as const;
export type Role = (typeof roles)[number];

/** 'federal' or a two-digit region code. */
export type RegionScope = string;
export const FEDERAL = 'federal';

export interface Principal {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  region: RegionScope;
  via: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
  tokenId?: number;
  /** An API token limited to some permissions: their prefixes (e.g. "telephony"). */
  scopes?: string[];
  /** A telephony edge's token whose PBX routes its calls itself (otvet's ACD leaves them alone). */
  routing?: 'pbx';
}

/** Who routes the calls a telephony edge reports: otvet's ACD, or the edge's own PBX. */
export const tokenRoutings = ['otvet', 'pbx'] as const;
export type TokenRouting = (typeof tokenRoutings)[number];

export interface ActorContext {
  principal: Principal | null;
  /** cli and system act with full rights: they already hold the database. */
  via: 'session' | 'token' | 'cli' | 'system' | 'anonymous';
  /** For cli: the operating-system user who ran the command. */
  name?: string;
  ip?: string;
  userAgent?: string;
  requestId?: string;
  /** A session cookie came but its session has ended (so "sign in again", not "sign in"). */
  sessionEnded?: boolean;
}

export const systemActor = (name = 'system'): ActorContext => ({ principal: null, via: 'system', name });
export const cliActor = (name: string): ActorContext => ({ principal: null, via: 'cli', name });

export function isFederal(p: Principal) {
  return p.region === FEDERAL;
}
