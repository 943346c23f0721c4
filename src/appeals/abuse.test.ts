// The public appeal routes against abuse: a burst of filings or of guesses at a status code from
// one address is held back (429, a problem), other addresses are not; oversized bodies are refused
// before anything is stored. (Behind a trusted proxy on this machine, so each client has its own
// address.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../platform/access/principal.ts';
import { startApp, type TestApp } from '../../test/support/app.ts';

const appeal = (email: string, text = 'Хочу помогать в добровольческом центре.') => ({
  type: 'volunteer',
  region: '77',
  name: 'Орлова Анна',
  email,
  text,
  consent: true,
  values: { birth_date: '1990-01-01', directions: ['Донорство крови'] },
});

describe('appeals against abuse', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ trustProxy: { addresses: ['127.0.0.1'] }, appeals: { ratePerMinute: 3 } }, { acd: false });
    await app.services.appealsCatalog.loadDemo(systemActor());
  });
  afterAll(() => app.close());

  it('holds back a burst of status look-ups from one address (a code is not guessed), not others', async () => {
    const guesser = app.client('198.51.100.20');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await guesser.post('/api/v1/appeals/status', { number: '122-2026-000001', code: `GUESS00${i}` })).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    const held = await guesser.post('/api/v1/appeals/status', { number: '122-2026-000001', code: 'GUESS009' });
    expect(held.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(held.body.code).toBe('request.rate_limited');
    expect((await app.client('198.51.100.21').post('/api/v1/appeals/status', { number: '122-2026-000001', code: 'X' })).status).toBe(404);
  });

  it('holds back a burst of filings from one address; nothing past the limit is stored', async () => {
    const flood = app.client('198.51.100.30');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await flood.post('/api/v1/appeals', appeal(`flood${i}@example.ru`))).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const stored = await app.db.query<{ n: string }>("SELECT count(*) AS n FROM ap_appeals WHERE channel = 'api'");
    expect(Number(stored.rows[0]!.n)).toBe(3);
  });

  it('counts signed-in operators each by their account, not by the address a call centre shares', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      // (four operators behind one address: each files one appeal, well under their own limit)
      const operator = await app.as('operator', '77');
      operator.headers['x-forwarded-for'] = '198.51.100.50';
      statuses.push((await operator.post('/api/v1/appeals', appeal(`centre${i}@example.ru`))).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201]);
    // one operator past the limit is held back, the others not
    const busy = await app.as('operator', '77');
    busy.headers['x-forwarded-for'] = '198.51.100.50';
    const own: number[] = [];
    for (let i = 0; i < 4; i++) own.push((await busy.post('/api/v1/appeals', appeal(`busy${i}@example.ru`))).status);
    expect(own).toEqual([201, 201, 201, 429]);
  });

  it('refuses an oversized text with the limit said, storing nothing', async () => {
    const r = await app.client('198.51.100.40').post('/api/v1/appeals', appeal('big@example.ru', 'а'.repeat(20_001)));
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/text/);
    const long = await app.client('198.51.100.41').post('/api/v1/appeals', appeal('long@example.ru', 'б'.repeat(10_001)));
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([{ path: 'text', message: 'Не больше 10000 знаков (сейчас 10001).' }]);
  });
});
