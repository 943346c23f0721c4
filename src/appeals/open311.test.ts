// Open311 GeoReport v2 at /open311/v2/ through HTTP against the real app: every rule of
// test/fixtures/open311/VALIDATOR-RULES.md (D1-D17, S0-S2, M1-M2, C1-C4), the JSON Schemas of
// test/fixtures/open311/schemas (with their README's notes), XML that says the same as the JSON,
// filing with an API key, and no personal data in anything anyone may read.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../platform/access/principal.ts';
import { createLogger } from '../platform/logger.ts';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { asText, get, multiXml, postForm, schemaErrors, wellFormed, xmlAsJson, type Raw } from '../../test/support/open311.ts';
import { readDemoCatalog } from './index.ts';

const JURISDICTION = '122.example.ru';
const PUBLIC_URL = 'https://122.example.ru';
const W3C = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const SPEC = 'http://wiki.open311.org/GeoReport_v2';

describe('Open311 GeoReport v2', () => {
  let app: TestApp;
  let admin: Client;
  let now = Date.parse('2026-11-20T09:00:00Z');
  const clock = () => new Date(now);
  const keys: Record<'moscow' | 'federal' | 'officer' | 'otherScope', string> = { moscow: '', federal: '', officer: '', otherScope: '' };
  const base = (path: string) => `/open311/v2${path}`;
  const GET = (path: string) => get(app.url, base(path));
  const POST = (path: string, pairs: [string, string][], type?: string) => postForm(app.url, base(path), pairs, type);
  const lines: string[] = [];
  const count = async () => (await app.db.query<{ n: string }>('SELECT count(*) AS n FROM ap_appeals')).rows[0]!.n;

  async function keyOf(role: 'operator' | 'agency_officer', region: string, scopes?: string[]) {
    const u = await app.user(role, region);
    return (await app.services.tokens.create(systemActor(), { user: u.id, name: `Open311 test ${role} ${region}`, ...(scopes ? { scopes } : {}) })).secret;
  }
  async function officer(region: string, organisation: string) {
    const c = await app.as('agency_officer', region);
    expect((await admin.put(`/api/v1/appeal-officers/${c.userId}`, { organisation })).status).toBe(204);
    return c;
  }
  /** The personal part of a filing, each value unique to this file (none may ever be read back). */
  const person = {
    first_name: 'Аграфена',
    last_name: 'Пустошкина',
    email: 'pustoshkina.open311@example.ru',
    phone: '+7 912 555-01-77',
    address_string: 'г. Москва, ул. Неглинная, д. 7, кв. 311',
    description: 'Прошу разъяснить порядок записи на приём, текст open311-7731.',
  };
  let seq = 0;
  /** A filing of a state question by `person` (each with its own text: the same one twice is a duplicate); null leaves a parameter out. */
  const stateQuestion = (over: Record<string, string | null> = {}, key = keys.moscow): [string, string][] =>
    Object.entries({
      api_key: key,
      service_code: 'state-question',
      ...person,
      description: `${person.description} (${++seq})`,
      'attribute[subject]': 'Запись на приём',
      'attribute[consent]': 'true',
      ...over,
    }).filter((e): e is [string, string] => e[1] !== null);
  const errorsOf = (r: Raw) => (r.type === 'application/json' ? (r.json as { code: number; description: string }[]) : (xmlAsJson(r.text).body as { code: string; description: string }[]));

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = await startApp({ publicUrl: PUBLIC_URL, open311: { jurisdiction: JURISDICTION } }, { clock, acd: false, logger: createLogger({ level: 'debug', format: 'json' }, stream) });
    await app.services.appealsCatalog.loadDemo(systemActor());
    admin = await app.as('admin', 'federal');
    keys.moscow = await keyOf('operator', '77', ['appeals.register']);
    keys.federal = await keyOf('operator', 'federal');
    keys.officer = await keyOf('agency_officer', '77');
    keys.otherScope = await keyOf('operator', '77', ['kb']);
  });
  afterAll(() => app.close());

  describe('discovery (VALIDATOR-RULES D1-D17)', () => {
    it('D1-D4: discovery.xml and discovery.json, exactly text/xml and application/json, a <discovery> root and an object', async () => {
      const xml = await GET('/discovery.xml');
      const json = await GET('/discovery.json');
      expect([xml.status, xml.type, json.status, json.type]).toEqual([200, 'text/xml', 200, 'application/json']);
      expect(xml.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
      expect(wellFormed(xml.text)).toBe(true);
      expect(xmlAsJson(xml.text).root).toBe('discovery');
      expect(json.json).toBeTypeOf('object');
      expect(Array.isArray(json.json)).toBe(false);
    });

    it('D5-D8: contact, key_service and changeset present, well formed and the same in both formats; the XML says what the JSON says', async () => {
      const json = (await GET('/discovery.json')).json;
      const xml = xmlAsJson((await GET('/discovery.xml')).text).body;
      for (const d of [json, xml]) {
        expect(d.contact.trim()).not.toBe('');
        expect(d.key_service.trim()).not.toBe('');
        expect(d.changeset).toMatch(W3C);
      }
      expect(xml).toEqual(asText(json));
      expect(json.key_service).toMatch(/appeals\.register/);
    });

    it('D9-D17: at least two endpoints (MultiXml lists), each GeoReport v2 at the public URL without a trailing slash, a past changeset, production or test, text/xml and application/json', async () => {
      const raw = (await GET('/discovery.xml')).text;
      const seen = multiXml(raw).discovery;
      expect(Array.isArray(seen.endpoints.endpoint)).toBe(true);
      const json = (await GET('/discovery.json')).json;
      expect(json.endpoints).toHaveLength(seen.endpoints.endpoint.length);
      expect(json.endpoints.length).toBeGreaterThanOrEqual(2);
      for (const e of [...seen.endpoints.endpoint, ...json.endpoints]) {
        expect(e.specification).toBe(SPEC);
        expect(e.url).toBe(`${PUBLIC_URL}/open311/v2`);
        expect(e.changeset).toMatch(W3C);
        expect(Date.parse(e.changeset)).toBeLessThanOrEqual(Date.now());
        expect(['production', 'test']).toContain(e.type);
        const list = Array.isArray(e.formats) ? e.formats : e.formats.format;
        expect(Array.isArray(list)).toBe(true);
        expect(list).toEqual(['text/xml', 'application/json']);
      }
      expect(json.endpoints.map((e: { type: string }) => e.type).sort()).toEqual(['production', 'test']);
    });
  });

  describe('services and their definitions (S0-S2, M1-M2)', () => {
    it('S0-S2: one service per active appeal type in both formats, valid against services.json and swagger, the XML the same list', async () => {
      const json = await GET('/services.json');
      const xml = await GET('/services.xml');
      expect([json.status, json.type, xml.status, xml.type]).toEqual([200, 'application/json', 200, 'text/xml']);
      expect(schemaErrors('services.json', json.json)).toEqual([]);
      for (const s of json.json) expect(schemaErrors('swagger.json#/definitions/Service', s)).toEqual([]);
      expect(json.json.length).toBeGreaterThan(0);
      expect(json.json.map((s: { service_code: string }) => s.service_code).sort()).toEqual(['mobilisation-complaint', 'state-question', 'support-request', 'volunteer']);
      const parsed = xmlAsJson(xml.text);
      expect(parsed.root).toBe('services');
      expect(parsed.body).toEqual(asText(json.json));
      const v = json.json.find((s: { service_code: string }) => s.service_code === 'volunteer');
      expect(v).toMatchObject({ service_name: 'Запись в добровольцы', metadata: true, type: 'realtime' });
    });

    it('M1-M2: every definition in both formats, valid, the same; fields as attributes (files left out), then the region and the consent', async () => {
      for (const s of (await GET('/services.json')).json as { service_code: string; metadata: boolean }[]) {
        expect(s.metadata).toBe(true);
        const json = await GET(`/services/${s.service_code}.json`);
        const xml = await GET(`/services/${s.service_code}.xml`);
        expect([json.status, json.type, xml.status, xml.type]).toEqual([200, 'application/json', 200, 'text/xml']);
        expect(schemaErrors('service-definition.json', json.json)).toEqual([]);
        expect(schemaErrors('swagger.json#/definitions/ServiceDefinition', json.json)).toEqual([]);
        expect(json.json.service_code).toBe(s.service_code);
        const parsed = xmlAsJson(xml.text);
        expect(parsed.root).toBe('service_definition');
        expect(parsed.body).toEqual(asText(json.json));
        const orders = json.json.attributes.map((a: { order: number }) => a.order);
        expect(orders).toEqual(orders.map((_: number, i: number) => i + 1));
        expect(json.json.attributes.map((a: { code: string }) => a.code)).not.toContain('documents');
      }
      const v = (await GET('/services/volunteer.json')).json;
      const byCode = Object.fromEntries(v.attributes.map((a: { code: string }) => [a.code, a]));
      expect(Object.keys(byCode)).toEqual(['birth_date', 'directions', 'availability', 'experience', 'region', 'consent']);
      expect(byCode.birth_date).toMatchObject({ variable: true, datatype: 'datetime', required: true, description: 'Дата рождения. Добровольцем можно стать с 18 лет' });
      expect(byCode.directions).toMatchObject({ datatype: 'multivaluelist', required: true });
      expect(byCode.directions.values).toContainEqual({ key: 'Помощь пожилым', name: 'Помощь пожилым' });
      expect(byCode.availability).toMatchObject({ datatype: 'singlevaluelist', required: false });
      expect(byCode.experience).toMatchObject({ datatype: 'text', datatype_description: expect.stringMatching(/2000/) });
      expect(byCode.region).toMatchObject({ datatype: 'singlevaluelist', required: false });
      expect(byCode.region.values).toHaveLength(85);
      expect(byCode.region.values).toContainEqual({ key: '77', name: expect.stringMatching(/Москва/) });
      expect(byCode.consent).toMatchObject({ datatype: 'singlevaluelist', required: true, values: [{ key: 'true', name: 'Согласие получено' }] });
      expect(byCode.consent.description).toMatch(/152-ФЗ/);
      const support = (await GET('/services/support-request.json')).json.attributes.find((a: { code: string }) => a.code === 'family_size');
      expect(support).toMatchObject({ datatype: 'number', datatype_description: 'Число от 1 до 20' });
    });

    it('an unknown or retired service is a 404 with an error list in either format', async () => {
      const retired = { ...readDemoCatalog().types.find((t) => t.code === 'state-question')!, code: 'retired-type', active: false };
      const { code: _code, ...body } = retired;
      expect((await admin.put('/api/v1/appeal-types/retired-type', body)).status).toBe(200);
      for (const code of ['no-such-type', 'retired-type']) {
        const json = await GET(`/services/${code}.json`);
        expect([json.status, json.type]).toEqual([404, 'application/json']);
        expect(json.json).toEqual([{ code: 404, description: expect.stringContaining(code) }]);
        const xml = await GET(`/services/${code}.xml`);
        expect([xml.status, xml.type]).toEqual([404, 'text/xml']);
        expect(xmlAsJson(xml.text)).toEqual({ root: 'errors', body: [{ code: '404', description: expect.stringContaining(code) }] });
      }
      expect(((await GET('/services.json')).json as { service_code: string }[]).map((s) => s.service_code)).not.toContain('retired-type');
    });
  });

  describe('filing: POST requests (C1-C4)', () => {
    it('C1-C3: files in XML and JSON with an api_key; the number at once (no token, no null); found by GET as open, channel open311 for the officer', async () => {
      const xml = await POST('/requests.xml', stateQuestion());
      expect([xml.status, xml.type], xml.text).toEqual([200, 'text/xml']);
      const filedXml = xmlAsJson(xml.text);
      expect(filedXml.root).toBe('service_requests');
      expect(filedXml.body).toHaveLength(1);
      expect(filedXml.body[0].service_request_id).toMatch(/^122-2026-\d{6}$/);
      const json = await POST('/requests.json', stateQuestion({ 'attribute[subject]': 'Другая тема' }));
      expect([json.status, json.type], json.text).toEqual([200, 'application/json']);
      expect(json.json).toHaveLength(1);
      const filed = json.json[0];
      expect(schemaErrors('swagger.json#/definitions/RequestResponse', filed)).toEqual([]);
      expect(Object.keys(filed).sort()).toEqual(['service_notice', 'service_request_id']);
      expect(filed.service_notice).toMatch(/Код для проверки статуса и получения ответа: [2-9A-Z]{8}/);
      expect(filed.service_notice).toMatch(/Администрация — .*Москва/);
      const one = await GET(`/requests/${filed.service_request_id}.json`);
      expect([one.status, one.type]).toEqual([200, 'application/json']);
      expect(one.json).toHaveLength(1);
      expect(schemaErrors('request.json', one.json[0])).toEqual([]);
      expect(schemaErrors('swagger.json#/definitions/Request', one.json[0])).toEqual([]);
      expect(one.json[0]).toMatchObject({ service_request_id: filed.service_request_id, service_code: 'state-question', status: 'open', status_notes: 'Зарегистрировано.' });
      expect(one.json[0].description).toBeUndefined();
      const o = await officer('77', 'gov-77');
      const mine = (await o.get('/api/v1/appeals?limit=200')).body.items as { number: string; channel: string }[];
      expect(mine.find((a) => a.number === filed.service_request_id)?.channel).toBe('open311');
      const read = await o.get(`/api/v1/appeals/${filed.service_request_id}`);
      expect(read.body.personal).toMatchObject({
        name: 'Пустошкина Аграфена',
        email: person.email,
        phone: '79125550177',
        address: person.address_string,
        text: expect.stringContaining(person.description),
        values: { subject: 'Другая тема' },
      });
      expect(read.body.history[0]).toMatchObject({ action: 'registered', details: { channel: 'open311' } });
    });

    it('attributes: a multivaluelist as attribute[code][], a datetime for a date field; the same filing again gets the first number', async () => {
      const volunteer: [string, string][] = [
        ['api_key', keys.moscow],
        ['service_code', 'volunteer'],
        ['first_name', 'Ефим'],
        ['last_name', 'Заозёрный'],
        ['email', 'zaozerny.open311@example.ru'],
        ['description', 'Готов помогать по выходным, open311-volunteer.'],
        ['attribute[birth_date]', '1990-05-17T00:00:00+03:00'],
        ['attribute[directions][]', 'Помощь пожилым'],
        ['attribute[directions][]', 'Донорство крови'],
        ['attribute[experience]', 'Опыт open311-опыт-секрет'],
        ['attribute[consent]', 'true'],
      ];
      const first = await POST('/requests.json', volunteer);
      expect(first.status, first.text).toBe(200);
      const number = first.json[0].service_request_id;
      const o = await officer('77', 'volunteers-77');
      expect((await o.get(`/api/v1/appeals/${number}`)).body.personal.values).toEqual({
        birth_date: '1990-05-17',
        directions: ['Помощь пожилым', 'Донорство крови'],
        experience: 'Опыт open311-опыт-секрет',
      });
      const again = await POST('/requests.json', volunteer);
      expect(again.json).toEqual([{ service_request_id: number, service_notice: expect.stringMatching(/уже подано/) }]);
    });

    it('C4: without an api_key, with a wrong one, one of an account that does not file, or a token limited elsewhere: 403 with an error list, nothing filed', async () => {
      const before = await count();
      const cases: [string, [string, string][]][] = [
        ['no key', stateQuestion({ api_key: null })],
        ['empty key', stateQuestion({}, '')],
        ['wrong key', stateQuestion({}, 'otvet_not-a-real-token')],
        ['officer', stateQuestion({}, keys.officer)],
        ['kb-only token', stateQuestion({}, keys.otherScope)],
      ];
      for (const [what, pairs] of cases) {
        for (const f of ['json', 'xml'] as const) {
          const r = await POST(`/requests.${f}`, pairs);
          expect([r.status, r.type], `${what} ${f}: ${r.text}`).toEqual([403, f === 'json' ? 'application/json' : 'text/xml']);
          expect(errorsOf(r)).toEqual([{ code: f === 'json' ? 403 : '403', description: expect.stringMatching(/^api_key: /) }]);
        }
      }
      expect(await count()).toBe(before);
    });

    it('C4: no service_code is 400, an unknown one 404; every problem of the form at once, each naming its parameter; nothing filed', async () => {
      const before = await count();
      const none = await POST('/requests.json', stateQuestion({ service_code: null }));
      expect([none.status, none.json]).toEqual([400, [{ code: 400, description: expect.stringMatching(/^service_code: /) }]]);
      const unknown = await POST('/requests.xml', stateQuestion({ service_code: 'no-such-type' }));
      expect([unknown.status, errorsOf(unknown)]).toEqual([404, [{ code: '404', description: expect.stringMatching(/^service_code: /) }]]);
      const form = Object.entries({ api_key: keys.moscow, service_code: 'volunteer', first_name: 'Я', description: 'коротко' });
      const bad = await POST('/requests.json', [...form, ['attribute[birth_date]', '2020-01-01'], ['attribute[directions][]', 'Полёты в космос']], 'application/x-www-form-urlencoded');
      expect(bad.status, bad.text).toBe(400);
      expect(bad.json.every((e: { code: number }) => e.code === 400)).toBe(true);
      const said = bad.json.map((e: { description: string }) => e.description.split(': ')[0]).sort();
      expect(said).toEqual(['last_name/first_name', 'email', 'description', 'attribute[consent]', 'attribute[birth_date]', 'attribute[directions]'].sort());
      const unknownAttribute = await POST('/requests.json', stateQuestion({ 'attribute[colour]': 'red', 'attribute[documents]': 'scan.pdf' }));
      expect(unknownAttribute.json.map((e: { description: string }) => e.description.split(': ')[0]).sort()).toEqual(['attribute[colour]', 'attribute[documents]']);
      const long = await POST('/requests.json', stateQuestion({ description: 'д'.repeat(4001) }));
      expect([long.status, long.json[0].description]).toEqual([400, expect.stringMatching(/^description: .*4000/)]);
      expect(await count()).toBe(before);
    });

    it('the region: a regional key files its own region only; a federal key names it in attribute[region]', async () => {
      const elsewhere = await POST('/requests.json', stateQuestion({ 'attribute[region]': '78' }));
      expect([elsewhere.status, elsewhere.json[0].description]).toEqual([403, expect.stringMatching(/^attribute\[region\]: .*77/)]);
      const same = await POST('/requests.json', stateQuestion({ 'attribute[region]': '77' }));
      expect(same.status, same.text).toBe(200);
      const unnamed = await POST('/requests.json', stateQuestion({}, keys.federal));
      expect([unnamed.status, unnamed.json[0].description]).toEqual([400, expect.stringMatching(/^attribute\[region\]: /)]);
      const nowhere = await POST('/requests.json', stateQuestion({ 'attribute[region]': '99' }, keys.federal));
      expect([nowhere.status, nowhere.json[0].description]).toEqual([400, expect.stringMatching(/^attribute\[region\]: /)]);
      const spb = await POST('/requests.json', stateQuestion({ 'attribute[region]': '78' }, keys.federal));
      expect(spb.status, spb.text).toBe(200);
      const read = (await GET(`/requests/${spb.json[0].service_request_id}.json`)).json[0];
      expect(read.agency_responsible).toMatch(/^Администрация — .*Санкт-Петербург/);
    });

    it('bodies are forms of at most 64 KiB: JSON, or a larger form, is a 400 with an error list', async () => {
      const asJson = await fetch(`${app.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ api_key: keys.moscow }) });
      expect([asJson.status, asJson.headers.get('content-type')]).toEqual([400, 'application/json']);
      expect((await asJson.json())[0].description).toMatch(/x-www-form-urlencoded/);
      const big = await POST('/requests.xml', stateQuestion({ 'attribute[experience]': 'x'.repeat(70_000) }));
      expect([big.status, big.type]).toEqual([400, 'text/xml']);
    });
  });

  describe('reading requests: GET requests and requests/{id}', () => {
    it('lists the last 90 days newest first, valid against requests.json, the XML the same; filters by status, service and number', async () => {
      const json = await GET('/requests.json');
      const xml = await GET('/requests.xml');
      expect([json.status, json.type, xml.status, xml.type]).toEqual([200, 'application/json', 200, 'text/xml']);
      expect(schemaErrors('requests.json', json.json)).toEqual([]);
      for (const r of json.json) expect(schemaErrors('swagger.json#/definitions/Request', r)).toEqual([]);
      expect(json.json.length).toBeGreaterThanOrEqual(4);
      expect(xmlAsJson(xml.text)).toEqual({ root: 'service_requests', body: asText(json.json) });
      const times = json.json.map((r: { requested_datetime: string }) => r.requested_datetime);
      expect([...times].sort().reverse()).toEqual(times);
      const volunteers = (await GET('/requests.json?service_code=volunteer')).json as { service_code: string }[];
      expect(volunteers.length).toBeGreaterThan(0);
      expect(volunteers.every((r) => r.service_code === 'volunteer')).toBe(true);
      expect((await GET('/requests.json?status=closed')).json).toEqual([]);
      const two = json.json.slice(0, 2).map((r: { service_request_id: string }) => r.service_request_id);
      const byNumber = (await GET(`/requests.json?service_request_id=${two.join(',')},122-2026-999999&status=closed`)).json;
      expect(byNumber.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([...two].sort());
    });

    it('an answer closes it: status_notes say so without the answer’s text; updated_datetime is when it was answered; an extension shows its new date', async () => {
      const filed = (await POST('/requests.json', stateQuestion())).json[0];
      const extended = (await POST('/requests.json', stateQuestion())).json[0];
      const o = await officer('77', 'gov-77');
      now += 3600_000;
      expect((await o.post(`/api/v1/appeals/${filed.service_request_id}/actions`, { action: 'answer', text: 'Ответ с секретом open311-ответ-секрет.' })).status).toBe(204);
      expect((await o.post(`/api/v1/appeals/${extended.service_request_id}/actions`, { action: 'extend', days: 10, reason: 'Причина open311-причина-секрет' })).status).toBe(204);
      const [answered] = (await GET(`/requests/${filed.service_request_id}.json`)).json;
      expect(answered).toMatchObject({ status: 'closed', status_notes: expect.stringMatching(/^Дан ответ\. /), updated_datetime: new Date(now).toISOString().replace('.000', '') });
      expect(Date.parse(answered.expected_datetime)).toBeGreaterThan(now);
      const [longer] = (await GET(`/requests/${extended.service_request_id}.json`)).json;
      expect(longer).toMatchObject({ status: 'open', status_notes: expect.stringMatching(/^Зарегистрировано\. Срок рассмотрения продлён до \d\d\.\d\d\.\d{4}\.$/) });
      const closed = (await GET('/requests.json?status=closed')).json as { service_request_id: string }[];
      expect(closed.map((r) => r.service_request_id)).toEqual([filed.service_request_id]);
      const all = JSON.stringify((await GET('/requests.json')).json) + (await GET('/requests.xml')).text;
      for (const secret of ['open311-ответ-секрет', 'open311-причина-секрет']) expect(all).not.toContain(secret);
    });

    it('dates: a window of at most 90 days (the last 90 by default), W3C date-times; bad filters are 400, an unknown id 404', async () => {
      const all = (await GET('/requests.json')).json as { service_request_id: string }[];
      now += 100 * 86400_000;
      expect((await GET('/requests.json')).json).toEqual([]);
      const back = (await GET('/requests.json?start_date=2026-11-01T00:00:00Z')).json as unknown[];
      expect(back).toHaveLength(all.length);
      expect((await GET('/requests.json?start_date=2026-11-01T00:00:00%2B03:00&end_date=2026-11-19T00:00:00Z')).json).toEqual([]);
      for (const q of ['start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z', 'start_date=yesterday', 'end_date=2026-11-20', 'status=pending', 'service_code=no-such-type']) {
        const r = await GET(`/requests.json?${q}`);
        expect([r.status, r.json.length], q).toEqual([400, 1]);
      }
      for (const id of ['122-2026-999999', 'nothing']) {
        const r = await GET(`/requests/${id}.xml`);
        expect([r.status, r.type, xmlAsJson(r.text).root]).toEqual([404, 'text/xml', 'errors']);
      }
    });

    it('no personal data: nothing posted about the appellant is in any answer anyone may read, nor in the log', async () => {
      const reads = ['/requests.json', '/requests.xml', '/requests.json?start_date=2026-11-01T00:00:00Z', '/requests.xml?start_date=2026-11-01T00:00:00Z'];
      const numbers = ((await GET('/requests.json?start_date=2026-11-01T00:00:00Z')).json as { service_request_id: string }[]).map((r) => r.service_request_id);
      expect(numbers.length).toBeGreaterThan(4);
      for (const n of numbers) reads.push(`/requests/${n}.json`, `/requests/${n}.xml`);
      const seen = (await Promise.all(reads.map((p) => GET(p)))).map((r) => r.text).join('\n');
      const secrets = [...Object.values(person), 'Пустошкина', '5550177', '555-01-77', 'zaozerny', 'Заозёрный', 'open311-опыт-секрет', 'Готов помогать', 'Неглинная'];
      for (const secret of secrets) expect(seen, secret).not.toContain(secret);
      const log = lines.join('\n');
      for (const secret of [...secrets, keys.moscow, keys.federal]) expect(log, secret).not.toContain(secret);
    });
  });

  describe('the protocol around it', () => {
    it('jurisdiction_id: ours (any case) or none is served; another is 404 with an error list, reading and filing alike', async () => {
      expect((await GET(`/services.json?jurisdiction_id=${JURISDICTION}`)).status).toBe(200);
      expect((await GET('/services.json?jurisdiction_id=122.EXAMPLE.RU')).status).toBe(200);
      expect((await GET('/services.json?jurisdiction_id=')).status).toBe(200);
      for (const path of ['/services.json', '/services/volunteer.json', '/requests.json', '/discovery.json']) {
        const r = await GET(`${path}?jurisdiction_id=city.example.com`);
        expect([r.status, r.type, r.json], path).toEqual([404, 'application/json', [{ code: 404, description: expect.stringMatching(/^jurisdiction_id: .*city\.example\.com/) }]]);
      }
      const before = await count();
      const post = await POST('/requests.xml', stateQuestion({ jurisdiction_id: 'city.example.com' }));
      expect([post.status, post.type, errorsOf(post)[0]!.code]).toEqual([404, 'text/xml', '404']);
      expect(await count()).toBe(before);
    });

    it('a parameter given more than once is a 400 that says how many times, in words agreeing with the number', async () => {
      const twice = await GET('/requests.json?service_code=volunteer&service_code=volunteer');
      expect([twice.status, twice.json]).toEqual([400, [{ code: 400, description: 'service_code: параметр указан 2 раза; нужен один.' }]]);
      const five = await GET(`/requests.json?${'service_code=volunteer&'.repeat(5)}`);
      expect(five.json[0].description).toBe('service_code: параметр указан 5 раз; нужен один.');
    });

    it('tokens/{token}: none is ever issued (every service is realtime), so any is 404 in either format', async () => {
      for (const f of ['json', 'xml'] as const) {
        const r = await GET(`/tokens/12345.${f}`);
        expect([r.status, r.type]).toEqual([404, f === 'json' ? 'application/json' : 'text/xml']);
        expect(errorsOf(r)).toHaveLength(1);
      }
    });

    it('content types are exactly text/xml and application/json, for errors too; other formats and paths are 404 lists; none of it is in the OpenAPI document', async () => {
      for (const path of ['/services.json', '/nothing.json', '/services/volunteer.json?jurisdiction_id=x', '/requests/1.json']) expect((await GET(path)).type, path).toBe('application/json');
      for (const path of ['/services.xml', '/nothing.xml', '/services.html', '/nothing', '/requests/1.xml']) expect((await GET(path)).type, path).toBe('text/xml');
      const html = await GET('/services.html');
      expect([html.status, xmlAsJson(html.text).root]).toEqual([404, 'errors']);
      const wrongMethod = await fetch(`${app.url}/open311/v2/services.json`, { method: 'DELETE' });
      expect([wrongMethod.status, wrongMethod.headers.get('content-type')]).toEqual([404, 'application/json']);
      const doc = (await app.client().get('/api/openapi.json')).body as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths).filter((p) => p.includes('open311'))).toEqual([]);
    });
  });
});
