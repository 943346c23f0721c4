// "Did this help?" from the portal's readers: anonymous, so counted per answer and day only. The
// knowledge module's FeedbackService is for signed-in staff (one mark per person steers ranking);
// anonymous votes must not steer ranking, so they stay here, for editors to read.
import type { Db } from '../platform/db/database.ts';

export class Votes {
  constructor(private readonly db: Db) {}

  async record(slug: string, helped: boolean): Promise<void> {
    const column = helped ? 'helped' : 'not_helped';
    await this.db.query(
      `INSERT INTO portal_votes (day, slug, ${column}) VALUES ((now() AT TIME ZONE 'Europe/Moscow')::date, $1, 1)
       ON CONFLICT (day, slug) DO UPDATE SET ${column} = portal_votes.${column} + 1`,
      [slug],
    );
  }
}
