// GET /api/v1/navigator/report: the navigator's report for staff (report.ts); counts only.
import { z } from 'zod';
import { actorOf } from '../platform/access/request-actor.ts';
import { calendarDate, problems, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import { MAX_DAYS, navigatorReportSchema, type NavigatorReports } from './report.ts';

const date = calendarDate('a date YYYY-MM-DD (Moscow dates)');

export function navigatorReportRoutes(app: App, deps: { reports: NavigatorReports }) {
  app.get('/api/v1/navigator/report', {
    schema: {
      tags: ['navigator'],
      security: staffSecurity,
      summary: 'How often each support measure was found eligible (portal, workstation, API, calls) and by region; where people leave the wizard',
      description: `Counts per Moscow date, never an answer or anything about a person. from ≤ to, at most ${MAX_DAYS} days (a 400 naming query.from or query.to). A regional account sees its region only (another region is a 403); federal staff one region or all. Stops are questions shown minus answered: an approximation (docs/navigator.md, Reports).`,
      querystring: z.object({
        from: date.optional().describe('First Moscow date (default: 30 days before `to`)'),
        to: date.optional().describe("Last Moscow date, inclusive (default: today's)"),
        region: z
          .string()
          .regex(/^[0-9]{2}$/, 'a two-digit region code such as 77')
          .optional(),
      }),
      response: { 200: navigatorReportSchema, ...problems(400, 401, 403) },
    },
    handler: async (req) => deps.reports.report(actorOf(req), req.query),
  });
}
