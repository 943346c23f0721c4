import { describe, expect, it } from 'vitest';
import { header, headers } from '../sip/message.ts';
import type { OpenCall, PhoneDialog } from './open-calls.ts';
import { byeFor, CSEQ_MARGIN, restartEvent } from './restart.ts';

const NOW = Date.parse('2026-12-05T10:30:00.000Z');
const phone: PhoneDialog = {
  dialog: {
    role: 'uac',
    callId: 'leg-1@edge',
    localTag: 'edge-tag',
    remoteTag: 'phone-tag',
    localParty: '"122" <sip:122@192.0.2.1>;tag=edge-tag',
    remoteParty: '<sip:ivanova@198.51.100.7:5070>;tag=phone-tag',
    routeSet: ['<sip:proxy.example;lr>'],
    remoteTarget: 'sip:ivanova@198.51.100.7:5070',
    localSeq: 3,
  },
  flow: { transport: 'udp', address: '198.51.100.7', port: 5070 },
};

describe('a call left open by an edge that died', () => {
  it('in a conversation: ended because the edge restarted, dated now, with an id of its own', () => {
    const call: OpenCall = { callId: 'edge-abc', at: '2026-12-05T10:00:00.000Z', talking: { operator: 'ivanova', phone } };
    expect(restartEvent(call, NOW)).toEqual({ id: 'edge-abc-restart', callId: 'edge-abc', type: 'ended', at: '2026-12-05T10:30:00.000Z', reason: 'edge_restarted' });
  });

  it('before an answer: abandoned because the edge restarted', () => {
    expect(restartEvent({ callId: 'edge-abc', at: '2026-12-05T10:00:00.000Z' }, NOW)).toEqual({
      id: 'edge-abc-restart',
      callId: 'edge-abc',
      type: 'abandoned',
      at: '2026-12-05T10:30:00.000Z',
      reason: 'edge_restarted',
    });
  });

  it('the operator’s phone gets a BYE in its dialog as kept, its CSeq well above the last one seen', () => {
    const bye = byeFor(phone);
    expect(bye.method).toBe('BYE');
    expect(bye.uri).toBe('sip:ivanova@198.51.100.7:5070');
    expect(headers(bye, 'Route')).toEqual(['<sip:proxy.example;lr>']);
    expect(header(bye, 'Call-ID')).toBe('leg-1@edge');
    expect(header(bye, 'From')).toBe('"122" <sip:122@192.0.2.1>;tag=edge-tag');
    expect(header(bye, 'To')).toBe('<sip:ivanova@198.51.100.7:5070>;tag=phone-tag');
    expect(header(bye, 'CSeq')).toBe(`${3 + CSEQ_MARGIN + 1} BYE`);
  });
});
