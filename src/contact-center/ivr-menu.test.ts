// Each region's IVR menu through the API: the SIP edge reads it, admins of the region set it, and
// a region that set none has the demo knowledge base's first sections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { publish } from '../../test/support/portal.ts';
import { edgeClient } from '../../test/support/telephony.ts';

const menu = (code: string) => `/api/v1/regions/${code}/ivr-menu`;
const answer = (slug: string, section: string) => ({ slug, section, title: `Ответ ${slug}`, body: 'Текст ответа.' });

describe('IVR menus', () => {
  let app: TestApp;
  let edge77: Client;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    edge77 = await edgeClient(app, '77');
    await publish(app, [answer('ivr-covid', 'Коронавирус'), answer('ivr-vaccine', 'Вакцинация'), answer('ivr-services', 'Госуслуги и обращения')]);
  });
  afterAll(() => app.close());

  it('a region without its own menu has the demo knowledge base’s first nine sections, in the order of its file', async () => {
    const r = await edge77.get(menu('77'));
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({
      region: '77',
      timeoutSeconds: 10,
      stored: false,
      updatedAt: null,
      items: [
        'Частичная мобилизация',
        'Добровольцы',
        'Посылки и помощь военнослужащим',
        'Меры поддержки семьям мобилизованных',
        'Коронавирус',
        'Вакцинация',
        'Больничные и пособия',
        'Работа и бизнес',
        'Госуслуги и обращения',
      ].map((section, i) => ({ digit: String(i + 1), section })),
    });
  });

  it('an admin of the region sets it; the edge reads it back; the change is audited', async () => {
    const admin = await app.as('admin', '77');
    const body = {
      greeting: 'Здравствуйте! Вы позвонили на линию 122.',
      timeoutSeconds: 7,
      items: [
        { digit: '2', section: 'Вакцинация' },
        { digit: '1', section: 'Коронавирус' },
      ],
    };
    const put = await admin.put(menu('77'), body);
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({ ...body, region: '77', stored: true, updatedAt: expect.any(String) });
    expect((await edge77.get(menu('77'))).body).toEqual(put.body);
    const audit = await app.db.query<{ region_code: string; details: unknown }>("SELECT region_code, details FROM audit_log WHERE action = 'ivr_menu.update'");
    expect(audit.rows).toEqual([{ region_code: '77', details: { greeting: body.greeting, timeoutSeconds: 7, items: body.items } }]);
    // without a greeting, and the default wait
    const plain = await admin.put(menu('77'), { items: [{ digit: '9', section: 'Госуслуги и обращения' }] });
    expect(plain.body).toEqual({ region: '77', timeoutSeconds: 10, items: [{ digit: '9', section: 'Госуслуги и обращения' }], stored: true, updatedAt: expect.any(String) });
    // another region keeps its default
    expect((await edge77.get(menu('77'))).body.stored).toBe(true);
    expect((await (await app.as('admin', 'federal')).get(menu('78'))).body.stored).toBe(false);
  });

  it('names only the knowledge base’s sections, each digit 1–9 once, 1 to 9 items; otherwise says what is wrong', async () => {
    const admin = await app.as('admin', '50');
    const unknown = await admin.put(menu('50'), {
      items: [
        { digit: '1', section: 'Коронавирус' },
        { digit: '2', section: 'Погода на Марсе' },
      ],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(unknown.body).toMatchObject({
      code: 'ivr_menu.unknown_section',
      detail: expect.stringMatching(/no section "Погода на Марсе".*its sections are: .*Коронавирус/),
      errors: [{ path: 'body.items.1.section', message: 'no section "Погода на Марсе" in the knowledge base' }],
    });
    const twice = await admin.put(menu('50'), {
      items: [
        { digit: '1', section: 'Коронавирус' },
        { digit: '1', section: 'Вакцинация' },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([{ path: 'body.items.1.digit', message: 'digit 1 is used by an earlier item' }]);
    const ten = Array.from({ length: 10 }, (_, i) => ({ digit: String((i % 9) + 1), section: 'Коронавирус' }));
    for (const items of [[], ten, [{ digit: '0', section: 'Коронавирус' }], [{ digit: '10', section: 'Коронавирус' }]]) {
      const r = await admin.put(menu('50'), { items });
      expect([r.status, r.body.code], JSON.stringify(items)).toEqual([400, 'request.invalid']);
    }
    for (const timeoutSeconds of [2, 61, 1.5]) expect((await admin.put(menu('50'), { timeoutSeconds, items: [{ digit: '1', section: 'Коронавирус' }] })).status).toBe(400);
    expect((await admin.get(menu('50'))).body.stored).toBe(false);
  });

  it('only admins change it, of that region (federal: any); the edge and staff read their region’s', async () => {
    const items = [{ digit: '1', section: 'Коронавирус' }];
    for (const role of ['supervisor', 'coordinator', 'editor', 'operator'] as const) {
      expect((await (await app.as(role, '78')).put(menu('78'), { items })).status, role).toBe(403);
    }
    const byEdge = await edge77.put(menu('77'), { items });
    expect([byEdge.status, byEdge.body.code]).toEqual([403, 'auth.token_scope']);
    // another region's and one that does not exist: the same 404
    for (const code of ['78', '99']) {
      const r = await (await app.as('admin', '77')).put(menu(code), { items });
      expect([r.status, r.body.code], code).toEqual([404, 'region.not_found']);
      const read = await edge77.get(menu(code));
      expect([read.status, read.body.code], code).toEqual([404, 'region.not_found']);
    }
    expect((await (await app.as('admin', 'federal')).put(menu('78'), { items })).status).toBe(200);
    expect((await (await app.as('operator', '78')).get(menu('78'))).body.items).toEqual(items);
    expect((await (await app.as('agency_officer', '78')).get(menu('78'))).status).toBe(403);
    expect((await app.client().get(menu('78'))).status).toBe(401);
  });
});
