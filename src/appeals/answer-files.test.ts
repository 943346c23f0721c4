// Files with an answer, through HTTP: an officer answers with a PDF and a photo (checked as the
// citizen's files are); the officer reads which files are the citizen's and which the answer's;
// the citizen, with the number and the code, sees the answer's files in the status and downloads
// them by POST (never their own, never with a wrong code); retention removes them with the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../platform/access/principal.ts';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { EXE, PNG, pdf } from '../../test/support/appeal-files.ts';
import { anonymiseClosed } from './retention.ts';

const b64 = (b: Buffer) => b.toString('base64');

describe('files with an answer', () => {
  let app: TestApp;
  let admin: Client;
  let officer: Client;
  let now = Date.parse('2026-03-10T09:00:00Z');
  const anonymous = () => app.client();
  const file = async (email: string, files?: { name: string; content: string }[]) => {
    const r = await anonymous().post('/api/v1/appeals', {
      type: 'volunteer',
      region: '77',
      name: 'Лебедева Анна',
      email,
      text: 'Хочу помогать в добровольческом центре по выходным.',
      consent: true,
      values: { birth_date: '1990-05-17', directions: ['Помощь пожилым'] },
      ...(files ? { files } : {}),
    });
    expect(r.status, r.text).toBe(201);
    return r.body as { number: string; code: string };
  };
  const download = (number: string, code: string, id: string) =>
    fetch(`${app.url}/api/v1/appeals/status/files/${id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ number, code }) });

  beforeAll(async () => {
    app = await startApp({}, { clock: () => new Date(now), acd: false });
    await app.services.appealsCatalog.loadDemo(systemActor());
    admin = await app.as('admin', 'federal');
    officer = await app.as('agency_officer', '77');
    expect((await admin.put(`/api/v1/appeal-officers/${(officer as Client & { userId: number }).userId}`, { organisation: 'volunteers-77' })).status).toBe(204);
  });
  afterAll(() => app.close());

  it('an answer with a PDF and a photo: the officer sees whose each file is and downloads it byte-identical; the citizen lists and downloads the answer’s only', async () => {
    const citizenPng = Buffer.concat([PNG, Buffer.from('citizen')]);
    const f = await file('answer-files@example.ru', [{ name: 'заявление.png', content: b64(citizenPng) }]);
    const reply = pdf('answer 4417');
    expect((await officer.post(`/api/v1/appeals/${f.number}/actions`, { action: 'take' })).status).toBe(204);
    const answered = await officer.post(`/api/v1/appeals/${f.number}/actions`, {
      action: 'answer',
      text: 'Вы записаны. Памятка добровольца — в приложенном файле.',
      files: [
        { name: 'памятка (добровольца).pdf', content: b64(reply) },
        { name: 'карта.png', content: b64(PNG) },
      ],
    });
    expect(answered.status, answered.text).toBe(204);

    const one = (await officer.get(`/api/v1/appeals/${f.number}`)).body;
    const files = one.files as { id: string; name: string; contentType: string; size: number; from: string }[];
    expect(files.map((x) => [x.name, x.contentType, x.size, x.from])).toEqual([
      ['заявление.png', 'image/png', citizenPng.length, 'citizen'],
      ['памятка (добровольца).pdf', 'application/pdf', reply.length, 'answer'],
      ['карта.png', 'image/png', PNG.length, 'answer'],
    ]);
    expect((one.history as { action: string; details: unknown }[]).find((h) => h.action === 'answered')!.details).toEqual({ files: 2 });
    const officerGot = await fetch(`${app.url}/api/v1/appeals/${f.number}/files/${files[1]!.id}`, { headers: { cookie: officer.cookie! } });
    expect(officerGot.status).toBe(200);
    expect(Buffer.from(await officerGot.arrayBuffer()).equals(reply)).toBe(true);

    // the status: the answer's files with the answer, name, type, size and id only
    const seen = (await anonymous().post('/api/v1/appeals/status', { number: f.number, code: f.code })).body;
    const answer = (seen.messages as { answer: boolean; files: unknown[] }[]).find((m) => m.answer)!;
    expect(answer.files).toEqual([
      { id: files[1]!.id, name: 'памятка (добровольца).pdf', contentType: 'application/pdf', size: reply.length },
      { id: files[2]!.id, name: 'карта.png', contentType: 'image/png', size: PNG.length },
    ]);
    expect(JSON.stringify(seen)).not.toContain('заявление.png');

    // the download: the bytes, as an attachment that is never shown or run, kept by nobody
    const got = await download(f.number, f.code.toLowerCase(), files[1]!.id);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('памятка ')}%28${encodeURIComponent('добровольца')}%29.pdf`);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(got.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await got.arrayBuffer()).equals(reply)).toBe(true);

    // a wrong code and an unknown number: the same 404; the citizen's own file and another appeal's: 404
    const wrong = await download(f.number, 'AAAAAAAA', files[1]!.id);
    const unknown = await download('122-2026-999999', f.code, files[1]!.id);
    expect([wrong.status, unknown.status]).toEqual([404, 404]);
    const [w, u] = [await wrong.json(), await unknown.json()];
    expect({ ...w, requestId: null }).toEqual({ ...u, requestId: null });
    expect(w.code).toBe('appeal.not_found');
    expect(wrong.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await download(f.number, f.code, files[0]!.id)).status).toBe(404);
    const other = await file('other-appeal@example.ru');
    expect((await download(other.number, other.code, files[1]!.id)).status).toBe(404);
    // (the code stays out of URLs: a GET with it gives nothing)
    const byGet = await fetch(`${app.url}/api/v1/appeals/status/files/${files[1]!.id}?number=${f.number}&code=${f.code}`);
    expect(byGet.status).toBeGreaterThanOrEqual(400);
    expect(byGet.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('an answer’s bad files are refused, each at its place, and nothing of the answer is kept', async () => {
    const f = await file('answer-bad@example.ru');
    const bad = await officer.post(`/api/v1/appeals/${f.number}/actions`, {
      action: 'answer',
      text: 'Ответ с плохими файлами.',
      files: [
        { name: 'ответ.pdf', content: b64(EXE) },
        { name: 'пусто.pdf', content: '' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors).toEqual([
      { path: 'files.0', message: '«ответ.pdf»: можно приложить только фотографию (JPEG, PNG, GIF, WebP) или PDF.' },
      { path: 'files.1', message: '«пусто.pdf»: файл пустой.' },
    ]);
    const four = await officer.post(`/api/v1/appeals/${f.number}/actions`, {
      action: 'answer',
      text: 'Ответ с четырьмя файлами.',
      files: Array.from({ length: 4 }, (_, i) => ({ name: `${i}.png`, content: b64(PNG) })),
    });
    expect(four.status).toBe(400);
    const kept = await app.db.query<{ status: string; comments: string; files: string }>(
      `SELECT a.status, (SELECT count(*) FROM ap_comments c WHERE c.appeal_id = a.id)::int AS comments, (SELECT count(*) FROM ap_attachments f WHERE f.appeal_id = a.id)::int AS files
       FROM ap_appeals a WHERE a.number = $1`,
      [f.number],
    );
    expect(kept.rows[0]).toEqual({ status: 'registered', comments: 0, files: 0 });
  });

  it('retention removes the answer’s files with the citizen’s; the citizen’s download is gone', async () => {
    const f = await file('answer-old@example.ru', [{ name: 'старое.png', content: b64(PNG) }]);
    expect((await officer.post(`/api/v1/appeals/${f.number}/actions`, { action: 'answer', text: 'Ответ с файлом.', files: [{ name: 'ответ.pdf', content: b64(pdf('old')) }] })).status).toBe(204);
    expect((await officer.post(`/api/v1/appeals/${f.number}/actions`, { action: 'close' })).status).toBe(204);
    const id = ((await officer.get(`/api/v1/appeals/${f.number}`)).body.files as { id: string; from: string }[]).find((x) => x.from === 'answer')!.id;
    expect((await download(f.number, f.code, id)).status).toBe(200);
    const count = async () =>
      Number((await app.db.query<{ n: string }>('SELECT count(*) AS n FROM ap_attachments f JOIN ap_appeals a ON a.id = f.appeal_id WHERE a.number = $1', [f.number])).rows[0]!.n);
    expect(await count()).toBe(2);
    now += 2000 * 86400_000;
    const r = await anonymiseClosed(app.db, new Date(now), { now: new Date(now) });
    expect(r.attachments).toBeGreaterThanOrEqual(2);
    expect(await count()).toBe(0);
    expect((await download(f.number, f.code, id)).status).toBe(404);
    expect((await anonymous().post('/api/v1/appeals/status', { number: f.number, code: f.code })).body.messages).toEqual([]);
  });
});
