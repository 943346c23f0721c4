// What other modules may know of web sessions, by id (Principal.sessionId): which are still live,
// and when. No secrets, no CSRF tokens; the sessions table stays platform/auth's.
import type { Db } from '../db/database.ts';
import { liveSessionEnds } from './sessions-queries.ts';

export class SessionDirectory {
  constructor(
    private readonly db: Db,
    private readonly idleMinutes: number,
  ) {}

  /** The live sessions among these ids, each with its absolute end (an idle one ends sooner). */
  async live(ids: string[]): Promise<Map<string, Date>> {
    if (!ids.length) return new Map();
    return new Map((await liveSessionEnds(this.db, ids, this.idleMinutes)).map((r) => [r.id, r.expires_at]));
  }
}
