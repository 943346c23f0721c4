// /api/v1/staffing: Erlang C, the agents a target needs, Erlang A.
import { actorOf } from '../platform/access/request-actor.ts';
import { problems, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import { erlangAQuerySchema, erlangASchema, erlangCQuerySchema, erlangCSchema, planQuerySchema, planSchema, requiredQuerySchema, requiredSchema } from './schema.ts';
import type { StaffingService } from './service.ts';

export function staffingRoutes(app: App, deps: { staffing: StaffingService }) {
  const tags = ['staffing'];
  const s = deps.staffing;

  app.get('/api/v1/staffing/erlang-c', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Erlang C: probability of waiting, service level, ASA and occupancy for a number of agents',
      description:
        'Load A = calls × ahtSeconds / intervalSeconds. With agents ≤ A the queue grows without end: the answer says `overloaded: true`, pWait 1, sl 0, occupancy 1, asa null, and a note. See docs/staffing.md.',
      querystring: erlangCQuerySchema,
      response: { 200: erlangCSchema, ...problems(400, 401, 403) },
    },
    handler: async (req) => s.erlangC(actorOf(req), req.query),
  });

  app.get('/api/v1/staffing/plan', {
    schema: {
      tags,
      security: staffSecurity,
      summary: "Next week's staffing plan for a region: calls forecast per 15-minute interval from its own history, agents on the phones and to schedule",
      description:
        'History: the whole weeks before the Monday (at least 4), ending at the last whole week (the week in progress is not read: next week is then forecast two weeks ahead of the history). The forecast is seasonal-naive or Holt-Winters, whichever forecast the last history week better (MASE). ' +
        'Targets default to the region’s norms; the handle time to the one measured over the history. See docs/staffing.md.',
      querystring: planQuerySchema,
      response: { 200: planSchema, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => s.plan(actorOf(req), req.query),
  });

  app.get('/api/v1/staffing/required', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Agents needed for a service-level target under an occupancy cap, and how many to schedule after shrinkage',
      querystring: requiredQuerySchema,
      response: { 200: requiredSchema, ...problems(400, 401, 403) },
    },
    handler: async (req) => s.required(actorOf(req), req.query),
  });

  app.get('/api/v1/staffing/erlang-a', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Erlang A: Erlang C with callers who hang up after an exponential patience',
      querystring: erlangAQuerySchema,
      response: { 200: erlangASchema, ...problems(400, 401, 403) },
    },
    handler: async (req) => s.erlangA(actorOf(req), req.query),
  });
}
