// The simulated operators' accounts, made through the API as an admin would: accounts that exist
// already (an earlier run's) are reused, each gets an API token for this run (limited to the
// operator's work, expiring in a day, revoked at the end), and a seat left busy by a run that died
// is cleared first.
import { ApiError, type Api } from './api.ts';
import { SimulationError } from './options.ts';
import type { Shift } from './staffing.ts';

export interface OperatorAccount {
  shift: Shift;
  userId: number;
  tokenId: number;
  api: Api;
}

interface UserView {
  id: number;
  username: string;
  role: string;
  region: string;
  disabledAt: string | null;
}

/** Runs `fn` over the items, `n` at a time. */
export async function pool<T, R>(items: T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

export async function prepareOperators(admin: Api, shifts: Shift[], tokenName: string, onProgress?: (done: number, total: number) => void): Promise<OperatorAccount[]> {
  const { items } = await admin.get<{ items: UserView[] }>('/api/v1/users?role=operator&includeDisabled=true');
  const existing = new Map(items.map((u) => [u.username, u]));
  let done = 0;
  return pool(shifts, 8, async (shift) => {
    let user = existing.get(shift.username);
    if (user && user.region !== shift.region) throw new SimulationError(`account ${shift.username} exists in region ${user.region}, not ${shift.region}; remove it or choose another prefix`);
    if (!user) {
      const r = await admin.request<{ user: UserView }>('POST', '/api/v1/users', { username: shift.username, displayName: shift.displayName, role: 'operator', region: shift.region });
      if (r.status !== 201) throw new ApiError('POST', '/api/v1/users', r.status, r.body);
      user = r.body.user;
    } else if (user.disabledAt) {
      await admin.post(`/api/v1/users/${user.id}/enable`);
    }
    const { token, secret } = await admin.post<{ token: { id: number }; secret: string }>('/api/v1/tokens', { userId: user.id, name: tokenName, expiresInDays: 1, scopes: ['agent'] });
    const api = admin.as(secret);
    if (existing.has(shift.username)) await clearSeat(api);
    onProgress?.(++done, shifts.length);
    return { shift, userId: user.id, tokenId: token.id, api };
  });
}

interface Seat {
  state: string;
  callId: string | null;
}

/** A seat an earlier run left on a call: end it, wrap it up, sign out. */
async function clearSeat(api: Api): Promise<void> {
  const seat = await api.get<Seat>('/api/v1/agent');
  if (seat.state === 'offline') return;
  const call = seat.callId ? `/api/v1/agent/calls/${encodeURIComponent(seat.callId)}` : null;
  if (call && seat.state === 'talking') await api.request('POST', `${call}/hangup`);
  if (call && (seat.state === 'talking' || seat.state === 'wrap_up')) await api.request('POST', `${call}/wrap-up`, { outcome: 'dropped', topics: [] });
  await api.request('POST', '/api/v1/agent/state', { state: 'offline' });
}

export async function revokeTokens(admin: Api, ids: number[]): Promise<void> {
  await pool(ids, 8, async (id) => {
    await admin.request('DELETE', `/api/v1/tokens/${id}`).catch(() => {});
  });
}
