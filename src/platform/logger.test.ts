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

describe('logged request URLs', () => {
  it('mask phone numbers typed into a query, however encoded, and keep the rest as it came', () => {
    const { lines, logger } = capture();
    const urls = [
      '/api/v1/kb/search?q=%2B7%20916%20123-45-67&limit=5',
      '/search?q=%D0%BD%D0%BE%D0%BC%D0%B5%D1%80+8+(916)+123+45+67',
      '/api/v1/kb/suggest?region=77&q=89161234567',
      '/search?q=8%20916%20123%2045%2067%ZZ',
      '/89161234567',
    ];
    for (const url of urls) logger.info({ req: { method: 'GET', url, headers: {} } }, 'incoming request');
    const logged = lines.map((l) => JSON.parse(l).req.url as string);
    expect(logged.filter((u) => /\d{7}|916|123.{0,3}45/.test(u))).toEqual([]);
    expect(logged[0]).toBe(`/api/v1/kb/search?q=${encodeURIComponent('+7 *** ***-**-67')}&limit=5`);
    expect(new URL(logged[1]!, 'http://x').searchParams.get('q')).toBe('номер +7 *** ***-**-67');
    expect(logged[2]).toBe(`/api/v1/kb/suggest?region=77&q=${encodeURIComponent('+7 *** ***-**-67')}`);
    expect(logged[3]).toContain('***-**-67');
    expect(logged[4]).toContain('***-**-67');
  });

  it('leave URLs without phone numbers byte for byte', () => {
    const { lines, logger } = capture();
    const urls = ['/api/v1/kb/search?q=%D0%BF%D0%BE%D1%81%D0%BE%D0%B1%D0%B8%D0%B5+2024&limit=10', '/api/v1/calls/550e8400-e29b-41d4-a716-446655440000?x=%E0%A4%A', '/healthz'];
    for (const url of urls) logger.info({ req: { method: 'GET', url } }, 'incoming request');
    expect(lines.map((l) => JSON.parse(l).req)).toEqual(urls.map((url) => ({ method: 'GET', url })));
  });

  it('drop the navigator’s query (a citizen’s circumstances), keeping its path', () => {
    const { lines, logger } = capture();
    const urls = ['/navigator/questions?status=volunteer&is_injured=true&answered=is_injured', '/navigator/result?is_pregnant=true', '/navigator?x=1', '/navigatorx?q=1'];
    for (const url of urls) logger.info({ req: { method: 'GET', url } }, 'incoming request');
    expect(lines.map((l) => JSON.parse(l).req.url)).toEqual(['/navigator/questions?[redacted]', '/navigator/result?[redacted]', '/navigator?[redacted]', '/navigatorx?q=1']);
  });
});
