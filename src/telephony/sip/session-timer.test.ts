import { describe, expect, it } from 'vitest';
import { request } from '../../../test/support/sip-messages.ts';
import type { HeaderField } from './message.ts';
import { expirySeconds, negotiateAsUas, parseMinSE, parseSessionExpires, readUacResult, uasTimerHeaders } from './session-timer.ts';
import { SipParseError } from './errors.ts';

const policy = { interval: 1800, minSE: 120 };
const invite = (...extra: HeaderField[]) => request('INVITE', { extra });
const supported = { name: 'Supported', value: 'timer' };

describe('Session-Expires and Min-SE', () => {
  it('reads the interval and the refresher, case and spaces aside', () => {
    expect(parseSessionExpires('1800')).toEqual({ seconds: 1800 });
    expect(parseSessionExpires('90 ; refresher = UAS')).toEqual({ seconds: 90, refresher: 'uas' });
    expect(parseMinSE('90;x=y')).toBe(90);
  });

  it('refuses zero, words and an unknown refresher', () => {
    for (const bad of ['0', 'soon', '90;refresher=proxy', '-5']) expect(() => parseSessionExpires(bad)).toThrow(SipParseError);
  });
});

describe('negotiateAsUas (RFC 4028 §9)', () => {
  it('422 with our Min-SE when the interval is below it and the peer supports timers', () => {
    const d = negotiateAsUas(invite(supported, { name: 'Session-Expires', value: '90' }), policy);
    expect(d).toEqual({ kind: 'reject', minSE: 120 });
    expect(uasTimerHeaders(d)).toEqual([{ name: 'Min-SE', value: '120' }]);
  });

  it('keeps a short interval a proxy inserted for a peer that knows nothing of timers: we refresh', () => {
    expect(negotiateAsUas(invite({ name: 'Session-Expires', value: '90' }), policy)).toEqual({ kind: 'timer', seconds: 90, refresher: 'uas', require: false });
  });

  it('keeps the interval and refresher the peer asked for; Require: timer when the peer refreshes', () => {
    const d = negotiateAsUas(invite(supported, { name: 'Session-Expires', value: '600;refresher=uac' }), policy);
    expect(d).toEqual({ kind: 'timer', seconds: 600, refresher: 'uac', require: true });
    expect(uasTimerHeaders(d)).toEqual([
      { name: 'Session-Expires', value: '600;refresher=uac' },
      { name: 'Require', value: 'timer' },
    ]);
  });

  it('lets a peer that supports timers refresh when it named no refresher', () => {
    expect(negotiateAsUas(invite(supported, { name: 'Session-Expires', value: '600' }), policy)).toMatchObject({ refresher: 'uac' });
  });

  it('offers our interval (at least the peer’s Min-SE) to a peer that supports timers but asked for none; nothing to one that does not', () => {
    expect(negotiateAsUas(invite(supported), policy)).toEqual({ kind: 'timer', seconds: 1800, refresher: 'uac', require: true });
    expect(negotiateAsUas(invite(supported, { name: 'Min-SE', value: '3600' }), policy)).toMatchObject({ seconds: 3600 });
    expect(negotiateAsUas(invite(), policy)).toEqual({ kind: 'none' });
  });
});

describe('the UAC side and expiry', () => {
  it('reads the 2xx’s interval and refresher (uac when it names none); none without Session-Expires', () => {
    const ok = (value?: string) => ({ ...request('INVITE', { extra: value ? [{ name: 'Session-Expires', value }] : [] }) });
    expect(readUacResult(ok('900;refresher=uas'))).toEqual({ seconds: 900, refresher: 'uas' });
    expect(readUacResult(ok('900'))).toEqual({ seconds: 900, refresher: 'uac' });
    expect(readUacResult(ok())).toBeUndefined();
  });

  it('gives up the interval less min(32 s, a third of it) after a refresh (§10)', () => {
    expect(expirySeconds(1800)).toBe(1768);
    expect(expirySeconds(90)).toBe(60);
  });
});
