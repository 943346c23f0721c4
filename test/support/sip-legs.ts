// An edge for leg tests: a SipStack with the user agent core, the caller legs its INVITEs make, and a
// recorder of a leg's events that tests await by name (`await events.next('ended')`).
import type { EventEmitter } from 'node:events';
import { CallerLeg } from '../../src/telephony/edge/caller-leg.ts';
import type { CallerLegOptions } from '../../src/telephony/edge/caller-leg.ts';
import type { Peer, SipRequest } from '../../src/telephony/sip/message.ts';
import type { SessionTimerPolicy } from '../../src/telephony/sip/session-timer.ts';
import { SipStack } from '../../src/telephony/sip/stack.ts';
import type { SipStackOptions } from '../../src/telephony/sip/stack.ts';
import { UserAgentCore } from '../../src/telephony/sip/ua-core.ts';
import { Mailbox } from './sip-peer.ts';
import { request } from './sip-messages.ts';
import type { HeaderField } from '../../src/telephony/sip/message.ts';

export interface EdgeOptions extends Omit<SipStackOptions, 'udp' | 'tcp' | 'ws'> {
  sessionTimer?: SessionTimerPolicy;
  leg?: CallerLegOptions;
  /** What each new caller leg does at once (default: nothing; the test drives it). */
  onLeg?: (leg: CallerLeg) => void;
}

export async function startEdge(protocol: Peer['transport'], options: EdgeOptions = {}) {
  const stack = await SipStack.listen({ ...options, [protocol]: 0 });
  const core = new UserAgentCore(stack, options.sessionTimer ? { sessionTimer: options.sessionTimer } : {});
  const legs = new Mailbox<CallerLeg>();
  core.onInvite((tx, invite, source) => {
    const leg = new CallerLeg(core, tx, invite, source, options.leg);
    options.onLeg?.(leg);
    legs.push(leg);
  });
  return { stack, core, legs, address: stack.addresses[0]!, close: () => stack.close() };
}

export interface LegEvent {
  name: string;
  args: unknown[];
}

/** Every event of `emitter` with these names, in order; next(name) waits for the next unread one of that name. */
export class EventLog {
  readonly box = new Mailbox<LegEvent>();

  constructor(emitter: EventEmitter<any>, names: string[]) {
    for (const name of names) emitter.on(name, (...args: unknown[]) => this.box.push({ name, args }));
  }

  next(name: string): Promise<LegEvent> {
    return this.box.next((e) => e.name === name);
  }

  /** The names of every event so far. */
  get names(): string[] {
    return this.box.all.map((e) => e.name);
  }
}

export const CALLER_EVENTS = ['confirmed', 'ended', 'digit', 'offer', 'refreshed'];
export const OPERATOR_EVENTS = ['provisional', 'answered', 'failed', 'ended', 'digit', 'offer', 'refreshed'];

/** A trunk's INVITE (no Via: the stack adds it) with its Contact on `from` and an SDP offer. */
export function trunkInvite(from: Peer, o: { callId?: string; extra?: HeaderField[]; sdp?: string } = {}): SipRequest {
  const transport = from.transport === 'udp' ? '' : `;transport=${from.transport}`;
  const invite = request('INVITE', {
    noVia: true,
    callId: o.callId ?? `call-${Math.random().toString(36).slice(2)}`,
    extra: [{ name: 'Contact', value: `<sip:trunk@${from.address}:${from.port}${transport}>` }, ...(o.extra ?? []), ...(o.sdp === '' ? [] : [{ name: 'Content-Type', value: 'application/sdp' }])],
  });
  if (o.sdp !== '') invite.body = Buffer.from(o.sdp ?? 'v=0\r\no=trunk 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 8\r\n');
  return invite;
}
