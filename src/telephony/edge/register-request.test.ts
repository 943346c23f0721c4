import { describe, expect, it } from 'vitest';
import { request } from '../../../test/support/sip-messages.ts';
import { readRegister } from './register-request.ts';

const limits = { min: 60, max: 3600, default: 1800 };
const register = (contacts: string[], expires?: number) =>
  request('REGISTER', { extra: [...contacts.map((value) => ({ name: 'Contact', value })), ...(expires === undefined ? [] : [{ name: 'Expires', value: String(expires) }])] });

describe('readRegister', () => {
  it('grants each contact its expires parameter, else the Expires header, else the default, cut to the maximum', () => {
    const plan = readRegister(register(['<sip:a@192.0.2.1>;expires=120;q=0.5', 'sip:b@192.0.2.1', '<sip:c@192.0.2.1>;expires=99999'], 600), limits);
    expect(plan).toMatchObject({
      kind: 'update',
      contacts: [
        { uri: 'sip:a@192.0.2.1', expires: 120 },
        { uri: 'sip:b@192.0.2.1', expires: 600 },
        { uri: 'sip:c@192.0.2.1', expires: 3600 },
      ],
    });
    expect(plan.kind === 'update' && plan.contacts !== '*' && [...plan.contacts[0]!.params]).toEqual([['q', '0.5']]); // expires is not kept among the params
    expect(readRegister(register(['sip:b@192.0.2.1']), limits)).toMatchObject({ contacts: [{ expires: 1800 }] });
  });

  it('refuses a nonzero expiry below the minimum (423); 0 is a removal, not too brief', () => {
    expect(readRegister(register(['sip:a@192.0.2.1'], 59), limits)).toEqual({ kind: 'refuse', status: 423, reason: 'Interval Too Brief' });
    expect(readRegister(register(['<sip:a@192.0.2.1>;expires=1'], 600), limits)).toMatchObject({ status: 423 });
    expect(readRegister(register(['sip:a@192.0.2.1'], 0), limits)).toMatchObject({ kind: 'update', contacts: [{ expires: 0 }] });
  });

  it('takes Contact: * alone and with Expires: 0 only', () => {
    expect(readRegister(register(['*'], 0), limits)).toEqual({ kind: 'update', contacts: '*' });
    expect(readRegister(register(['*']), limits)).toMatchObject({ kind: 'refuse', status: 400 });
    expect(readRegister(register(['*'], 60), limits)).toMatchObject({ kind: 'refuse', status: 400 });
    expect(readRegister(register(['*', 'sip:a@192.0.2.1'], 0), limits)).toMatchObject({ kind: 'refuse', status: 400 });
  });

  it('is a query without Contact; refuses a contact the edge could not call (tel:)', () => {
    expect(readRegister(register([]), limits)).toEqual({ kind: 'query' });
    expect(readRegister(register(['<tel:+74951234567>']), limits)).toMatchObject({ kind: 'refuse', status: 400 });
  });
});
