// "Did not help" asks what was missing: the reader's words (no account, no address kept; numbers
// and e-mails that could be someone's masked before they are stored) go to the editors' queue with
// the answer they were about; the form is a plain form, no JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { htmlProblems, postForm, publishDemo, visibleText } from '../../test/support/portal.ts';
import { maskPersonal } from './personal-data.ts';

const SLUG = 'mob-who-is-called-up';

describe('what a reader missed in an answer', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await publishDemo(app);
  }, 60_000);
  afterAll(() => app?.close());

  it('after «Нет» the page asks what was missing; the words reach the editors, masked where they could be someone’s', async () => {
    const voted = await postForm(app, `/answers/${SLUG}/feedback`, { helped: 'no' });
    expect(voted.status).toBe(303);
    const page = await app.client().get(voted.headers.get('location')!);
    expect(visibleText(page.text)).toContain('Чего не хватило в ответе?');
    expect(page.text).toContain(`action="/answers/${SLUG}/missing"`);
    expect(await htmlProblems(page.text)).toEqual([]);

    const told = await postForm(app, `/answers/${SLUG}/missing`, { text: '  Не сказано, что делать студентам. Мой телефон +7 916 123-45-67, почта ivan@example.ru  ' });
    expect(told.status).toBe(303);
    const thanks = await app.client().get(told.headers.get('location')!);
    expect(visibleText(thanks.text)).toContain('Спасибо: редакторы прочитают.');
    expect(visibleText(thanks.text)).not.toContain('Чего не хватило в ответе?');

    const editor = await app.as('editor', 'federal');
    const r = await editor.get('/api/v1/portal/missing?days=7');
    expect(r.status, r.text).toBe(200);
    const item = r.body.items.find((x: { slug: string }) => x.slug === SLUG);
    expect(item).toMatchObject({ slug: SLUG, title: expect.stringContaining('мобилизации'), notHelped: 1 });
    expect(item.reasons.map((x: { text: string }) => x.text)).toEqual(['Не сказано, что делать студентам. Мой телефон [скрыто], почта [скрыто]']);
    expect(JSON.stringify(r.body)).not.toMatch(/916|ivan@/);
  });

  it('refuses what is not a reason: empty, too long, an answer that is not there; only editors and coordinators read them', async () => {
    expect((await postForm(app, `/answers/${SLUG}/missing`, { text: '   ' })).status).toBe(400);
    expect((await postForm(app, `/answers/${SLUG}/missing`, { text: 'я'.repeat(1001) })).status).toBe(400);
    expect((await postForm(app, '/answers/no-such-answer/missing', { text: 'Нет ответа' })).status).toBe(404);
    expect((await (await app.as('operator', '77')).get('/api/v1/portal/missing')).status).toBe(403);
    expect((await (await app.as('coordinator', 'federal')).get('/api/v1/portal/missing')).status).toBe(200);
  });

  it('masks numbers and addresses that could be someone’s, keeps dates and law numbers', () => {
    expect(maskPersonal('СНИЛС 123-456-789 01, паспорт 45 06 123456')).toBe('СНИЛС [скрыто], паспорт [скрыто]');
    expect(maskPersonal('пишите a.b-c@mail.ru')).toBe('пишите [скрыто]');
    expect(maskPersonal('закон № 255-ФЗ от 29.12.2006, 2024 год')).toBe('закон № 255-ФЗ от 29.12.2006, 2024 год');
  });
});
