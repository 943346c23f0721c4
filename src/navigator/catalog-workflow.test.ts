// The navigator's questions and measures edited through the API with review, as an editor and a
// reviewer do it: what the wizard, the operators' panel and the HSDS export show changes on
// approval only; every content is checked (a rule against the questions, the catalogue as a whole).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { until } from '../../test/support/until.ts';
import { EventBus } from '../platform/events/bus.ts';
import { createLogger } from '../platform/logger.ts';
import { subscribeNavigator, type NavigatorTopics } from './events.ts';
import { LiveNavigator } from './live-catalog.ts';
import { readDemoNavigator } from './demo-data.ts';
import { hsdsServiceId } from './hsds.ts';

type Editor = Awaited<ReturnType<TestApp['as']>>;
type Answer = string | number | boolean;

const demo = readDemoNavigator();
const lumpSum = demo.measures.find((m) => m.id === 'sm-federal-lump-sum')!;

/** A new measure for the tests: eligible for the mobilised with a loan. */
const newMeasure = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  title: 'Отсрочка по кредиту для мобилизованных (тест)',
  summary: 'Кредитные каникулы на срок службы.',
  provider: 'Банк',
  category: 'кредиты',
  eligibility: {
    all: [
      { var: 'status', eq: 'mobilized' },
      { var: 'has_loan', eq: true },
    ],
  },
  how_to_apply: 'Заявление в банк.',
  ...extra,
});

