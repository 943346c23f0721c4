// The accounts' topics and what they carry.
import { topicsOf } from '../events/bus.ts';

/** A token was revoked, or an account disabled or enabled again: what nodes keep of it is stale. */
export type AccountsChanged = { tokenId: number } | { userId: number };

/** Web sessions ended: signed out, cleaned up after their end, or ended with their account's password or access. */
export type SessionsEnded = { sessionIds: string[] };

export type AccountsTopics = {
  'auth.credentials.changed': AccountsChanged;
  'auth.sessions.ended': SessionsEnded;
};

export const accountsTopics = topicsOf<AccountsTopics>();
