// The citizen's appeal pages through HTTP, as a browser without JavaScript sends and reads them:
// the types, the form with every kind of field, a bad submission back with its messages next to the
// fields and everything typed (escaped), a good one with number and code, the status with the right
// and a wrong code, ready answers before sending, a staff member's browser filing as the portal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../platform/access/principal.ts';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { htmlProblems, publishDemo, visibleText } from '../../test/support/portal.ts';
import { readDemoCatalog } from './index.ts';

/** A type with a field of every kind (the demo's types have only some). */
const everyKind = {
  name: 'Проверка всех полей',
  description: 'Вид обращения для проверки формы.',
  consentText: 'Я согласен(на) на обработку персональных данных для проверки формы (152-ФЗ), весь этот текст виден полностью.',
  fields: [
    { code: 'short', label: 'Короткий текст', kind: 'text', required: true, hint: 'Подсказка к короткому тексту' },
    { code: 'long', label: 'Длинный текст', kind: 'long_text' },
    { code: 'pick', label: 'Один из трёх', kind: 'choice', required: true, options: ['Первый', 'Второй', 'Третий'] },
    { code: 'many_options', label: 'Один из многих', kind: 'choice', options: ['1', '2', '3', '4', '5', '6', '7', '8'] },
    { code: 'several', label: 'Несколько', kind: 'multi_choice', options: ['Красный', 'Зелёный', 'Синий'] },
    { code: 'when', label: 'Когда', kind: 'date', max: 0 },
    { code: 'count', label: 'Сколько', kind: 'number', min: 1, max: 20 },
    { code: 'relative_phone', label: 'Телефон родственника', kind: 'phone' },
    { code: 'work_email', label: 'Рабочая почта', kind: 'email' },
    { code: 'scan', label: 'Скан', kind: 'file' },
  ],
};

