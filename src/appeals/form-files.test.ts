// Files on the portal's appeal form, through HTTP as a browser sends it (multipart/form-data, no
// JavaScript): a photo and a PDF filed and given to the officer byte for byte; a disguised program,
// a fourth file, an empty one and one past 10 MB refused next to the file input, with everything
// typed kept and the files asked for again; a request past the limit answered with a Russian page;
// the status page with the answer's file and its download button; the download by POST.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../platform/access/principal.ts';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { htmlProblems, visibleText } from '../../test/support/portal.ts';
import { EXE, PNG, pdf } from '../../test/support/appeal-files.ts';

type Part = [string, string] | [string, Buffer, string];

/** The demo's mobilisation complaint as a browser sends it: fields, then the files, then the consent (the form's order). */
const complaint = (email: string, files: [Buffer, string][], change: Record<string, string | null> = {}): Part[] => {
  const fields: [string, string][] = [
    ['region', '77'],
    ['name', 'Петров Сергей Иванович'],
    ['phone', '+7 916 555-12-34'],
    ['email', email],
    ['address', ''],
    ['values.complaint_kind', 'Отсрочка'],
    ['values.commissariat', 'Военный комиссариат Тверского района'],
    ['values.summons_date', ''],
    ['text', 'Мне вручили повестку, хотя у меня трое детей и положена отсрочка.'],
  ];
  const tail: [string, string][] = [['consent', 'yes']];
  const named = (list: [string, string][]) => list.filter(([k]) => !(k in change) || change[k] !== null).map(([k, v]): [string, string] => [k, change[k] ?? v]);
  const extra = Object.entries(change).filter(([k, v]) => v !== null && ![...fields, ...tail].some(([f]) => f === k)) as [string, string][];
  // (a file input left empty sends one part with no name and nothing in it, as browsers do)
  const fileParts: Part[] = files.length ? files.map(([b, n]): Part => ['files', b, n]) : [['files', Buffer.alloc(0), '']];
  return [...named(fields), ...fileParts, ...named(tail), ...extra];
};

/** The parts as multipart/form-data bytes, with the content type that names their boundary. */
async function encode(parts: Part[]): Promise<{ body: Buffer; type: string }> {
  const form = new FormData();
  for (const p of parts) {
    if (p.length === 2) form.append(p[0], p[1]);
    else form.append(p[0], new Blob([new Uint8Array(p[1])], { type: 'application/octet-stream' }), p[2]);
  }
  const r = new Response(form);
  return { body: Buffer.from(await r.arrayBuffer()), type: r.headers.get('content-type')! };
}

