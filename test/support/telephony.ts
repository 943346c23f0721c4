// Helpers for contact-centre tests: an edge (telephony token) and event builders.
import type { TestApp } from './app.ts';
import type { Client } from './http-client.ts';

let seq = 0;
export const uid = (p = 'e') => `${p}-${Date.now().toString(36)}-${++seq}`;

/** A telephony edge's client; `routing: 'pbx'` for an edge whose own PBX routes its calls. */
export async function edgeClient(app: TestApp, region = 'federal', scopes: string[] | undefined = ['telephony'], routing?: 'otvet' | 'pbx'): Promise<Client> {
  const admin = await app.as('admin', 'federal');
  const machine = await app.user('admin', region);
  const r = await admin.post('/api/v1/tokens', { userId: machine.id, name: `edge ${region}`, ...(scopes ? { scopes } : {}), ...(routing ? { routing } : {}) });
  if (r.status !== 201) throw new Error(r.text);
  const c = app.client();
  c.token = r.body.secret;
  return c;
}

export function offered(callId: string, region: string, at = new Date(), extra: Record<string, unknown> = {}) {
  return { id: uid(), callId, type: 'offered', at: at.toISOString(), region, caller: '+7 (916) 123-45-12', dialled: '122', ...extra };
}

export function event(callId: string, type: string, at = new Date(), extra: Record<string, unknown> = {}) {
  return { id: uid(), callId, type, at: at.toISOString(), ...extra };
}
