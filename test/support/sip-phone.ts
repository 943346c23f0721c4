// An operator's phone for registrar tests: a SipStack of its own on 127.0.0.1 (port 0) that sends
// REGISTERs as a phone does (one Call-ID, a CSeq that grows) and answers a digest challenge. The
// digest is computed here with node:crypto, not with the edge's digest.ts, so the two check each other.
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { parseAuthValue } from '../../src/telephony/sip/auth-params.ts';
import { headers } from '../../src/telephony/sip/message.ts';
import type { HeaderField, Peer, SipRequest, SipResponse } from '../../src/telephony/sip/message.ts';
import { SipStack } from '../../src/telephony/sip/stack.ts';

export type Algorithm = 'SHA-256' | 'MD5';

export interface RegisterShape {
  /** Contacts to send (default: this phone's own); '*' for Contact: *. */
  contacts?: string[] | '*';
  /** The Expires header, when given. */
  expires?: number;
  /** To and From users (default: the phone's user). */
  toUser?: string;
  fromUser?: string;
  /** Use this CSeq number rather than the next one. */
  cseq?: number;
  callId?: string;
  userAgent?: string;
  extra?: HeaderField[];
  authorization?: string;
}

export interface PhoneOptions {
  user: string;
  password: string;
  /** Which challenge to answer (default SHA-256). */
  algorithm?: Algorithm;
  /** The username in the credentials, when it differs from `user`. */
  authUser?: string;
}

export class TestPhone {
  readonly callId = `${randomBytes(8).toString('hex')}@127.0.0.1`;
  cseq = 0;
  /** Every response received, in order. */
  readonly responses: SipResponse[] = [];
  private constructor(
    readonly stack: SipStack,
    readonly protocol: Peer['transport'],
    readonly registrar: Peer,
    readonly opts: PhoneOptions,
  ) {}

  static async open(protocol: Peer['transport'], registrar: Peer, opts: PhoneOptions): Promise<TestPhone> {
    const stack = await SipStack.listen(protocol === 'udp' ? { udp: 0 } : protocol === 'tcp' ? { tcp: 0 } : { ws: 0 });
    return new TestPhone(stack, protocol, registrar, opts);
  }

  get port(): number {
    return this.stack.addresses[0]!.port;
  }

  /** This phone's Contact URI. */
  get contact(): string {
    return `sip:${this.opts.user}@127.0.0.1:${this.port}${this.protocol === 'udp' ? '' : `;transport=${this.protocol}`}`;
  }

  get requestUri(): string {
    return `sip:127.0.0.1:${this.registrar.port}`;
  }

  /** One REGISTER, its final response. */
  async send(shape: RegisterShape = {}): Promise<SipResponse> {
    const req = this.build(shape);
    const tx = this.stack.sendRequest(req, this.registrar);
    const [res] = (await once(tx, 'final')) as [SipResponse];
    this.responses.push(res);
    return res;
  }

  /** REGISTER, and when challenged, again with credentials for the challenge of our algorithm (as a phone does): the last response. */
  async register(shape: RegisterShape = {}): Promise<SipResponse> {
    const first = await this.send(shape);
    if (first.status !== 401) return first;
    return this.send({ ...shape, cseq: undefined, authorization: this.answer(first) });
  }

  /** The Authorization answering a 401 with our algorithm's challenge. */
  answer(challenge: SipResponse, nc = '00000001'): string {
    const alg = this.opts.algorithm ?? 'SHA-256';
    const value = headers(challenge, 'WWW-Authenticate').find((v) => parseAuthValue(v).params.get('algorithm') === alg);
    if (!value) throw new Error(`no ${alg} challenge in the 401`);
    return digestAuthorization(value, alg, this.opts.authUser ?? this.opts.user, this.opts.password, 'REGISTER', this.requestUri, nc);
  }

  close(): Promise<void> {
    return this.stack.close();
  }

  private build(shape: RegisterShape): SipRequest {
    this.cseq = shape.cseq ?? this.cseq + 1;
    const to = shape.toUser ?? this.opts.user;
    const from = shape.fromUser ?? this.opts.user;
    const fields: HeaderField[] = [
      { name: 'Max-Forwards', value: '70' },
      { name: 'From', value: `<sip:${from}@127.0.0.1>;tag=${randomBytes(4).toString('hex')}` },
      { name: 'To', value: `<sip:${to}@127.0.0.1>` },
      { name: 'Call-ID', value: shape.callId ?? this.callId },
      { name: 'CSeq', value: `${this.cseq} REGISTER` },
    ];
    const contacts = shape.contacts ?? [this.contact];
    if (contacts === '*') fields.push({ name: 'Contact', value: '*' });
    else for (const c of contacts) fields.push({ name: 'Contact', value: c.startsWith('<') ? c : `<${c}>` });
    if (shape.expires !== undefined) fields.push({ name: 'Expires', value: String(shape.expires) });
    if (shape.userAgent !== undefined) fields.push({ name: 'User-Agent', value: shape.userAgent });
    if (shape.authorization !== undefined) fields.push({ name: 'Authorization', value: shape.authorization });
    fields.push(...(shape.extra ?? []), { name: 'Content-Length', value: '0' });
    return { kind: 'request', method: 'REGISTER', uri: this.requestUri, headers: fields, body: Buffer.alloc(0) };
  }
}

/** An Authorization value for a challenge (qop=auth), computed from scratch. */
export function digestAuthorization(challenge: string, alg: Algorithm, user: string, password: string, method: string, uri: string, nc = '00000001'): string {
  const p = parseAuthValue(challenge, 'WWW-Authenticate').params;
  const cnonce = randomBytes(8).toString('hex');
  const H = (s: string) =>
    createHash(alg === 'MD5' ? 'md5' : 'sha256')
      .update(s)
      .digest('hex');
  const response = H(`${H(`${user}:${p.get('realm')}:${password}`)}:${p.get('nonce')}:${nc}:${cnonce}:auth:${H(`${method}:${uri}`)}`);
  return `Digest username="${user}", realm="${p.get('realm')}", nonce="${p.get('nonce')}", uri="${uri}", response="${response}", algorithm=${alg}, qop=auth, nc=${nc}, cnonce="${cnonce}", opaque="${p.get('opaque')}"`;
}