describe('the navigator’s catalogue: editing with review', () => {
  let app: TestApp;
  let writer: Editor;
  let reviewer: Editor;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    writer = await app.as('editor', 'federal');
    reviewer = await app.as('editor', 'federal');
  }, 60_000);
  afterAll(() => app?.close());

  const step = (answers: Record<string, Answer>) => app.client().post('/api/v1/navigator/step', { answers });

  /** The answers the wizard asks for, from a profile (the rest: the last option, no, 0), walked to the end. */
  async function walk(profile: Record<string, Answer>): Promise<{ answers: Record<string, Answer>; results: { id: string; truth: string }[] }> {
    const answers: Record<string, Answer> = {};
    let r = await step(answers);
    for (let i = 0; r.body.next && i < 40; i++) {
      const q = r.body.next;
      answers[q.var] = profile[q.var] ?? (q.type === 'boolean' ? false : q.type === 'number' ? 0 : q.options[q.options.length - 1].value);
      r = await step(answers);
    }
    expect(r.body.next).toBeNull();
    return { answers, results: r.body.results };
  }

  /** The portal's result page for these answers (the wizard's own URL: yes / no for booleans). */
  async function resultPage(answers: Record<string, Answer>): Promise<string> {
    const query = new URLSearchParams(Object.entries(answers).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v)]));
    const r = await fetch(`${app.url}/navigator/result?${query}`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(r.status).toBe(200);
    return r.text();
  }

  it('starts with the demo catalogue published as version 1', async () => {
    const list = await writer.get('/api/v1/navigator/entries?kind=measure&limit=500');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(demo.measures.length);
    expect(list.body.items.map((e: { key: string }) => e.key)).toEqual(demo.measures.map((m) => m.id));
    expect(list.body.items[0]).toMatchObject({ kind: 'measure', status: 'published', currentVersion: 1, publishedVersion: 1, working: { version: 1, content: lumpSum } });
    const questions = await writer.get('/api/v1/navigator/entries?kind=question&limit=500');
    expect(questions.body.items.map((e: { key: string }) => e.key)).toEqual(demo.order);
  });

  it('a measure changed by an editor shows on the portal after review and publication only', async () => {
    const profile = { status: 'mobilized', applicant: 'serviceman' };
    const { answers } = await walk(profile);
    const oldTitle = lumpSum.title;
    const newTitle = 'Единовременная выплата участникам СВО (новая редакция)';
    const titleIn = async () => {
      const page = await resultPage(answers);
      // (the step names its catalogue; the measures of that catalogue say the titles)
      const { catalog } = (await step(answers)).body;
      const measures = (await app.client().get('/api/v1/navigator/catalog')).body;
      expect(measures.catalog).toBe(catalog);
      tags.add(catalog);
      const fromApi = measures.measures.find((r: { id: string }) => r.id === lumpSum.id).title;
      const hsds = (await app.client().get(`/api/v1/navigator/hsds/services/${hsdsServiceId(lumpSum.id)}`)).body.name;
      return { page: page.includes(newTitle) ? 'new' : page.includes(oldTitle) ? 'old' : 'none', api: fromApi, hsds };
    };
    const tags = new Set<string>();
    const old = { page: 'old', api: oldTitle, hsds: oldTitle };
    expect(await titleIn()).toEqual(old);

    const edited = await writer.put(`/api/v1/navigator/measures/${lumpSum.id}`, { content: { ...lumpSum, title: newTitle }, baseVersion: 1, note: 'новое название' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'draft', currentVersion: 2, publishedVersion: 1, working: { version: 2, note: 'новое название', createdBy: writer.username } });
    expect(await titleIn()).toEqual(old);

    expect((await writer.post(`/api/v1/navigator/measures/${lumpSum.id}/submit`)).body).toMatchObject({ status: 'in_review', reviewVersion: 2 });
    expect(await titleIn()).toEqual(old);

    const self = await writer.post(`/api/v1/navigator/measures/${lumpSum.id}/approve`);
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('navigator.self_review');
    expect(await titleIn()).toEqual(old);

    const approved = await reviewer.post(`/api/v1/navigator/measures/${lumpSum.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'published', currentVersion: 2, publishedVersion: 2, reviewVersion: null, publishedBy: reviewer.username });
    expect(tags.size).toBe(1);
    expect(await titleIn()).toEqual({ page: 'new', api: newTitle, hsds: newTitle });
    expect(tags.size).toBe(2);

    const versions = await reviewer.get(`/api/v1/navigator/measures/${lumpSum.id}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.items[0].content.title).toBe(newTitle);

    const audit = await (await app.as('admin', 'federal')).get('/api/v1/audit?action=navigator.measure');
    const acts = audit.body.items.filter((e: { target: { id: string } }) => e.target.id === lumpSum.id).map((e: { action: string; actor: { username: string } }) => `${e.action}:${e.actor.username}`);
    expect(acts).toEqual(expect.arrayContaining([`navigator.measure.edit:${writer.username}`, `navigator.measure.submit:${writer.username}`, `navigator.measure.publish:${reviewer.username}`]));
  });

  it('creates a measure and a question as drafts; a rejected one goes back with the comment; a coordinator approves', async () => {
    const created = await writer.post('/api/v1/navigator/measures', { content: newMeasure('sm-test-loan'), note: 'новая мера' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'measure', key: 'sm-test-loan', status: 'draft', currentVersion: 1, publishedVersion: null, working: { content: { answer_ids: [] } } });
    expect((await step({})).body.results.some((r: { id: string }) => r.id === 'sm-test-loan')).toBe(false);
    expect((await writer.post('/api/v1/navigator/measures', { content: newMeasure('sm-test-loan') })).body.code).toBe('navigator.key_taken');

    await writer.post('/api/v1/navigator/measures/sm-test-loan/submit');
    const rejected = await reviewer.post('/api/v1/navigator/measures/sm-test-loan/reject', { comment: 'Уточните банк' });
    expect(rejected.body).toMatchObject({ status: 'draft', reviewComment: 'Уточните банк', reviewVersion: null });
    await writer.put('/api/v1/navigator/measures/sm-test-loan', { content: newMeasure('sm-test-loan', { provider: 'Кредитная организация' }), baseVersion: 1 });
    await writer.post('/api/v1/navigator/measures/sm-test-loan/submit');
    const coordinator = await app.as('coordinator', 'federal');
    expect((await coordinator.post('/api/v1/navigator/measures/sm-test-loan/approve')).body).toMatchObject({ status: 'published', publishedVersion: 2 });
    const { results } = await walk({ status: 'mobilized', has_loan: true });
    expect(results.find((r) => r.id === 'sm-test-loan')).toMatchObject({ truth: 'yes' });
    const measures = (await app.client().get('/api/v1/navigator/catalog')).body.measures;
    expect(measures.find((m: { id: string }) => m.id === 'sm-test-loan')).toMatchObject({ title: 'Отсрочка по кредиту для мобилизованных (тест)', provider: 'Кредитная организация' });
    // the wrap-up of a call takes the newly published measure
    expect(app.services.liveNavigator.hasMeasure('sm-test-loan')).toBe(true);
  });

  it('refuses a rule naming an unknown question, or a value a question cannot have, at the path, in Russian', async () => {
    const unknown = await writer.post('/api/v1/navigator/measures', {
      content: newMeasure('sm-test-bad', {
        eligibility: {
          all: [
            { var: 'status', eq: 'mobilized' },
            { var: 'has_yacht', eq: true },
          ],
        },
      }),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('navigator.invalid_content');
    expect(unknown.body.errors).toEqual([{ path: 'body.content.eligibility.all.1.var', message: 'Нет вопроса «has_yacht».' }]);

    const impossible = await writer.post('/api/v1/navigator/measures', {
      content: newMeasure('sm-test-bad', {
        eligibility: {
          all: [
            { var: 'has_loan', eq: true },
            { var: 'status', in: ['mobilised'] },
            { var: 'is_injured', eq: 'yes' },
          ],
        },
      }),
    });
    expect(impossible.status).toBe(400);
    expect(impossible.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.content.eligibility.all.1.in.0', 'body.content.eligibility.all.2.eq']);
    expect(impossible.body.errors[0].message).toMatch(/^У вопроса «status» нет варианта «mobilised»/);

    const shape = await writer.post('/api/v1/navigator/questions', { content: { var: 'Bad Var', question: '', type: 'choice' } });
    expect(shape.status).toBe(400);
    expect(shape.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.content.options', 'body.content.question', 'body.content.var']);
    expect((await writer.get('/api/v1/navigator/measures/sm-test-bad')).status).toBe(404);

    // a key cannot change on edit
    const renamed = await writer.put(`/api/v1/navigator/measures/${lumpSum.id}`, { content: { ...lumpSum, id: 'sm-other' } });
    expect(renamed.status).toBe(400);
    expect(renamed.body.errors[0].path).toBe('body.content.id');
  });

  it('a stale edit is a conflict; impossible steps are refused', async () => {
    const id = 'sm-test-conflict';
    await writer.post('/api/v1/navigator/measures', { content: newMeasure(id) });
    expect((await writer.put(`/api/v1/navigator/measures/${id}`, { content: newMeasure(id, { title: 'Первая правка' }), baseVersion: 1 })).status).toBe(200);
    const stale = await reviewer.put(`/api/v1/navigator/measures/${id}`, { content: newMeasure(id, { title: 'Вторая правка' }), baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'navigator.version_conflict', currentVersion: 2 });
    // the same content again is no new version
    expect((await writer.put(`/api/v1/navigator/measures/${id}`, { content: newMeasure(id, { title: 'Первая правка' }), baseVersion: 2 })).body.currentVersion).toBe(2);
    expect((await reviewer.post(`/api/v1/navigator/measures/${id}/approve`)).body.code).toBe('navigator.invalid_transition');
    expect((await writer.post('/api/v1/navigator/measures/sm-no-such/submit')).status).toBe(404);
  });

  it('publishes a measure only when the questions it asks are published: the whole catalogue is checked', async () => {
    const question = { var: 'has_pet', question: 'Есть ли у вас домашнее животное?', type: 'boolean' };
    expect((await writer.post('/api/v1/navigator/questions', { content: question })).status).toBe(201);
    // a draft question may be named by a draft measure …
    const m = newMeasure('sm-test-pet', { title: 'Помощь владельцам животных (тест)', eligibility: { var: 'has_pet', eq: true } });
    expect((await writer.post('/api/v1/navigator/measures', { content: m })).status).toBe(201);
    await writer.post('/api/v1/navigator/measures/sm-test-pet/submit');
    // … but not published before it
    const early = await reviewer.post('/api/v1/navigator/measures/sm-test-pet/approve');
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('navigator.catalog_invalid');
    expect(early.body.errors).toEqual([{ path: 'measures.sm-test-pet.eligibility.var', message: 'Нет вопроса «has_pet».' }]);
    expect((await writer.get('/api/v1/navigator/measures/sm-test-pet')).body.status).toBe('in_review');

    await writer.post('/api/v1/navigator/questions/has_pet/submit');
    expect((await reviewer.post('/api/v1/navigator/questions/has_pet/approve')).body).toMatchObject({ status: 'published', position: demo.questions.length + 1 });
    expect((await reviewer.post('/api/v1/navigator/measures/sm-test-pet/approve')).status).toBe(200);
    expect((await walk({ status: 'none', has_pet: true })).results.find((r) => r.id === 'sm-test-pet')?.truth).toBe('yes');

    // a question a published measure asks cannot be archived, nor changed so that the rule breaks
    const inUse = await reviewer.post('/api/v1/navigator/questions/has_pet/archive', { reason: 'не нужен' });
    expect(inUse.status).toBe(409);
    expect(inUse.body).toMatchObject({ code: 'navigator.question_in_use', measures: ['sm-test-pet'] });
    await writer.put('/api/v1/navigator/questions/has_pet', { content: { ...question, type: 'number', min: 0 } });
    await writer.post('/api/v1/navigator/questions/has_pet/submit');
    const breaking = await reviewer.post('/api/v1/navigator/questions/has_pet/approve');
    expect(breaking.status).toBe(409);
    expect(breaking.body.errors[0].path).toBe('measures.sm-test-pet.eligibility.eq');

    // archived measure: gone from the wizard; then its question may go too
    expect((await reviewer.post('/api/v1/navigator/measures/sm-test-pet/archive')).body).toMatchObject({ status: 'archived', publishedVersion: null });
    expect((await step({})).body.results.some((r: { id: string }) => r.id === 'sm-test-pet')).toBe(false);
    expect((await resultPage((await walk({ status: 'none' })).answers)).includes(m.title)).toBe(false);
    expect((await reviewer.post('/api/v1/navigator/questions/has_pet/archive')).body.status).toBe('archived');
    expect((await step({ has_pet: true })).status).toBe(400);

    // restored: a draft to review again
    expect((await writer.put('/api/v1/navigator/measures/sm-test-pet', { content: m })).body.code).toBe('navigator.archived');
    expect((await reviewer.post('/api/v1/navigator/measures/sm-test-pet/restore')).body).toMatchObject({ status: 'draft', publishedVersion: null });
  });

  it('another node over the same database rebuilds its catalogue when the bus brings the publication', async () => {
    // (a second LiveNavigator with a bus of its own: what another app node holds)
    const log = createLogger({ level: 'silent', format: 'json' });
    const other = new LiveNavigator(app.db, log);
    const bus = new EventBus<NavigatorTopics>(app.db, log);
    subscribeNavigator(other, bus);
    await bus.start();
    try {
      await other.reload();
      const id = 'sm-test-other-node';
      expect(other.hasMeasure(id)).toBe(false);
      await writer.post('/api/v1/navigator/measures', { content: newMeasure(id) });
      await writer.post(`/api/v1/navigator/measures/${id}/submit`);
      expect((await reviewer.post(`/api/v1/navigator/measures/${id}/approve`)).status).toBe(200);
      await until('the other node has the measure', () => (other.hasMeasure(id) ? true : undefined));
      expect(other.current.catalog.measures.map((m) => m.id)).toEqual(app.services.liveNavigator.current.catalog.measures.map((m) => m.id));
    } finally {
      await bus.stop();
    }
  });

  it('sets the questions’ tie-break order, every question not archived once, at once', async () => {
    const all = (await writer.get('/api/v1/navigator/entries?kind=question&limit=500')).body.items
      .filter((e: { status: string }) => e.status !== 'archived')
      .map((e: { key: string }) => e.key) as string[];
    const wanted = [...all].reverse();
    const put = (order: string[], c = reviewer) => c.put('/api/v1/navigator/question-order', { order });
    const missing = await put(wanted.slice(1));
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ path: 'body.order', message: `Не хватает вопросов: «${wanted[0]}».` }]);
    expect((await put([...wanted, 'has_yacht'])).body.errors).toEqual([{ path: `body.order.${wanted.length}`, message: 'Нет вопроса «has_yacht» (или он в архиве).' }]);
    expect((await put([...wanted, wanted[0]!])).body.errors[0].path).toBe(`body.order.${wanted.length}`);
    expect((await put(wanted, await app.as('editor', '77'))).status).toBe(403);

    const ok = await put(wanted);
    expect(ok.status).toBe(200);
    expect(app.services.liveNavigator.current.catalog.order).toEqual(wanted);
    expect((await writer.get('/api/v1/navigator/entries?kind=question&limit=500')).body.items.filter((e: { status: string }) => e.status !== 'archived').map((e: { key: string }) => e.key)).toEqual(
      wanted,
    );
  });

  it('only federal editors write, editors and coordinators review; regional accounts read only', async () => {
    const ed77 = await app.as('editor', '77');
    expect((await ed77.get('/api/v1/navigator/entries')).status).toBe(200);
    const write = await ed77.put(`/api/v1/navigator/measures/${lumpSum.id}`, { content: lumpSum });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('auth.region_forbidden');
    expect((await ed77.post('/api/v1/navigator/measures', { content: newMeasure('sm-test-77') })).status).toBe(403);
    const coord77 = await app.as('coordinator', '77');
    expect((await coord77.post(`/api/v1/navigator/measures/${lumpSum.id}/archive`)).status).toBe(403);
    const coordinator = await app.as('coordinator', 'federal');
    expect((await coordinator.post('/api/v1/navigator/measures', { content: newMeasure('sm-test-coord') })).status).toBe(403);
    const operator = await app.as('operator', 'federal');
    expect((await operator.get('/api/v1/navigator/entries')).status).toBe(403);
    expect((await app.client().get('/api/v1/navigator/entries')).status).toBe(401);
  });
});