/** Posts a form as a browser does (repeated names for checkboxes), without following redirects. */
async function post(app: TestApp, path: string, fields: [string, string][], headers: Record<string, string> = {}) {
  const res = await fetch(app.url + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The demo's mobilisation complaint as filled in; `change` replaces fields by name (an empty list drops one). */
const complaint = (change: Record<string, string | null> = {}): [string, string][] =>
  base.filter(([k]) => !(k in change)).concat(Object.entries(change).flatMap(([k, v]) => (v === null ? [] : [[k, v] as [string, string]])));
const base: [string, string][] = [
  ['region', '77'],
  ['name', 'Петров Сергей Иванович'],
  ['phone', '+7 916 555-12-34'],
  ['email', 'petrov@example.ru'],
  ['address', ''],
  ['values.complaint_kind', 'Отсрочка'],
  ['values.commissariat', 'Военный комиссариат Тверского района'],
  ['values.summons_date', ''],
  ['text', 'Мне вручили повестку, хотя у меня трое детей и положена отсрочка.'],
  ['consent', 'yes'],
];

describe('appeal pages', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await app.services.appealsCatalog.loadDemo(systemActor());
    const admin = await app.as('admin', 'federal');
    expect((await admin.put('/api/v1/appeal-types/every-kind', everyKind)).status).toBe(200);
    expect((await admin.put('/api/v1/appeal-routes', { type: 'every-kind', region: '*', organisation: 'gov-federal' })).status).toBe(204);
    await publishDemo(app);
  });
  afterAll(() => app.close());

  it('lists the appeal types with a link to each form and the law’s terms; the header links to it', async () => {
    const r = await app.client().get('/appeals');
    expect(r.status).toBe(200);
    const text = visibleText(r.text);
    for (const t of readDemoCatalog().types) expect(text).toContain(t.name as string);
    expect(r.text).toContain('href="/appeals/new/mobilisation-complaint"');
    expect(text).toContain('Регистрация — в течение 3 дней.');
    expect(text).toContain('Ответ — в течение 30 дней со дня регистрации.');
    expect(text).toContain('секретный код');
    expect(r.text).toContain('href="/appeals/status"');
    expect(await htmlProblems(r.text)).toEqual([]);
    expect((await app.client().get('/')).text).toContain('<a href="/appeals">Обращения</a>');
  });

  it('the form renders every kind of field, the regions by their Russian names and the consent text in full; the file field is the one file input', async () => {
    const r = await app.client().get('/appeals/new/every-kind', { cookie: 'otvet_region=78' });
    expect(r.status).toBe(200);
    const h = r.text;
    expect(h).toContain('<form class="appeal" action="/appeals/new/every-kind" method="post" enctype="multipart/form-data" novalidate>');
    expect(h).toMatch(/<input class="input" type="text" name="values.short" id="f-values-short" aria-describedby="f-values-short-hint"/);
    expect(h).toMatch(/<textarea class="input" name="values.long" id="f-values-long"/);
    expect(h.match(/type="radio" id="f-values-pick(-\d)?" name="values.pick"/g)).toHaveLength(3);
    expect(h).toMatch(/<select class="input" name="values.many_options" id="f-values-many_options">/);
    expect(h.match(/type="checkbox" id="f-values-several(-\d)?" name="values.several\[\]"/g)).toHaveLength(3);
    expect(h).toMatch(/type="date" name="values.when"/);
    expect(h).toMatch(/type="text" inputmode="decimal" name="values.count"/);
    expect(h).toMatch(/type="tel" name="values.relative_phone"/);
    expect(h).toMatch(/type="email" name="values.work_email"/);
    expect(h.match(/type="file"/g)).toHaveLength(1);
    expect(h).toMatch(/<label for="f-files">Скан <span class="optional">\(необязательно\)<\/span><\/label>/);
    expect(h).not.toContain('values.scan');
    expect(visibleText(h)).toContain(everyKind.consentText);
    expect(h).toMatch(/<input type="checkbox" id="f-consent" name="consent" value="yes" required>/);
    expect(h.match(/<option value="\d\d"/g)!.length).toBe(85);
    expect(h).toContain('<option value="77">Москва</option>');
    // the visitor's region is chosen already
    expect(h).toContain('<option value="78" selected>Санкт-Петербург</option>');
    expect(h).toContain('name="action" value="suggest"');
    expect(await htmlProblems(h)).toEqual([]);
    const none = await app.client().get('/appeals/new/no-such-type', { accept: 'text/html' });
    expect(none.status).toBe(404);
    expect(visibleText(none.text)).toContain('Страница не найдена');
  });

  it('a bad submission comes back with 400, each message next to its field and in the summary, everything typed kept and escaped', async () => {
    const before = (await app.db.query<{ n: string }>('SELECT count(*) AS n FROM ap_appeals')).rows[0]!.n;
    const r = await post(app, '/appeals/new/every-kind', [
      ['region', '77'],
      ['name', '<script>alert(1)</script>'],
      ['phone', '12'],
      ['email', ''],
      ['address', ''],
      ['values.short', 'коротко "в кавычках"'],
      ['values.long', 'строка 1\nстрока <b>2</b>'],
      ['values.pick', 'Второй'],
      ['values.many_options', '7'],
      ['values.several[]', 'Красный'],
      ['values.several[]', 'Синий'],
      ['values.when', '2999-01-01'],
      ['values.count', 'много'],
      ['values.relative_phone', '+7 903 111-22-33'],
      ['values.work_email', 'не почта'],
      ['text', 'Текст'],
    ]);
    expect(r.status).toBe(400);
    expect(r.headers.get('cache-control')).toContain('no-store');
    const h = r.text;
    // the summary links to each field with a problem, in the form's order
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(h)![0];
    expect([...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])).toEqual(['f-phone', 'f-email', 'f-values-when', 'f-values-count', 'f-values-work_email', 'f-text', 'f-consent']);
    expect(h).toMatch(/<title>Ошибка: /);
    // each message sits above its field, which points to it and is marked invalid
    expect(h).toMatch(
      /<p class="error-message" id="f-text-error"><span class="visually-hidden">Ошибка: <\/span>Опишите суть обращения \(хотя бы 10 знаков\)\.<\/p>\s*<textarea class="input" name="text" id="f-text" aria-describedby="f-text-hint f-text-error" aria-invalid="true"/,
    );
    expect(h).toMatch(/id="f-values-count-error">.*Укажите число\.<\/p><input [^>]*aria-describedby="f-values-count-error" aria-invalid="true"/);
    expect(h).toMatch(/<fieldset class="field group consent field-error" aria-describedby="f-consent-error">/);
    expect(h).toMatch(/id="f-email-error">.*Укажите электронную почту или почтовый адрес/);
    // what was typed, escaped
    expect(h).not.toContain('<script>alert');
    expect(h).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(h).toContain('value="коротко &quot;в кавычках&quot;"');
    expect(h).toContain('>строка 1\nстрока &lt;b&gt;2&lt;/b&gt;</textarea>');
    expect(h).toMatch(/value="Второй" checked/);
    expect(h).toContain('<option selected>7</option>');
    expect(h).toMatch(/value="Красный" checked/);
    expect(h).toMatch(/value="Синий" checked/);
    expect(h).not.toMatch(/value="Зелёный" checked/);
    expect(h).toContain('value="2999-01-01"');
    expect(h).toContain('value="много"');
    expect(h).toContain('value="не почта"');
    expect(h).toMatch(/<option value="77" selected>Москва<\/option>/);
    expect(await htmlProblems(h)).toEqual([]);
    expect((await app.db.query<{ n: string }>('SELECT count(*) AS n FROM ap_appeals')).rows[0]!.n).toBe(before);
    // no region: said next to the region, with the rest of the problems
    const noRegion = await post(app, '/appeals/new/mobilisation-complaint', complaint({ region: '' }));
    expect(noRegion.status).toBe(400);
    expect(noRegion.text).toMatch(/id="f-region-error">.*Выберите регион\.<\/p>/);
  });

  it('a good submission: number and code in large type, the organisation, the answer’s due date in Russian; nothing kept by caches; the same again is a duplicate', async () => {
    const r = await post(app, '/appeals/new/mobilisation-complaint', complaint());
    expect(r.status, visibleText(r.text)).toBe(200);
    expect(r.headers.get('cache-control')).toContain('no-store');
    const number = /<dd>(122-\d{4}-\d{6})<\/dd>/.exec(r.text)![1]!;
    const code = /<dd class="code">([2-9A-Z]{8})<\/dd>/.exec(r.text)![1]!;
    const text = visibleText(r.text);
    expect(text).toContain('Обращение отправлено');
    expect(text).toContain('Военный комиссариат — Москва');
    expect(text).toMatch(/Ответ должен быть дан до \d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4} г\./);
    // the status link names the number only
    expect(r.text).toContain(`href="/appeals/status?number=${number}"`);
    expect(r.text).not.toContain(`${code}"`);
    expect(r.text).not.toContain('/settings/font');
    expect(await htmlProblems(r.text)).toEqual([]);
    const row = (await app.db.query<{ channel: string }>('SELECT channel FROM ap_appeals WHERE number = $1', [number])).rows[0]!;
    expect(row.channel).toBe('portal');
    // sent again at once (the first page never loaded): the same number and code, said so
    const again = await post(app, '/appeals/new/mobilisation-complaint', complaint());
    expect(again.status).toBe(200);
    expect(visibleText(again.text)).toContain('Это обращение вы уже отправили несколько минут назад');
    expect(again.text).toContain(`<dd>${number}</dd>`);
    expect(again.text).toContain(`<dd class="code">${code}</dd>`);
    expect(await htmlProblems(again.text)).toEqual([]);
    // later: the number only
    await app.db.query("UPDATE ap_appeals SET received_at = received_at - interval '1 hour', code_sealed = NULL WHERE number = $1", [number]);
    const later = await post(app, '/appeals/new/mobilisation-complaint', complaint());
    expect(visibleText(later.text)).toContain('Это обращение уже отправлено');
    expect(later.text).toContain(`<dd>${number}</dd>`);
    expect(later.text).not.toContain('class="code"');
  });

  it('the status: the form; with the right code the status, organisation and due date; a wrong code and an unknown number get one message', async () => {
    const filed = await post(app, '/appeals/new/mobilisation-complaint', complaint({ email: 'status@example.ru' }));
    const number = /<dd>(122-\d{4}-\d{6})<\/dd>/.exec(filed.text)![1]!;
    const code = /<dd class="code">([2-9A-Z]{8})<\/dd>/.exec(filed.text)![1]!;
    const form = await app.client().get(`/appeals/status?number=${number}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<form class="appeal" action="/appeals/status" method="post" novalidate>');
    expect(form.text).toContain(`value="${number}"`);
    expect(await htmlProblems(form.text)).toEqual([]);
    const ok = await post(app, '/appeals/status', [
      ['number', number],
      ['code', code.toLowerCase()],
    ]);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toContain('no-store');
    const text = visibleText(ok.text);
    expect(text).toContain(`Обращение № ${number}`);
    expect(text).toContain('Зарегистрировано');
    expect(text).toContain('Военный комиссариат — Москва');
    expect(text).toContain('Жалоба, связанная с мобилизацией');
    expect(text).toMatch(/Срок ответа до \d{1,2} [а-я]+ \d{4} г\./);
    expect(await htmlProblems(ok.text)).toEqual([]);
    const wrong = await post(app, '/appeals/status', [
      ['number', number],
      ['code', 'AAAAAAAA'],
    ]);
    const unknown = await post(app, '/appeals/status', [
      ['number', '122-2026-999999'],
      ['code', code],
    ]);
    expect([wrong.status, unknown.status]).toEqual([404, 404]);
    const message = (h: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(h)![0];
    expect(message(wrong.text)).toBe(message(unknown.text));
    expect(visibleText(wrong.text)).toContain('Обращение с таким номером и кодом не найдено');
    // the code typed is not shown again
    expect(unknown.text).not.toContain(code);
    expect(await htmlProblems(wrong.text)).toEqual([]);
    const empty = await post(app, '/appeals/status', [
      ['number', 'abc'],
      ['code', ''],
    ]);
    expect(empty.status).toBe(400);
    expect(empty.text).toMatch(/id="f-number-error">.*Номер обращения выглядит так/);
    expect(empty.text).toMatch(/id="f-code-error">.*Укажите код/);
  });

  it('suggests ready answers for the text typed, opening in a new tab, files nothing and keeps the text out of the search statistics', async () => {
    const before = (await app.db.query<{ n: string }>('SELECT count(*) AS n FROM ap_appeals')).rows[0]!.n;
    const words = 'Я отец троих детей, мне принесли повестку. Положена ли мне отсрочка от мобилизации?';
    const r = await post(app, '/appeals/new/mobilisation-complaint', complaint({ text: words, consent: null, action: 'suggest' }));
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toContain('no-store');
    expect(visibleText(r.text)).toContain('Возможно, здесь уже есть ответ на ваш вопрос');
    expect(r.text).toMatch(
      /<a href="\/answers\/mob-deferment-many-children" target="_blank" rel="noopener">Положена ли отсрочка от мобилизации отцу троих детей\? <span class="new-tab">\(откроется в новой вкладке\)<\/span><\/a>/,
    );
    // no problems shown: the citizen has not sent it yet; what was typed is there
    expect(r.text).not.toContain('error-summary');
    expect(r.text).toContain(`>${words}</textarea>`);
    expect(r.text).toContain('value="Петров Сергей Иванович"');
    expect(await htmlProblems(r.text)).toEqual([]);
    expect((await app.db.query<{ n: string }>('SELECT count(*) AS n FROM ap_appeals')).rows[0]!.n).toBe(before);
    await app.services.queryStats.flush();
    const kept = (await app.db.query<{ sample_query: string }>('SELECT sample_query FROM kb_query_stats')).rows.map((x) => x.sample_query);
    expect(kept.filter((q) => q.includes('троих детей'))).toEqual([]);
    // nothing to search by
    const empty = await post(app, '/appeals/new/mobilisation-complaint', [
      ['text', ' '],
      ['action', 'suggest'],
    ]);
    expect(visibleText(empty.text)).toContain('Сначала напишите в поле «Текст обращения»');
  });

  it('a staff member signed in in the same browser files as the portal: no CSRF token is needed, the session lends no authority', async () => {
    const operator = await app.as('operator', '77');
    const r = await post(app, '/appeals/new/mobilisation-complaint', complaint({ email: 'from-staff-browser@example.ru' }), { cookie: operator.cookie! });
    expect(r.status, visibleText(r.text)).toBe(200);
    const number = /<dd>(122-\d{4}-\d{6})<\/dd>/.exec(r.text)![1]!;
    const row = (
      await app.db.query<{ channel: string; actor_id: number | null }>('SELECT a.channel, h.actor_id FROM ap_appeals a JOIN ap_history h ON h.appeal_id = a.id WHERE a.number = $1', [number])
    ).rows[0]!;
    expect(row).toEqual({ channel: 'portal', actor_id: null });
  });
});

describe('appeal pages against abuse', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ trustProxy: { addresses: ['127.0.0.1'] }, appeals: { ratePerMinute: 3 } }, { acd: false });
    await app.services.appealsCatalog.loadDemo(systemActor());
  });
  afterAll(() => app.close());

  it('holds back a burst of status look-ups from one address with the portal’s page, not other addresses; a body too large gets the page saying the limits', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const guess = (address: string, i: number) =>
      post(
        app,
        '/appeals/status',
        [
          ['number', '122-2026-000001'],
          ['code', `GUESS00${i}`],
        ],
        from(address),
      );
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await guess('198.51.100.50', i)).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    const held = await guess('198.51.100.50', 9);
    expect(held.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(visibleText(held.text)).toContain('Слишком много запросов');
    expect((await guess('198.51.100.51', 0)).status).toBe(404);
    const huge = await post(app, '/appeals/new/volunteer', [['text', 'а'.repeat(100_000)]], from('198.51.100.52'));
    expect(huge.status).toBe(413);
    expect(visibleText(huge.text)).toContain('Файлы слишком большие');
  });
});
