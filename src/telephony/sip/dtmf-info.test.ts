import { describe, expect, it } from 'vitest';
import { dtmfFromInfo } from './dtmf-info.ts';

const info = (type: string | undefined, body: string) => dtmfFromInfo(type, Buffer.from(body));

describe('dtmfFromInfo', () => {
  it('reads application/dtmf-relay: Signal and Duration lines', () => {
    expect(info('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n')).toEqual({ kind: 'digit', digit: '5', durationMs: 160 });
    expect(info('Application/DTMF-Relay; charset=x', 'signal= #\n')).toEqual({ kind: 'digit', digit: '#' });
    expect(info('application/dtmf-relay', 'Signal=10\r\nDuration=100\r\n')).toEqual({ kind: 'digit', digit: '*', durationMs: 100 });
  });

  it('reads application/dtmf: the key alone, or its event number', () => {
    expect(info('application/dtmf', '2')).toEqual({ kind: 'digit', digit: '2' });
    expect(info('application/dtmf', '11\r\n')).toEqual({ kind: 'digit', digit: '#' });
    expect(info('application/dtmf', 'd')).toEqual({ kind: 'digit', digit: 'D' });
  });

  it('tells a body without a key from a type without DTMF', () => {
    expect(info('application/dtmf-relay', 'Duration=160')).toEqual({ kind: 'invalid' });
    expect(info('application/dtmf', '42')).toEqual({ kind: 'invalid' });
    expect(info('application/sdp', 'v=0')).toEqual({ kind: 'unsupported' });
    expect(info(undefined, 'x')).toEqual({ kind: 'unsupported' });
  });
});
