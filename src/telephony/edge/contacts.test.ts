import { describe, expect, it } from 'vitest';
import type { Peer } from '../sip/message.ts';
import { ManualClock } from '../sip/transactions/clock.ts';
import { parseUri } from '../sip/uri.ts';
import { Bindings, sameUri } from './contacts.ts';
import type { ContactChange } from './contacts.ts';

const source: Peer = { transport: 'udp', address: '192.0.2.7', port: 40000 };
const contact = (uri: string, expires = 600): ContactChange => ({ uri, params: new Map(), expires });

function table(max = 10) {
  const clock = new ManualClock();
  const bindings = new Bindings(clock, max);
  const events: string[] = [];
  bindings.on('registered', (aor) => events.push(`+${aor}`));
  bindings.on('unregistered', (aor, cause) => events.push(`-${aor}:${cause}`));
  return { clock, bindings, events };
}

describe('Bindings', () => {
  it('adds, refreshes and removes an operator’s contacts, saying when the operator appears and goes', () => {
    const { bindings, events } = table();
    expect(bindings.update('op', { callId: 'c1', cseq: 1, source, contacts: [contact('sip:op@192.0.2.7'), contact('sip:op@192.0.2.8')] })).toEqual({ ok: true, evicted: 0 });
    expect(bindings.update('op', { callId: 'c1', cseq: 2, source, contacts: [contact('sip:op@192.0.2.7', 0)] })).toMatchObject({ ok: true });
    expect(bindings.list('op').map((b) => b.uri)).toEqual(['sip:op@192.0.2.8']);
    bindings.update('op', { callId: 'c2', cseq: 1, source, contacts: '*' });
    expect([bindings.list('op'), bindings.operators, bindings.size]).toEqual([[], 0, 0]);
    expect(events).toEqual(['+op', '-op:removed']);
  });

  it('a contact written differently but the same URI (§19.1.4) is the same binding', () => {
    const { bindings } = table();
    bindings.update('op', { callId: 'c1', cseq: 1, source, contacts: [contact('sip:op@Phone.Example.RU;transport=TCP')] });
    bindings.update('op', { callId: 'c1', cseq: 2, source, contacts: [contact('sip:op@phone.example.ru;transport=tcp;ob')] });
    expect(bindings.list('op').map((b) => b.uri)).toEqual(['sip:op@phone.example.ru;transport=tcp;ob']);
  });

  it('refuses the whole change when one contact was set by the same Call-ID with a CSeq as high (§10.3 step 7)', () => {
    const { bindings } = table();
    bindings.update('op', { callId: 'c1', cseq: 5, source, contacts: [contact('sip:op@192.0.2.7')] });
    expect(bindings.update('op', { callId: 'c1', cseq: 5, source, contacts: [contact('sip:op@192.0.2.9'), contact('sip:op@192.0.2.7', 0)] })).toMatchObject({ ok: false });
    expect(bindings.update('op', { callId: 'c1', cseq: 4, source, contacts: '*' })).toMatchObject({ ok: false });
    expect(bindings.list('op').map((b) => b.uri)).toEqual(['sip:op@192.0.2.7']);
    expect(bindings.update('op', { callId: 'c9', cseq: 1, source, contacts: [contact('sip:op@192.0.2.7', 0)] })).toMatchObject({ ok: true });
  });

  it('expires each binding on the clock, once, and a refresh moves its expiry', () => {
    const { clock, bindings, events } = table();
    bindings.update('op', { callId: 'c1', cseq: 1, source, contacts: [contact('sip:op@192.0.2.7', 60)] });
    clock.advance(30_000);
    bindings.update('op', { callId: 'c1', cseq: 2, source, contacts: [contact('sip:op@192.0.2.7', 60)] });
    clock.advance(59_999);
    expect(bindings.list('op')).toHaveLength(1);
    clock.advance(1);
    expect(bindings.list('op')).toHaveLength(0);
    expect(events).toEqual(['+op', '-op:expired']);
    expect(clock.size).toBe(0);
  });

  it('keeps at most max per operator, replacing the one refreshed longest ago; operators are apart', () => {
    const { clock, bindings } = table(2);
    for (const n of [1, 2, 3]) {
      bindings.update('op', { callId: 'c1', cseq: n, source, contacts: [contact(`sip:op@192.0.2.${n}`)] });
      clock.advance(1000);
    }
    bindings.update('other', { callId: 'c2', cseq: 1, source, contacts: [contact('sip:other@192.0.2.1')] });
    expect(bindings.list('op').map((b) => b.uri)).toEqual(['sip:op@192.0.2.3', 'sip:op@192.0.2.2']);
    expect(bindings.list('other')).toHaveLength(1);
    expect(clock.size).toBe(3); // the evicted binding's timer was stopped
  });

  it('drops the bindings of a closed connection only', () => {
    const { bindings, events } = table();
    const flow: Peer = { transport: 'tcp', address: '192.0.2.7', port: 51000 };
    bindings.update('op', { callId: 'c1', cseq: 1, source: flow, contacts: [contact('sip:op@192.0.2.7;transport=tcp')] });
    bindings.update('op2', { callId: 'c2', cseq: 1, source: { ...flow, port: 51001 }, contacts: [contact('sip:op2@192.0.2.7;transport=tcp')] });
    expect(bindings.dropFlow(flow)).toBe(1);
    expect([bindings.list('op').length, bindings.list('op2').length]).toEqual([0, 1]);
    expect(events).toEqual(['+op', '+op2', '-op:flow']);
  });
});

describe('sameUri (RFC 3261 §19.1.4)', () => {
  const same = (a: string, b: string) => sameUri(parseUri(a), parseUri(b));
  it('follows the RFC’s examples', () => {
    expect(same('sip:%61lice@atlanta.com;transport=TCP', 'sip:alice@AtLanTa.CoM;Transport=tcp')).toBe(true);
    expect(same('sip:carol@chicago.com', 'sip:carol@chicago.com;newparam=5')).toBe(true);
    expect(same('sip:carol@chicago.com;security=on', 'sip:carol@chicago.com;newparam=5')).toBe(true);
    expect(same('sip:ALICE@AtLanTa.CoM;Transport=udp', 'sip:alice@AtLanTa.CoM;Transport=UDP')).toBe(false);
    expect(same('sip:bob@biloxi.com', 'sip:bob@biloxi.com:5060')).toBe(false);
    expect(same('sip:bob@biloxi.com', 'sip:bob@biloxi.com;transport=udp')).toBe(false);
    expect(same('sip:carol@chicago.com;newparam=5', 'sip:carol@chicago.com;newparam=6')).toBe(false);
    expect(same('sip:carol@chicago.com', 'sips:carol@chicago.com')).toBe(false);
  });
});
