// The accounts' topic and what it carries.
import { topicsOf } from '../events/bus.ts';

/** A token was revoked, or an account disabled or enabled again: what nodes keep of it is stale. */
export type AccountsChanged = { tokenId: number } | { userId: number };

export type AccountsTopics = {
  'auth.credentials.changed': AccountsChanged;
};

export const accountsTopics = topicsOf<AccountsTopics>();
