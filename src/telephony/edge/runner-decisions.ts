// otvet's decisions (the SSE stream's shape) as the call core's inputs, with the operator's phones
// looked up in the registrar at that moment: whom to ring is known only when the decision comes.
import type { Peer } from '../sip/message.ts';
import type { Decision as StreamDecision } from '../otvet/decisions.ts';
import type { Decision } from './call-inputs.ts';

/** One registered phone of an operator: its Contact URI and where to send to it (the flow it registered from). */
export interface PhoneContact {
  uri: string;
  target: Peer;
}

/** The core's decision for one from the stream; null when it cannot be acted on (a connect naming nobody). */
export function decisionInput(d: StreamDecision, contactsOf: (username: string) => PhoneContact[]): { decision: Decision; phones: PhoneContact[] } | null {
  const operator = d.operator?.username;
  const phones = operator === undefined ? [] : contactsOf(operator);
  const contacts = phones.map((p) => p.uri);
  const id = { decisionId: d.id };
  switch (d.type) {
    case 'connect':
    case 'callback':
      if (operator === undefined) return null;
      return { decision: { ...id, kind: d.type, operator, contacts }, phones };
    case 'stop_ringing':
      return { decision: { ...id, kind: 'stop_ringing', ...(operator === undefined ? {} : { operator }) }, phones };
    case 'offer_callback':
      return { decision: { ...id, kind: 'offer_callback' }, phones };
    case 'bridge':
      return { decision: { ...id, kind: 'bridge', ...(operator === undefined ? {} : { operator, contacts }) }, phones };
    case 'hangup':
      return { decision: { ...id, kind: 'hangup' }, phones };
    case 'transfer':
      return { decision: { ...id, kind: 'transfer', ...(operator === undefined ? {} : { operator }) }, phones: [] };
  }
}
