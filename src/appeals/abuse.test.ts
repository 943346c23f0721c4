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

  it('holds back Open311 filings per api_key (an integrator files for many from one address), and key-less tries per address', async () => {
    const tokenOf = async (region: string) => {
      const u = await app.user('operator', region);
      return (await app.services.tokens.create(systemActor(), { user: u.id, name: `Open311 ${region}`, scopes: ['appeals.register'] })).secret;
    };
    const [busyKey, otherKey] = [await tokenOf('77'), await tokenOf('77')];
    let seq = 0;
    const file = async (from: string, key: string | null) => {
      const form = new URLSearchParams({
        service_code: 'state-question',
        first_name: 'Анна',
        last_name: 'Орлова',
        email: `open311-${++seq}@example.ru`,
        description: `Прошу разъяснить порядок записи, вопрос ${seq}`,
        'attribute[subject]': 'Запись',
        'attribute[consent]': 'true',
      });
      if (key) form.set('api_key', key);
      const r = await fetch(`${app.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from }, body: form });
      return { status: r.status, body: (await r.json()) as { code?: number; description?: string }[] };
    };
    const statuses: number[] = [];
    // (from three addresses: the key is what is counted)
    for (let i = 0; i < 4; i++) statuses.push((await file(`198.51.100.6${i % 3}`, busyKey)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const held = await file('198.51.100.69', busyKey);
    expect(held.body[0]).toMatchObject({ code: 429 });
    expect(held.body[0]!.description).toMatch(/Слишком много/);
    expect((await file('198.51.100.60', otherKey)).status).toBe(200);
    const keyless: number[] = [];
    for (let i = 0; i < 4; i++) keyless.push((await file('198.51.100.70', null)).status);
    expect(keyless).toEqual([403, 403, 403, 429]);
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
