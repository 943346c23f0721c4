import { describe, expect, it } from 'vitest';
import type { Decision } from '../otvet/decisions.ts';
import { decisionInput, type PhoneContact } from './runner-decisions.ts';

const phones: Record<string, PhoneContact[]> = {
  ivanova: [
    { uri: 'sip:ivanova@10.0.0.7:5062', target: { transport: 'udp', address: '203.0.113.9', port: 40112 } },
    { uri: 'sip:ivanova@10.0.0.8', target: { transport: 'tcp', address: '10.0.0.8', port: 50001 } },
  ],
};
const contactsOf = (u: string) => phones[u] ?? [];
const decision = (type: Decision['type'], operator?: string): Decision => ({
  id: `d-${type}`,
  type,
  callId: 'c1',
  region: '77',
  queueRegion: '77',
  ...(operator ? { operator: { id: 31, username: operator } } : {}),
  at: '2026-12-05T10:00:00.000Z',
});

describe("otvet's decisions as the call core's inputs", () => {
  it('connect and callback ring the operator’s phones registered now (none: nobody rings)', () => {
    expect(decisionInput(decision('connect', 'ivanova'), contactsOf)).toEqual({
      decision: { decisionId: 'd-connect', kind: 'connect', operator: 'ivanova', contacts: ['sip:ivanova@10.0.0.7:5062', 'sip:ivanova@10.0.0.8'] },
      phones: phones.ivanova,
    });
    expect(decisionInput(decision('callback', 'petrov'), contactsOf)?.decision).toEqual({ decisionId: 'd-callback', kind: 'callback', operator: 'petrov', contacts: [] });
    expect(decisionInput(decision('connect'), contactsOf)).toBeNull();
  });

  it('the others, with the operator when named', () => {
    expect(decisionInput(decision('stop_ringing', 'ivanova'), contactsOf)?.decision).toEqual({ decisionId: 'd-stop_ringing', kind: 'stop_ringing', operator: 'ivanova' });
    expect(decisionInput(decision('stop_ringing'), contactsOf)?.decision).toEqual({ decisionId: 'd-stop_ringing', kind: 'stop_ringing' });
    expect(decisionInput(decision('offer_callback'), contactsOf)?.decision).toEqual({ decisionId: 'd-offer_callback', kind: 'offer_callback' });
    expect(decisionInput(decision('bridge', 'ivanova'), contactsOf)?.decision).toMatchObject({ kind: 'bridge', operator: 'ivanova', contacts: ['sip:ivanova@10.0.0.7:5062', 'sip:ivanova@10.0.0.8'] });
    expect(decisionInput(decision('hangup'), contactsOf)?.decision).toEqual({ decisionId: 'd-hangup', kind: 'hangup' });
  });
});
