// Appeals through HTTP: the types citizens may file, filing (checked, routed, numbered, sealed),
// the citizen's status look-up with the secret code, an agency officer's work on their
// organisation's appeals (and nobody else's), the legal steps, and what coordinators see.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../platform/access/principal.ts';
import { createLogger } from '../platform/logger.ts';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { anonymiseClosed } from './retention.ts';

describe('appeals', () => {
  let app: TestApp;
  let admin: Client;
  let now = Date.parse('2026-03-10T09:00:00Z');
  const clock = () => new Date(now);
  const anonymous = () => app.client();
  const volunteer = (extra: Record<string, unknown> = {}) => ({
    type: 'volunteer',
    region: '77',
    name: 'Иванова Мария Петровна',
    phone: '+7 916 123-45-67',
    email: 'maria.ivanova@example.ru',
    text: 'Хочу помогать пожилым людям в своём районе по выходным.',
    consent: true,
    values: { birth_date: '1990-05-17', directions: ['Помощь пожилым'], availability: 'В выходные' },
    ...extra,
  });
  async function officer(region: string, organisation: string) {
    const c = await app.as('agency_officer', region);
    expect((await admin.put(`/api/v1/appeal-officers/${c.userId}`, { organisation })).status).toBe(204);
    return c;
  }

  /** Every line the app logs during these tests (at debug level: the most it ever writes). */
  const lines: string[] = [];
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = await startApp({}, { clock, acd: false, logger: createLogger({ level: 'debug', format: 'json' }, stream) });
    await app.services.appealsCatalog.loadDemo(systemActor());
    admin = await app.as('admin', 'federal');
  });
  afterAll(() => app.close());

  it('lists the types citizens may file, with their fields', async () => {
    const r = await anonymous().get('/api/v1/appeal-types');
    expect(r.status).toBe(200);
    expect((r.body.items as { code: string }[]).map((t) => t.code).sort()).toEqual(['mobilisation-complaint', 'state-question', 'support-request', 'volunteer']);
    const v = (await anonymous().get('/api/v1/appeal-types/volunteer')).body;
    expect(v.fields.map((f: { code: string }) => f.code)).toEqual(['birth_date', 'directions', 'availability', 'experience']);
    expect(v.consentText).toMatch(/152-ФЗ/);
  });

  it('files an appeal: a number and a code, the region’s organisation, the answer due in 30 calendar days in its time zone', async () => {
    const r = await anonymous().post('/api/v1/appeals', volunteer());
    expect(r.status, r.text).toBe(201);
    expect(r.body.number).toMatch(/^122-2026-\d{6}$/);
    expect(r.body.code).toMatch(/^[2-9A-Z]{8}$/);
    expect(r.body).toMatchObject({ duplicate: false, status: 'registered', organisation: { code: 'volunteers-77' }, answerBy: '2026-04-09' });
  });

  it('an operator links the appeal only to a call of theirs', async () => {
    const operator = await app.as('operator', '77');
    const r = await operator.post('/api/v1/appeals', volunteer({ email: 'call@example.ru', callId: 'no-such-call' }));
    expect(r.status).toBe(404);
    expect(await app.db.query("SELECT 1 FROM ap_appeals WHERE call_id = 'no-such-call'").then((x) => x.rows)).toEqual([]);
    // (without a call, the operator files as the operator channel)
    const ok = await operator.post('/api/v1/appeals', volunteer({ email: 'nocall@example.ru' }));
    expect(ok.status).toBe(201);
    expect((await app.db.query<{ channel: string }>('SELECT channel FROM ap_appeals WHERE number = $1', [ok.body.number])).rows[0]!.channel).toBe('operator');
  });

  it('says what is wrong, next to each field, in Russian, and stores nothing', async () => {
    const before = (await app.db.query<{ n: string }>('SELECT count(*) AS n FROM ap_appeals')).rows[0]!.n;
    const r = await anonymous().post(
      '/api/v1/appeals',
      volunteer({ name: '', email: '', text: 'коротко', consent: false, values: { birth_date: '2020-01-01', directions: ['Полёты в космос'], colour: 'red' } }),
    );
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('appeal.invalid');
    const errors = Object.fromEntries((r.body.errors as { path: string; message: string }[]).map((e) => [e.path, e.message]));
    expect(Object.keys(errors).sort()).toEqual(['consent', 'email', 'name', 'text', 'values.birth_date', 'values.colour', 'values.directions'].sort());
    expect(errors['values.birth_date']).toMatch(/не может быть позже/);
    expect(errors['values.directions']).toMatch(/Полёты в космос/);
    expect(errors.email).toMatch(/почту или почтовый адрес/);
    expect((await app.db.query<{ n: string }>('SELECT count(*) AS n FROM ap_appeals')).rows[0]!.n).toBe(before);
    const nobody = await anonymous().post('/api/v1/appeals', volunteer({ type: 'nothing' }));
    expect([nobody.status, nobody.body.code]).toEqual([404, 'appeal_type.not_found']);
  });

  it('the same appeal again within a day: the first one’s number; its code again only within a quarter of an hour (a page that did not load)', async () => {
    const body = volunteer({ email: 'twice@example.ru', text: 'Готов сдавать кровь раз в два месяца.' });
    const first = await anonymous().post('/api/v1/appeals', body);
    now += 60_000;
    const resent = await anonymous().post('/api/v1/appeals', body);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ number: first.body.number, code: first.body.code, duplicate: true });
    now += 3600_000;
    const again = await anonymous().post('/api/v1/appeals', body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ number: first.body.number, code: null, duplicate: true });
    // (and the sealed code is gone from the database: only its hash stays)
    const kept = await app.db.query<{ code_sealed: Buffer | null }>('SELECT code_sealed FROM ap_appeals WHERE number = $1', [first.body.number]);
    expect(kept.rows[0]!.code_sealed).toBeNull();
    now += 86400_000;
    const nextDay = await anonymous().post('/api/v1/appeals', body);
    expect(nextDay.status).toBe(201);
    expect(nextDay.body.number).not.toBe(first.body.number);
  });

  it('the citizen reads the status with number and code; a wrong code and an unknown number are refused alike', async () => {
    const f = (await anonymous().post('/api/v1/appeals', volunteer({ email: 'status@example.ru' }))).body;
    const ok = await anonymous().post('/api/v1/appeals/status', { number: f.number, code: f.code.toLowerCase() });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ number: f.number, status: 'registered', statusText: 'Зарегистрировано', type: 'Запись в добровольцы', answerBy: f.answerBy, messages: [] });
    const wrong = await anonymous().post('/api/v1/appeals/status', { number: f.number, code: 'AAAAAAAA' });
    const unknown = await anonymous().post('/api/v1/appeals/status', { number: '122-2026-999999', code: f.code });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('an officer of the organisation works it: masked in the list, read in full (audited), taken, answered, closed; the citizen reads the answer', async () => {
    const f = (await anonymous().post('/api/v1/appeals', volunteer({ name: 'Сидоров Пётр', email: 'sidorov@example.ru' }))).body;
    const o = await officer('77', 'volunteers-77');
    const list = await o.get('/api/v1/appeals?limit=200');
    expect(list.status, list.text).toBe(200);
    const listed = (list.body.items as { number: string; appellant: { name: string; email: string } }[]).find((a) => a.number === f.number)!;
    expect(listed.appellant).toEqual({ name: 'С*** П.', phone: '+7 916 ***-**-67', email: 's***@example.ru' });
    expect(JSON.stringify(list.body)).not.toContain('Сидоров');
    const one = await o.get(`/api/v1/appeals/${f.number}`);
    expect(one.status, one.text).toBe(200);
    expect(one.body.personal).toMatchObject({ name: 'Сидоров Пётр', email: 'sidorov@example.ru', phone: '79161234567', values: { directions: ['Помощь пожилым'] } });
    const audit = await admin.get('/api/v1/audit?action=appeal.read_personal');
    expect(JSON.stringify(audit.body)).toContain(f.number);
    expect((await o.post(`/api/v1/appeals/${f.number}/actions`, { action: 'take' })).status).toBe(204);
    expect((await o.post(`/api/v1/appeals/${f.number}/actions`, { action: 'comment', text: 'Позвонить после 18:00', visibility: 'internal' })).status).toBe(204);
    expect((await o.post(`/api/v1/appeals/${f.number}/actions`, { action: 'answer', text: 'Вы записаны в добровольцы. Ждём вас в субботу в 10:00.' })).status).toBe(204);
    const seen = (await anonymous().post('/api/v1/appeals/status', { number: f.number, code: f.code })).body;
    expect(seen).toMatchObject({ status: 'answered', statusText: 'Дан ответ' });
    expect(seen.messages).toEqual([expect.objectContaining({ answer: true, text: 'Вы записаны в добровольцы. Ждём вас в субботу в 10:00.' })]);
    expect((await o.post(`/api/v1/appeals/${f.number}/actions`, { action: 'close' })).status).toBe(204);
    const again = await o.post(`/api/v1/appeals/${f.number}/actions`, { action: 'answer', text: 'ещё' });
    expect([again.status, again.body.code]).toEqual([409, 'appeal.invalid_step']);
    const read = (await o.get(`/api/v1/appeals/${f.number}`)).body as { history: { action: string; actorName: string | null }[]; comments: { authorName: string | null }[] };
    expect(read.history.map((h) => h.action)).toEqual(['registered', 'taken', 'commented', 'answered', 'closed']);
    // the officer's steps and comments by name (the test's accounts are named by their usernames); the citizen's by none
    expect(read.history.map((h) => h.actorName)).toEqual([null, o.username, o.username, o.username, o.username]);
    expect(read.comments.map((c) => c.authorName)).toEqual([o.username, o.username]);
  });

  it('nobody else sees it: another organisation’s officer, the same organisation type in another region, an officer without one, operators', async () => {
    const f = (await anonymous().post('/api/v1/appeals', volunteer({ email: 'hidden@example.ru' }))).body;
    const other = await officer('77', 'sfr-77');
    const elsewhere = await officer('78', 'volunteers-78');
    const unattached = await app.as('agency_officer', '77');
    // every route an officer has, every step: refused alike, and nothing changes
    const steps = [
      { action: 'take' },
      { action: 'answer', text: 'чужой ответ' },
      { action: 'close' },
      { action: 'reject', reason: 'unclear' },
      { action: 'redirect', organisation: 'gov-77' },
      { action: 'extend', days: 5, reason: 'чужое продление' },
      { action: 'comment', text: 'чужой комментарий', visibility: 'citizen' },
    ];
    for (const c of [other, elsewhere]) {
      const r = await c.get(`/api/v1/appeals/${f.number}`);
      expect([r.status, r.body.code]).toEqual([404, 'appeal.not_found']);
      expect((await c.get(`/api/v1/appeals/${f.number}/files/1`)).status).toBe(404);
      for (const step of steps) expect((await c.post(`/api/v1/appeals/${f.number}/actions`, step)).status, step.action).toBe(404);
      expect(JSON.stringify((await c.get('/api/v1/appeals?limit=200')).body)).not.toContain(f.number);
    }
    const still = (await app.db.query<{ status: string; extended_at: Date | null }>('SELECT status, extended_at FROM ap_appeals WHERE number = $1', [f.number])).rows[0];
    expect(still).toEqual({ status: 'registered', extended_at: null });
    expect((await app.db.query('SELECT 1 FROM ap_comments c JOIN ap_appeals a ON a.id = c.appeal_id WHERE a.number = $1', [f.number])).rows).toEqual([]);
    expect((await unattached.get(`/api/v1/appeals/${f.number}`)).body.code).toBe('appeal.no_organisation');
    for (const role of ['operator', 'supervisor', 'coordinator', 'editor'] as const)
      expect((await (await app.as(role, role === 'coordinator' || role === 'editor' ? 'federal' : '77')).get(`/api/v1/appeals/${f.number}`)).status, role).toBe(403);
  });

  it('extends the term once, with the reason told to the citizen; a second extension is refused', async () => {
    const f = (await anonymous().post('/api/v1/appeals', volunteer({ email: 'extend@example.ru' }))).body;
    const o = await officer('77', 'volunteers-77');
    const ext = await o.post(`/api/v1/appeals/${f.number}/actions`, { action: 'extend', days: 30, reason: 'Нужен запрос в другой орган' });
    expect(ext.status, ext.text).toBe(204);
    const seen = (await anonymous().post('/api/v1/appeals/status', { number: f.number, code: f.code })).body;
    expect(seen.extended).toBe(true);
    const shifted = new Date(`${f.answerBy}T00:00:00Z`);
    shifted.setUTCDate(shifted.getUTCDate() + 30);
    expect(seen.answerBy).toBe(shifted.toISOString().slice(0, 10));
    expect(seen.messages[0].text).toMatch(/продлён до .*Нужен запрос/);
    const twice = await o.post(`/api/v1/appeals/${f.number}/actions`, { action: 'extend', days: 5, reason: 'ещё' });
    expect([twice.status, twice.body.code]).toEqual([409, 'appeal.already_extended']);
  });

  it('redirects to another organisation, which then sees it and the first no longer does; rejects on a ground of art. 11', async () => {
    const f = (await anonymous().post('/api/v1/appeals', volunteer({ email: 'redirect@example.ru' }))).body;
    const first = await officer('77', 'volunteers-77');
    const next = await officer('77', 'gov-77');
    expect((await first.post(`/api/v1/appeals/${f.number}/actions`, { action: 'redirect', organisation: 'gov-77', note: 'Вопрос не о добровольчестве' })).status).toBe(204);
    expect((await first.get(`/api/v1/appeals/${f.number}`)).status).toBe(404);
    const there = await next.get(`/api/v1/appeals/${f.number}`);
    expect(there.body).toMatchObject({ status: 'redirected', answerBy: f.answerBy });
    expect((await next.post(`/api/v1/appeals/${f.number}/actions`, { action: 'reject', reason: 'unclear' })).status).toBe(204);
    const seen = (await anonymous().post('/api/v1/appeals/status', { number: f.number, code: f.code })).body;
    expect(seen.status).toBe('rejected');
    expect(seen.messages.at(-1).text).toMatch(/ст. 11 ч. 4.1/);
    const bad = await next.post(`/api/v1/appeals/${f.number}/actions`, { action: 'reject', reason: 'because' });
    expect(bad.status).toBe(400);
  });

  it('keeps no appellant’s name, phone, e-mail or text, and no file’s name or content (the citizen’s or an answer’s), in plain form in the database', async () => {
    const marker = (m: string) => Buffer.from(`%PDF-1.4\n% ${m}\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n`).toString('base64');
    const f = await anonymous().post(
      '/api/v1/appeals',
      volunteer({
        name: 'Коржавина Ефросинья',
        email: 'korzhavina@example.ru',
        phone: '+7 903 765-43-21',
        text: 'Уникальный текст обращения про волонтёрство 7731',
        files: [{ name: 'паспорт-коржавиной.pdf', content: marker('citizen-bytes-5521') }],
      }),
    );
    expect(f.status, f.text).toBe(201);
    const o = await officer('77', 'volunteers-77');
    const answered = await o.post(`/api/v1/appeals/${f.body.number}/actions`, {
      action: 'answer',
      text: 'Уникальный ответ 9034',
      files: [{ name: 'ответ-коржавиной.pdf', content: marker('answer-bytes-6630') }],
    });
    expect(answered.status, answered.text).toBe(204);
    const secrets = [
      'Коржавина',
      'Ефросинья',
      'korzhavina',
      '9037654321',
      '765-43-21',
      'Уникальный текст',
      'Уникальный ответ',
      'паспорт-коржавиной',
      'ответ-коржавиной',
      'citizen-bytes-5521',
      'answer-bytes-6630',
      '%PDF',
    ];
    const tables = ['ap_appeals', 'ap_history', 'ap_comments', 'ap_attachments', 'ap_mail', 'events', 'audit_log'];
    for (const t of tables) {
      const rows = (await app.db.query<Record<string, unknown>>(`SELECT * FROM ${t}`)).rows;
      // (bytea columns searched as bytes, the rest as text)
      const text = JSON.stringify(rows, (_k, v: unknown) => (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' ? null : v));
      const bytes = rows.flatMap((r) =>
        Object.values(r)
          .filter((v): v is Buffer => Buffer.isBuffer(v) || v instanceof Uint8Array)
          .map((v) => Buffer.from(v)),
      );
      for (const secret of secrets) {
        expect(text, `${t} holds ${secret}`).not.toContain(secret);
        expect(
          bytes.some((b) => b.includes(Buffer.from(secret))),
          `${t} holds ${secret} in a bytea column`,
        ).toBe(false);
      }
    }
  });

  it('coordinators see counts and overdue figures for every region, not the content', async () => {
    const coordinator = await app.as('coordinator', 'federal');
    const r = await coordinator.get('/api/v1/appeal-figures');
    expect(r.status).toBe(200);
    const moscow = (r.body.items as { region: string; status: string; count: number }[]).filter((x) => x.region === '77');
    expect(moscow.reduce((n, x) => n + x.count, 0)).toBeGreaterThan(5);
    expect(JSON.stringify(r.body)).not.toMatch(/Иванова|example\.ru/);
    expect((await coordinator.get('/api/v1/appeals')).status).toBe(403);
  });

  it('attachments: images and PDF told by their content, at most 3; the officer downloads them as attachments of that type; nothing else is taken', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
    const script = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    const bad = await anonymous().post('/api/v1/appeals', volunteer({ email: 'files-bad@example.ru', files: [{ name: 'фото.png', content: script.toString('base64') }] }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'files.0', message: '«фото.png»: можно приложить только фотографию (JPEG, PNG, GIF, WebP) или PDF.' }]);
    const many = await anonymous().post(
      '/api/v1/appeals',
      volunteer({ email: 'files-many@example.ru', files: Array.from({ length: 4 }, (_, i) => ({ name: `${i}.png`, content: png.toString('base64') })) }),
    );
    expect(many.status).toBe(400);
    const f = await anonymous().post(
      '/api/v1/appeals',
      volunteer({
        email: 'files@example.ru',
        files: [
          { name: 'повестка.pdf', content: pdf.toString('base64') },
          { name: 'photo.gif', content: png.toString('base64') },
        ],
      }),
    );
    expect(f.status, f.text).toBe(201);
    const o = await officer('77', 'volunteers-77');
    const files = (await o.get(`/api/v1/appeals/${f.body.number}`)).body.files as { id: string; name: string; contentType: string; size: number }[];
    // (named .gif, but a PNG by its content: kept and given back as what it is)
    expect(files.map((x) => [x.name, x.contentType, x.size])).toEqual([
      ['повестка.pdf', 'application/pdf', pdf.length],
      ['photo.gif', 'image/png', png.length],
    ]);
    const got = await fetch(`${app.url}/api/v1/appeals/${f.body.number}/files/${files[1]!.id}`, { headers: { cookie: o.cookie!, 'x-csrf-token': o.csrf ?? '' } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''photo\.gif$/);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await got.arrayBuffer()).equals(png)).toBe(true);
    expect((await (await officer('77', 'sfr-77')).get(`/api/v1/appeals/${f.body.number}/files/${files[1]!.id}`)).status).toBe(404);
    const stored = (await app.db.query<{ sealed: Buffer; sealed_name: Buffer }>('SELECT sealed, sealed_name FROM ap_attachments')).rows;
    expect(stored.some((r) => r.sealed.includes(Buffer.from('%PDF')) || r.sealed_name.includes(Buffer.from('повестка')))).toBe(false);
  });

  it('retention: appeals closed longer ago than the period lose the appellant, comments and files; the figures keep them', async () => {
    const f = (await anonymous().post('/api/v1/appeals', volunteer({ name: 'Старова Вера', email: 'old@example.ru' }))).body;
    const open = (await anonymous().post('/api/v1/appeals', volunteer({ name: 'Новикова Ольга', email: 'open@example.ru' }))).body;
    const o = await officer('77', 'volunteers-77');
    for (const step of [{ action: 'take' }, { action: 'answer', text: 'Ответ по существу.' }, { action: 'close' }])
      expect((await o.post(`/api/v1/appeals/${f.number}/actions`, step)).status).toBe(204);
    const counted = async () => (await app.db.query<{ n: string }>('SELECT count(*) AS n FROM ap_appeals')).rows[0]!.n;
    const before = await counted();
    const later = new Date(now + 2000 * 86400_000);
    expect(await anonymiseClosed(app.db, later, { now: later, dryRun: true })).toMatchObject({ appeals: expect.any(Number), comments: expect.any(Number) });
    expect((await o.get(`/api/v1/appeals/${f.number}`)).body.personal).not.toBeNull();
    const r = await anonymiseClosed(app.db, later, { now: later });
    expect(r.appeals).toBeGreaterThanOrEqual(1);
    const gone = (await o.get(`/api/v1/appeals/${f.number}`)).body;
    expect(gone.personal).toBeNull();
    expect(gone.comments).toEqual([]);
    expect(gone.appellant).toEqual({ name: '—', phone: null, email: null });
    expect(gone.history.at(-1).action).toBe('anonymised');
    expect((await anonymous().post('/api/v1/appeals/status', { number: f.number, code: f.code })).body).toMatchObject({ status: 'closed', messages: [] });
    // an open appeal keeps everything, and the count of appeals is the same
    expect((await o.get(`/api/v1/appeals/${open.number}`)).body.personal.name).toBe('Новикова Ольга');
    expect(await counted()).toBe(before);
    expect((await anonymiseClosed(app.db, later, { now: later })).appeals).toBe(0);
  });

  it('logs nothing of the appellants: no name, phone, e-mail, text or status code in any line written', () => {
    expect(lines.length).toBeGreaterThan(20);
    const log = lines.join('\n');
    for (const secret of ['Иванова', 'Сидоров', 'Коржавина', 'maria.ivanova', 'example.ru', '9161234567', '123-45-67', 'помогать пожилым', 'Уникальный текст', 'Ждём вас в субботу']) {
      expect(log, secret).not.toContain(secret);
    }
  });
});
