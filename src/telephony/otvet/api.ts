// The edge's other questions to otvet, each a typed GET: the operators' SIP credentials (digest
// HA1s, never passwords) for the registrar, a region's IVR menu, and a waiting call's estimate
// for the hold announcements. Answers are checked against their shapes: a changed API fails here,
// with a message, not later inside a call.
import { z } from 'zod';
import { headersOf, OtvetError, urlOf, type OtvetConnection } from './connection.ts';

// `username` is the digest username; `operator` the address-of-record it registers (the same for an
// operator's own password; `${operator}~…` for a browser session's credential, which expires).
// An otvet from before session credentials sends neither `operator`, `kind` nor `expiresAt`: its
// rows are passwords, so an edge upgraded first keeps working (and over WebSocket accepts nobody).
const credential = z
  .object({
    username: z.string().min(1),
    operator: z.string().min(1).optional(),
    kind: z.enum(['password', 'session']).default('password'),
    realm: z.string(),
    ha1Md5: z.string().regex(/^[0-9a-f]{32}$/i),
    ha1Sha256: z.string().regex(/^[0-9a-f]{64}$/i),
    updatedAt: z.string(),
    expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
  })
  .refine((c) => c.kind === 'password' || (c.operator !== undefined && c.expiresAt !== null), { message: 'a session credential names its operator and expiry', path: ['kind'] })
  .transform((c) => ({ ...c, operator: c.operator ?? c.username }));
export type SipCredential = z.infer<typeof credential>;
// `next` is an opaque cursor (a commit horizon, so a late commit is never skipped): pass it back as `since`.
const credentialsPage = z.object({ realm: z.string(), items: z.array(credential), removed: z.array(z.string()), next: z.string().min(1) });
export type SipCredentialsPage = z.infer<typeof credentialsPage>;

const ivrMenu = z.object({
  greeting: z.string().nullish(),
  timeoutSeconds: z.number().positive(),
  items: z.array(
    z.object({
      digit: z
        .union([z.string(), z.number()])
        .transform(String)
        .pipe(z.string().regex(/^[0-9*#]$/, 'a key of the phone: 0-9, * or #')),
      section: z.string().min(1),
    }),
  ),
});
export type IvrMenu = z.infer<typeof ivrMenu>;

const callWait = z.object({
  state: z.string(),
  /** 1 = next; null when not waiting. */
  position: z
    .number()
    .int()
    .nullish()
    .transform((v) => v ?? null),
  estimatedWaitSeconds: z
    .number()
    .nullish()
    .transform((v) => v ?? null),
});
export type CallWait = z.infer<typeof callWait>;

export class OtvetApi {
  constructor(
    private readonly connection: OtvetConnection,
    private readonly opts: { timeoutMs?: number } = {},
  ) {}

  /** Operators' digest credentials: all, or what changed after `since` (the `next` of an earlier page) with whom to forget. */
  async sipCredentials(since?: string): Promise<SipCredentialsPage> {
    return (await this.get(`/api/v1/telephony/sip-credentials${since ? `?since=${encodeURIComponent(since)}` : ''}`, credentialsPage))!;
  }

  /** The region's IVR menu: digit → knowledge-base section. */
  async ivrMenu(region: string): Promise<IvrMenu> {
    return (await this.get(`/api/v1/regions/${encodeURIComponent(region)}/ivr-menu`, ivrMenu))!;
  }

  /** Where a waiting call stands and how long it may wait; null when otvet does not know the call (yet). */
  callWait(callId: string): Promise<CallWait | null> {
    return this.get(`/api/v1/telephony/calls/${encodeURIComponent(callId)}/wait`, callWait, true);
  }

  /** The answer checked against its shape; null for a 404 when nullOn404. */
  private async get<T>(path: string, schema: z.ZodType<T>, nullOn404 = false): Promise<T | null> {
    const res = await (this.connection.fetch ?? fetch)(urlOf(this.connection, path), {
      headers: headersOf(this.connection, { accept: 'application/json' }),
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
    });
    if (res.status === 404 && nullOn404) {
      await res.body?.cancel();
      return null;
    }
    if (res.status !== 200) throw await OtvetError.from('GET', path, res);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new OtvetError('GET', path, res.status, 'the answer is not JSON');
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new OtvetError('GET', path, res.status, `unexpected answer: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    return parsed.data;
  }
}
