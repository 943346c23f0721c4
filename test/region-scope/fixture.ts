// Region 78's data for the region-scope test: an account, an API token, and regional supplements
// of the knowledge base in every workflow state.
import { systemActor } from '../../src/platform/access/principal.ts';
import type { TestApp } from '../support/app.ts';
import type { Target } from './types.ts';

const content = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  title: `Ответ ${slug}`,
  body: `Текст ответа ${slug}.`,
  section: 'Госуслуги и обращения',
  ...extra,
});

export async function buildTarget(app: TestApp): Promise<Target> {
  const user78 = await app.user('operator', '78');
  const admin = await app.as('admin', 'federal');
  const token = await admin.post('/api/v1/tokens', { userId: user78.id, name: 'edge 78' });

  const fed = await app.as('editor', 'federal');
  const author = await app.as('editor', '78');
  const kb = { parent: 'scope-parent', draft: 'scope-78-draft', inReview: 'scope-78-review', inReview2: 'scope-78-review-2', live: 'scope-78-live', archived: 'scope-78-archived' };
  const ok = (r: { status: number; text: string }) => {
    if (r.status >= 300) throw new Error(`fixture: ${r.status} ${r.text}`);
  };
  ok(await fed.post('/api/v1/kb/answers', content(kb.parent)));
  ok(await fed.post(`/api/v1/kb/answers/${kb.parent}/submit`));
  ok(await (await app.as('coordinator', 'federal')).post(`/api/v1/kb/answers/${kb.parent}/approve`));
  for (const slug of [kb.draft, kb.inReview, kb.inReview2, kb.live, kb.archived]) {
    ok(await author.post('/api/v1/kb/answers', content(slug, { scope: '78', parent: kb.parent })));
    if (slug !== kb.draft) ok(await author.post(`/api/v1/kb/answers/${slug}/submit`));
    if (slug === kb.live || slug === kb.archived) ok(await fed.post(`/api/v1/kb/answers/${slug}/approve`));
    if (slug === kb.archived) ok(await fed.post(`/api/v1/kb/answers/${slug}/archive`));
  }
  // (user78's phones have a SIP password, which region 77 must neither read, change nor remove)
  ok(await (await app.as('admin', '78')).put(`/api/v1/operators/${user78.username}/sip-password`, { password: 'sip-secret-of-78' }));
  const op78 = await app.as('operator', '78');
  ok(await op78.post('/api/v1/agent/state', { state: 'ready' }));
  const edgeUser = await app.user('admin', 'federal');
  const edgeToken = await admin.post('/api/v1/tokens', { userId: edgeUser.id, name: 'edge', scopes: ['telephony'] });
  const edge = app.client();
  edge.token = edgeToken.body.secret;
  const callId = 'scope-call-78';
  // Ring long enough for the whole test: the call must stay ringing.
  ok(await (await app.as('admin', '78')).put(`/api/v1/queues/${app.services.cc.queues.resolve('78', 'general')!.id}`, { ringTimeoutSeconds: 120 }));
  const at = new Date().toISOString();
  ok(
    await edge.post('/api/v1/telephony/events', {
      events: [
        { id: 'scope-1', callId, type: 'offered', at, region: '78', caller: '+79000000078' },
        { id: 'scope-2', callId, type: 'queued', at },
      ],
    }),
  );
  for (let i = 0; i < 50 && (await app.services.cc.calls.get({ principal: null, via: 'system' }, callId)).state !== 'ringing'; i++) await new Promise((r) => setTimeout(r, 20));
  const queueId = app.services.cc.queues.resolve('78', 'general')!.id;
  const hook = await (await app.as('coordinator', '78')).post('/api/v1/monitoring/webhooks', { url: 'https://alerts.example.org/78', region: '78' });
  ok(hook);
  // appeals: the demo's types and organisations, a volunteer enrolment of region 78 and its officer
  await app.services.appealsCatalog.loadDemo(systemActor());
  const filed = await app.client().post('/api/v1/appeals', {
    type: 'volunteer',
    region: '78',
    name: 'Петров Пётр',
    email: 'petrov78@example.ru',
    text: 'Хочу помогать в Санкт-Петербурге.',
    consent: true,
    values: { birth_date: '1990-01-01', directions: ['Гуманитарная помощь'] },
  });
  ok(filed);
  const officer78 = await app.user('agency_officer', '78');
  ok(await admin.put(`/api/v1/appeal-officers/${officer78.id}`, { organisation: 'volunteers-78' }));
  return {
    user78,
    token78: { id: token.body.token.id, secret: token.body.secret },
    kb,
    cc: { callId, operatorId: op78.userId, queueId },
    monitoring: { webhookId: hook.body.id },
    appeals: { number: filed.body.number, officerId: officer78.id },
  };
}
