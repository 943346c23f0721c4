// /api/v1/monitoring/history: how far demo mode's generated year of history has been written, so
// the staff apps can say their figures are still incomplete.
import { z } from 'zod';
import { actorOf } from '../platform/access/request-actor.ts';
import { problems, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import type { DemoHistory } from './demo-history.ts';

const progressSchema = z
  .object({
    months: z.number().int().describe('Months of generated history planned: 12 in demo mode, 0 without a generated history'),
    written: z.number().int().describe('Months fully written'),
    filling: z.boolean().describe('Months still being written: reports, the year and the forecast are incomplete until false'),
  })
  .meta({ id: 'HistoryProgress' });

export function historyRoutes(app: App, deps: { history: DemoHistory }) {
  app.get('/api/v1/monitoring/history', {
    schema: {
      tags: ['monitoring'],
      security: staffSecurity,
      summary: "Demo mode's generated year of history: months written of those planned",
      response: { 200: progressSchema, ...problems(401, 403) },
    },
    handler: async (req) => deps.history.read(actorOf(req)),
  });
}