async function postForm(app: TestApp, path: string, parts: Part[], headers: Record<string, string> = {}) {
  const { body, type } = await encode(parts);
  const res = await fetch(app.url + path, { method: 'POST', redirect: 'manual', headers: { 'content-type': type, ...headers }, body: new Uint8Array(body) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const numberOf = (h: string) => /<dd>(122-\d{4}-\d{6})<\/dd>/.exec(h)![1]!;
const codeOf = (h: string) => /<dd class="code">([2-9A-Z]{8})<\/dd>/.exec(h)![1]!;
/** The message shown next to the file input. */
const fileMessage = (h: string) => visibleText(/<p class="error-message" id="f-files-error">[\s\S]*?<\/p>/.exec(h)?.[0] ?? '').trim();

describe('files on the appeal form', () => {
  let app: TestApp;
  let officer: Client;
  const count = async () => Number((await app.db.query<{ n: string }>('SELECT count(*) AS n FROM ap_appeals')).rows[0]!.n);
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await app.services.appealsCatalog.loadDemo(systemActor());
    const admin = await app.as('admin', 'federal');
    officer = await app.as('agency_officer', '77');
    expect((await admin.put(`/api/v1/appeal-officers/${(officer as Client & { userId: number }).userId}`, { organisation: 'mil-77' })).status).toBe(204);
    // a type whose documents are required
    const mob = (await app.client().get('/api/v1/appeal-types/mobilisation-complaint')).body;
    const { code: _code, ...rest } = mob;
    const fields = (rest.fields as { code: string }[]).map((f) => (f.code === 'documents' ? { ...f, required: true, hint: 'Повестка или справка.' } : f));
    expect((await admin.put('/api/v1/appeal-types/with-documents', { ...rest, name: 'Жалоба с документами', fields })).status).toBe(200);
    expect((await admin.put('/api/v1/appeal-routes', { type: 'with-documents', region: '*', organisation: 'mil-77' })).status).toBe(204);
  });
  afterAll(() => app.close());

  it('the form is multipart, with one file input named by the type’s file field and its limits said in Russian', async () => {
    const r = await app.client().get('/appeals/new/mobilisation-complaint');
    expect(r.status).toBe(200);
    const h = r.text;
    expect(h).toContain('<form class="appeal" action="/appeals/new/mobilisation-complaint" method="post" enctype="multipart/form-data" novalidate>');
    expect(h).toMatch(/<label for="f-files">Документы \(фото или PDF\) <span class="optional">\(необязательно\)<\/span><\/label>/);
    expect(h).toContain('<input class="input" type="file" name="files" id="f-files" multiple accept="image/jpeg,image/png,image/gif,image/webp,application/pdf" aria-describedby="f-files-hint">');
    expect(visibleText(h)).toContain('До 3 файлов: фотографии (JPEG, PNG, GIF, WebP) или PDF, каждый не больше 10 МБ.');
    expect(h).not.toContain('values.documents');
    expect(visibleText(h)).not.toContain('пока нельзя');
    expect(await htmlProblems(h)).toEqual([]);
    // a type without a file field still takes files, under the default name
    expect((await app.client().get('/appeals/new/volunteer')).text).toMatch(/<label for="f-files">Документы <span class="optional">/);
    // a required file field: the input is required, its hint shown
    const req = (await app.client().get('/appeals/new/with-documents')).text;
    expect(req).toMatch(/<label for="f-files">Документы \(фото или PDF\)<\/label>\s*<p class="hint" id="f-files-hint">Повестка или справка\. До 3 файлов/);
    expect(req).toMatch(/name="files"[^>]* required>/);
  });

  it('files a complaint with a photo and a PDF: both kept, the officer downloads them byte for byte', async () => {
    const scan = pdf('повестка 7710');
    const photo = Buffer.concat([PNG, Buffer.from('фото')]);
    const r = await postForm(
      app,
      '/appeals/new/mobilisation-complaint',
      complaint('files-ok@example.ru', [
        [photo, 'фото повестки.png'],
        [scan, 'повестка.pdf'],
      ]),
    );
    expect(r.status, visibleText(r.text)).toBe(200);
    expect(visibleText(r.text)).toContain('Обращение отправлено');
    const number = numberOf(r.text);
    const files = (await officer.get(`/api/v1/appeals/${number}`)).body.files as { id: string; name: string; contentType: string; from: string }[];
    expect(files.map((f) => [f.name, f.contentType, f.from])).toEqual([
      ['фото повестки.png', 'image/png', 'citizen'],
      ['повестка.pdf', 'application/pdf', 'citizen'],
    ]);
    for (const [i, bytes] of [photo, scan].entries()) {
      const got = await fetch(`${app.url}/api/v1/appeals/${number}/files/${files[i]!.id}`, { headers: { cookie: officer.cookie! } });
      expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    }
    // no files chosen (the empty input's part): filed without any
    const none = await postForm(app, '/appeals/new/mobilisation-complaint', complaint('files-none@example.ru', []));
    expect(none.status).toBe(200);
    expect((await officer.get(`/api/v1/appeals/${numberOf(none.text)}`)).body.files).toEqual([]);
  });

  it('a program named as a PDF is refused next to the file input; what was typed is kept; the files are asked for again; nothing is filed', async () => {
    const before = await count();
    const r = await postForm(
      app,
      '/appeals/new/mobilisation-complaint',
      complaint('files-exe@example.ru', [
        [PNG, 'фото.png'],
        [EXE, 'скан.pdf'],
      ]),
    );
    expect(r.status).toBe(400);
    expect(r.headers.get('cache-control')).toContain('no-store');
    expect(fileMessage(r.text)).toBe('Ошибка: «скан.pdf»: можно приложить только фотографию (JPEG, PNG, GIF, WebP) или PDF.');
    expect(r.text).toMatch(/<input class="input" type="file" name="files" id="f-files"[^>]*aria-describedby="f-files-hint f-files-again f-files-error" aria-invalid="true">/);
    expect(visibleText(r.text)).toContain('Выбранные файлы («фото.png», «скан.pdf») не сохранились: браузер не возвращает файлы в форму. Если они нужны, выберите их ещё раз перед отправкой.');
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(r.text)![0];
    expect(summary).toContain('<a href="#f-files">«скан.pdf»: можно приложить только фотографию');
    expect(r.text).toContain('value="Петров Сергей Иванович"');
    expect(r.text).toContain('value="files-exe@example.ru"');
    expect(r.text).toMatch(/value="Отсрочка" checked/);
    expect(r.text).toContain('>Мне вручили повестку, хотя у меня трое детей и положена отсрочка.</textarea>');
    expect(r.text).toMatch(/<input type="checkbox" id="f-consent" name="consent" value="yes" checked required>/);
    expect(await htmlProblems(r.text)).toEqual([]);
    expect(await count()).toBe(before);
  });

  it('a fourth file, an empty one and one past 10 MB are refused next to the input, with the fields after the files still read', async () => {
    const before = await count();
    const four = await postForm(
      app,
      '/appeals/new/mobilisation-complaint',
      complaint(
        'files-four@example.ru',
        [1, 2, 3, 4].map((i): [Buffer, string] => [PNG, `${i}.png`]),
      ),
    );
    expect(four.status).toBe(400);
    expect(fileMessage(four.text)).toBe('Ошибка: Можно приложить не больше 3 файлов, а выбрано 4. Выберите не больше 3.');
    expect(four.text).toMatch(/id="f-consent" name="consent" value="yes" checked/);
    const empty = await postForm(app, '/appeals/new/mobilisation-complaint', complaint('files-empty@example.ru', [[Buffer.alloc(0), 'пустой.pdf']]));
    expect(empty.status).toBe(400);
    expect(fileMessage(empty.text)).toBe('Ошибка: «пустой.pdf»: файл пустой.');
    const big = Buffer.concat([pdf('большой'), Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await postForm(app, '/appeals/new/mobilisation-complaint', complaint('files-big@example.ru', [[big, 'большой.pdf']]));
    expect(tooBig.status).toBe(400);
    expect(fileMessage(tooBig.text)).toBe('Ошибка: «большой.pdf»: больше 10 МБ. Приложите файл поменьше, например фотографию с меньшим разрешением.');
    // with another problem: both said, each at its place
    const both = await postForm(app, '/appeals/new/mobilisation-complaint', complaint('', [[EXE, 'a.pdf']], { email: '' }));
    expect(both.text).toMatch(/id="f-email-error">.*Укажите электронную почту или почтовый адрес/);
    expect(fileMessage(both.text)).toContain('«a.pdf»: можно приложить только');
    expect(await count()).toBe(before);
  });

  it('a required file field: without a file the input says so; with one the appeal is filed', async () => {
    const r = await postForm(app, '/appeals/new/with-documents', complaint('files-required@example.ru', []));
    expect(r.status).toBe(400);
    expect(fileMessage(r.text)).toBe('Ошибка: Приложите файл.');
    expect(/<div class="error-summary"[\s\S]*?<\/div>/.exec(r.text)![0]).toContain('<a href="#f-files">Приложите файл.</a>');
    // (nothing was chosen: nothing to choose again)
    expect(r.text).not.toContain('f-files-again');
    const ok = await postForm(app, '/appeals/new/with-documents', complaint('files-required@example.ru', [[PNG, 'справка.png']]));
    expect(ok.status, visibleText(ok.text)).toBe(200);
  });

  it('ready answers first with files chosen: nothing filed, the files asked for again', async () => {
    const r = await postForm(app, '/appeals/new/mobilisation-complaint', complaint('files-suggest@example.ru', [[PNG, 'фото.png']], { action: 'suggest', consent: null }));
    expect(r.status).toBe(200);
    expect(visibleText(r.text)).toContain('Поиск готового ответа');
    expect(visibleText(r.text)).toContain('Выбранные файлы («фото.png») не сохранились');
    expect(r.text).not.toContain('error-summary');
  });

  it('a request past the limit gets the Russian page saying the limits, with or without a Content-Length', async () => {
    const before = await count();
    const eight = Buffer.concat([pdf('восемь'), Buffer.alloc(8 * 1024 * 1024)]);
    const parts = complaint(
      'files-huge@example.ru',
      [1, 2, 3, 4].map((i): [Buffer, string] => [eight, `${i}.pdf`]),
    );
    const r = await postForm(app, '/appeals/new/mobilisation-complaint', parts);
    expect(r.status).toBe(413);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const text = visibleText(r.text);
    expect(text).toContain('Файлы слишком большие');
    expect(text).toContain('не больше 3 файлов, каждый не больше 10 МБ. Обращение не отправлено.');
    expect(await htmlProblems(r.text)).toEqual([]);
    // streamed without a length: cut off once past the limit, the same page
    const { body, type } = await encode(parts);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < body.length; i += 1024 * 1024) c.enqueue(new Uint8Array(body.subarray(i, i + 1024 * 1024)));
        c.close();
      },
    });
    const streamed = await fetch(`${app.url}/appeals/new/mobilisation-complaint`, { method: 'POST', headers: { 'content-type': type }, body: stream, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(visibleText(await streamed.text())).toContain('Файлы слишком большие');
    expect(await count()).toBe(before);
    // the page's own form without files (urlencoded), too large: the same page
    const fields = new URLSearchParams([['text', 'а'.repeat(300_000)]]).toString();
    const plain = await fetch(`${app.url}/appeals/new/mobilisation-complaint`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: fields });
    expect(plain.status).toBe(413);
    expect(visibleText(await plain.text())).toContain('Файлы слишком большие');
  });

  it('the status page offers the answer’s file as a button; the download needs the right code', async () => {
    const filed = await postForm(app, '/appeals/new/mobilisation-complaint', complaint('files-answer@example.ru', [[PNG, 'моё фото.png']]));
    const number = numberOf(filed.text);
    const code = codeOf(filed.text);
    const reply = pdf('ответ военкомата');
    expect((await officer.post(`/api/v1/appeals/${number}/actions`, { action: 'answer', text: 'Повестка отозвана.', files: [{ name: 'ответ.pdf', content: reply.toString('base64') }] })).status).toBe(
      204,
    );
    const fileId = ((await officer.get(`/api/v1/appeals/${number}`)).body.files as { id: string; from: string }[]).find((f) => f.from === 'answer')!.id;
    const status = await fetch(`${app.url}/appeals/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ number, code }).toString(),
    });
    const h = await status.text();
    expect(status.status).toBe(200);
    const box = /<section class="answer-box"[\s\S]*?<\/section>/.exec(h)![0];
    expect(visibleText(box)).toContain('Файлы к ответу');
    expect(visibleText(box)).toMatch(/Скачать ответ\.pdf ответ\.pdf PDF, 1 КБ/);
    expect(box).toContain('<form action="/appeals/status/file" method="post">');
    expect(box).toContain(`<input type="hidden" name="file" value="${fileId}">`);
    // the citizen's own file is not offered back
    expect(h).not.toContain('моё фото');
    expect(await htmlProblems(h)).toEqual([]);

    const download = (fields: Record<string, string>) =>
      fetch(`${app.url}/appeals/status/file`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    const got = await download({ number, code, file: fileId });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('ответ.pdf')}`);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(got.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await got.arrayBuffer()).equals(reply)).toBe(true);
    const wrong = await download({ number, code: 'AAAAAAAA', file: fileId });
    expect(wrong.status).toBe(404);
    const wrongText = await wrong.text();
    expect(visibleText(wrongText)).toContain('Обращение с таким номером и кодом не найдено');
    expect(wrongText).not.toContain('%PDF');
    const own = ((await officer.get(`/api/v1/appeals/${number}`)).body.files as { id: string; from: string }[]).find((f) => f.from === 'citizen')!.id;
    expect((await download({ number, code, file: own })).status).toBe(404);
  });
});

describe('files on the appeal pages against abuse', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ trustProxy: { addresses: ['127.0.0.1'] }, appeals: { ratePerMinute: 3 } }, { acd: false });
  });
  afterAll(() => app.close());

  it('holds back a burst of downloads with guessed codes, on the page and the API, like the status look-ups', async () => {
    const page: number[] = [];
    const api: number[] = [];
    for (let i = 0; i < 5; i++) {
      const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.70' };
      page.push((await fetch(`${app.url}/appeals/status/file`, { method: 'POST', headers, body: `number=122-2026-000001&code=GUESS00${i}&file=1` })).status);
      api.push((await app.client('198.51.100.71').post('/api/v1/appeals/status/files/1', { number: '122-2026-000001', code: `GUESS00${i}` })).status);
    }
    expect(page).toEqual([404, 404, 404, 429, 429]);
    expect(api).toEqual([404, 404, 404, 429, 429]);
  });
});