describe('the navigator with nothing published', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    // (a whole catalogue of nothing: every entry archived)
    const { systemActor } = await import('../platform/access/principal.ts');
    expect(await app.services.navigatorCatalog.importCatalog(systemActor(), { questions: [], measures: [], order: [] })).toMatchObject({ archived: demo.questions.length + demo.measures.length });
  }, 60_000);
  afterAll(() => app?.close());

  it('the wizard says no measures are available, the step API has no next question and no results, HSDS an empty page', async () => {
    const start = await (await fetch(`${app.url}/navigator`, { headers: { accept: 'text/html' } })).text();
    expect(start).toContain('Сейчас в навигаторе нет доступных мер поддержки');
    expect(start).not.toContain('href="/navigator/questions"');
    const result = await fetch(`${app.url}/navigator/result`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(result.status).toBe(200);
    expect(await result.text()).toContain('Сейчас в навигаторе нет доступных мер поддержки');
    const s = await app.client().post('/api/v1/navigator/step', { answers: {} });
    expect(s.body).toEqual({ catalog: expect.any(String), results: [], next: null, asked: [] });
    expect((await app.client().get('/api/v1/navigator/catalog')).body).toEqual({ catalog: s.body.catalog, measures: [] });
    const hsds = await app.client().get('/api/v1/navigator/hsds/services');
    expect(hsds.body).toMatchObject({ total_items: 0, empty: true, contents: [] });
  });
});
