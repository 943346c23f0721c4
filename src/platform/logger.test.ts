import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', format: 'json' }, stream) };
}

describe('logger', () => {
  it('redacts personal data and secrets at any depth, whoever logs them', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        password: 'hunter2hunter2',
        call: { callerNumber: '+79161234567', region: '77' },
        appeal: { appellant: { fullName: 'Иванов Иван', email: 'ivan@example.ru' } },
        req: { headers: { authorization: 'Bearer otvet_secret', cookie: 'otvet_session=abc', 'x-csrf-token': 'xyz' } },
      },
      'something happened',
    );
    const text = lines.join('');
    for (const secret of ['hunter2hunter2', '+79161234567', 'Иванов', 'ivan@example.ru', 'otvet_secret', 'otvet_session=abc', 'xyz']) {
      expect(text).not.toContain(secret);
    }
    const entry = JSON.parse(lines[0]!);
    expect(entry.call.region).toBe('77');
    expect(entry.call.callerNumber).toBe('[redacted]');
    expect(entry.appeal.appellant.fullName).toBe('[redacted]');
    expect(entry.msg).toBe('something happened');
  });
});
