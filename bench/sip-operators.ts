// bench:sip's operators' phones: every operator registers with the edge (REGISTER, the 401's SHA-256
// challenge answered with their SIP password, 200), all from one UDP port, and a SIPp UAS then
// listens there and answers for all of them (bench/sipp/operator.xml): the edge rings each operator
// at the address their REGISTER came from. SIPp itself cannot register here: it answers only the
// first challenge of a 401, and the edge offers SHA-256 first (RFC 8760), which SIPp 3.6 does not do.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { parseAuthValue } from '../src/telephony/sip/auth-params.ts';
import { digestResponse, ha1 } from '../src/telephony/sip/digest.ts';
import { headers, type SipRequest, type SipResponse } from '../src/telephony/sip/message.ts';
import { SipStack } from '../src/telephony/sip/stack.ts';
import { runSipp, type SippRun } from './sip-sipp.ts';

const HOST = '127.0.0.1';

/** Registers each operator from `port` (then free again for the phones' UAS). */
export async function registerOperators(o: { edgePort: number; port: number; usernames: string[]; password: string }): Promise<void> {
  const stack = await SipStack.listen({ host: HOST, udp: o.port });
  const edge = { transport: 'udp' as const, address: HOST, port: o.edgePort };
  const uri = `sip:${HOST}:${o.edgePort}`;
  const send = async (req: SipRequest): Promise<SipResponse> => {
    const tx = stack.sendRequest(req, edge);
    const [res] = (await once(tx, 'final')) as [SipResponse];
    return res;
  };
  const register = async (user: string) => {
    const callId = `${randomBytes(8).toString('hex')}@${HOST}`;
    const build = (cseq: number, authorization?: string): SipRequest => ({
      kind: 'request',
      method: 'REGISTER',
      uri,
      headers: [
        { name: 'Max-Forwards', value: '70' },
        { name: 'From', value: `<sip:${user}@${HOST}>;tag=${randomBytes(4).toString('hex')}` },
        { name: 'To', value: `<sip:${user}@${HOST}>` },
        { name: 'Call-ID', value: callId },
        { name: 'CSeq', value: `${cseq} REGISTER` },
        { name: 'Contact', value: `<sip:${user}@${HOST}:${o.port}>` },
        { name: 'Expires', value: '3600' },
        { name: 'User-Agent', value: 'otvet bench:sip' },
        ...(authorization ? [{ name: 'Authorization', value: authorization }] : []),
      ],
      body: Buffer.alloc(0),
    });
    const challenge = await send(build(1));
    if (challenge.status !== 401) throw new Error(`${user}'s REGISTER: ${challenge.status}, not a challenge`);
    const offered = headers(challenge, 'WWW-Authenticate').map((v) => parseAuthValue(v, 'WWW-Authenticate').params);
    const p = offered.find((params) => params.get('algorithm') === 'SHA-256');
    if (!p) throw new Error(`${user}'s REGISTER: no SHA-256 challenge`);
    const realm = p.get('realm')!;
    const nonce = p.get('nonce')!;
    const cnonce = randomBytes(8).toString('hex');
    const response = digestResponse('SHA-256', ha1('SHA-256', user, realm, o.password), nonce, '00000001', cnonce, 'REGISTER', uri);
    const opaque = p.get('opaque');
    const authorization = `Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=SHA-256, qop=auth, nc=00000001, cnonce="${cnonce}"${opaque ? `, opaque="${opaque}"` : ''}`;
    const ok = await send(build(2, authorization));
    if (ok.status !== 200) throw new Error(`${user}'s REGISTER with credentials: ${ok.status}`);
  };
  try {
    const queue = [...o.usernames];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let user = queue.shift(); user !== undefined; user = queue.shift()) await register(user);
      }),
    );
  } finally {
    await stack.close();
  }
}

/** The phones: one SIPp UAS on `port` answering every operator's calls, each talking `talkMs` and then hanging up. */
export function operatorPhones(o: { port: number; mediaPort: number; talkMs: number }): SippRun {
  return runSipp({ scenario: 'operator.xml', host: HOST, port: o.port, mediaPort: o.mediaPort, pauseMs: o.talkMs, recvTimeoutMs: 30_000, timeoutSeconds: 24 * 3600 });
}
