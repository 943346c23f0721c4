// The navigator used as people use it, for tests of its counts and reports: the portal's wizard
// walked page by page (as a browser without JavaScript sends its GET forms), the operator's panel
// walked over the step API, a call wrapped up with the measures found.
import { expect } from 'vitest';
import type { TestApp } from './app.ts';
import type { Client } from './http-client.ts';
import { edgeClient, event, offered, uid } from './telephony.ts';

/** A volunteer who serves himself, injured, with a loan, a schoolchild, not working now. */
export const VOLUNTEER: Record<string, string> = {
  status: 'volunteer',
  applicant: 'serviceman',
  is_injured: 'true',
  serviceman_was_employed: 'true',
  serviceman_is_entrepreneur: 'false',
  has_loan: 'true',
  has_mortgage: 'false',
  income_drop_30: 'false',
  has_children_under_18: 'true',
  children_under_16_count: '2',
  has_preschool_child: 'false',
  has_schoolchild: 'true',
  is_pregnant: 'false',
  low_income: 'false',
  is_employed: 'false',
  is_job_seeker: 'false',
  is_employer: 'false',
  age: '30',
  is_student_fulltime: 'false',
  works_in_accredited_it: 'false',
};

/** A mobilised serviceman with a loan, nothing else (the operator's caller). */
export const MOBILIZED: Record<string, string | number | boolean> = { status: 'mobilized', applicant: 'serviceman', is_injured: false, has_loan: true, children_under_16_count: 0, age: 40 };

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** The question a wizard page asks (its form's `answered` field). */
export const askedOn = (html: string) => /<input type="hidden" name="answered" value="([^"]+)">/.exec(html)?.[1];

/** The address a browser asks for when the page's form is sent: its hidden fields, then the answer. */
export function submitted(html: string, value: string): string {
  const form = /<form class="appeal nav-form"[^>]*>([\s\S]*?)<\/form>/.exec(html)![1]!;
  const pairs = [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, decode(m[2]!)] as [string, string]);
  pairs.push([askedOn(html)!, value]);
  return `/navigator/questions?${new URLSearchParams(pairs).toString()}`;
}

/** A GET of a portal page as a visitor who chose `region` (none: no region). */
export async function portalPage(app: TestApp, path: string, region?: string) {
  const res = await fetch(app.url + path, { redirect: 'manual', headers: { accept: 'text/html', ...(region ? { cookie: `otvet_region=${region}` } : {}) } });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

/**
 * The portal's wizard from its first question, answering from the profile; stops before the
 * question `leaveAt` (its page shown, not answered) or at the result. The questions answered, in order.
 */
export async function walkPortal(app: TestApp, profile: Record<string, string>, o: { region?: string; leaveAt?: number } = {}): Promise<string[]> {
  const vars: string[] = [];
  let path = '/navigator/questions';
  for (let i = 0; i < 30; i++) {
    const r = await portalPage(app, path, o.region);
    if (r.status === 303) {
      expect((await portalPage(app, r.location!, o.region)).status).toBe(200);
      return vars;
    }
    expect(r.status, path).toBe(200);
    if (vars.length === o.leaveAt) return vars;
    const v = askedOn(r.text)!;
    vars.push(v);
    path = submitted(r.text, profile[v]!);
  }
  throw new Error('the wizard did not end');
}

/** The operator's panel over the step API, to the end: the questions answered and the measures found. */
export async function walkPanel(c: Client, profile: Record<string, string | number | boolean>): Promise<{ vars: string[]; eligible: string[] }> {
  const answers: Record<string, string | number | boolean> = {};
  let step = await c.post('/api/v1/navigator/step', { answers });
  for (let i = 0; step.body.next && i < 30; i++) {
    const q = step.body.next;
    answers[q.var] = profile[q.var] ?? (q.type === 'boolean' ? false : q.type === 'number' ? 0 : q.options[q.options.length - 1].value);
    step = await c.post('/api/v1/navigator/step', { answers });
    expect(step.status, step.text).toBe(200);
  }
  expect(step.body.next).toBeNull();
  return { vars: step.body.asked, eligible: step.body.results.filter((x: { truth: string }) => x.truth === 'yes').map((x: { id: string }) => x.id) };
}

/** A call of the region offered to the operator, talked, ended and wrapped up with these measures. */
export async function callWithMeasures(app: TestApp, op: Client & { username: string }, region: string, measures: string[]): Promise<void> {
  const edge = await edgeClient(app);
  expect((await op.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
  const id = uid('nm');
  const at = (s: number) => new Date(Date.now() - 300_000 + s * 1000);
  const talk = await edge.post('/api/v1/telephony/events', {
    events: [offered(id, region, at(0)), event(id, 'queued', at(1)), event(id, 'ringing', at(2), { operator: op.username }), event(id, 'answered', at(3), { operator: op.username })],
  });
  expect(talk.status, talk.text).toBe(200);
  expect((await edge.post('/api/v1/telephony/events', { events: [event(id, 'ended', at(200))] })).body.results[0].status).toBe('accepted');
  const wrap = await op.post(`/api/v1/agent/calls/${id}/wrap-up`, { outcome: 'answered', measures });
  expect(wrap.status, wrap.text).toBe(204);
}
