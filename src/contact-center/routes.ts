// HTTP routes of the contact centre: telephony events, the operator's seat, calls, supervisors.
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/access/request-actor.ts';
import { calendarDate, idParams, isoDateTime, problems, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import type { AgentsService } from './agents-service.ts';
import { callStates } from './call-fold.ts';
import type { CallsService } from './calls-service.ts';
import { agentSchema, agentStateRequestSchema, callEventViewSchema, callSchema, eventResultSchema, telephonyEventSchema, wrapUpSchema } from './schema.ts';
import { callQualityReportSchema, overviewSchema, type SupervisorService } from './supervisor-service.ts';
import type { TelephonyService } from './telephony-service.ts';

const callParams = z.object({ callId: z.string().min(1).max(100) });
const batchEnvelope = z.object({ events: z.array(z.unknown()).min(1).max(1000) });
const security = staffSecurity;

export interface ContactCenterRouteDeps {
  telephony: TelephonyService;
  agents: AgentsService;
  calls: CallsService;
  supervisor: SupervisorService;
}

export function contactCenterRoutes(app: App, deps: ContactCenterRouteDeps) {
  app.post('/api/v1/telephony/events', {
    bodyLimit: 4 * 1024 * 1024,
    schema: {
      tags: ['telephony'],
      security,
      summary: 'Report call events (a batch): the one way calls enter otvet',
      description:
        'See docs/telephony-events.md. Idempotent by event id; events may come late, twice or out of order. ' +
        'Each event gets its verdict: accepted, duplicate, or rejected with a reason; the others in the batch are not affected. ' +
        'A 200 means every accepted event is stored durably.',
      body: z.object({ events: z.array(telephonyEventSchema).min(1).max(1000) }),
      response: { 200: z.object({ results: z.array(eventResultSchema) }), ...problems(400, 401, 403, 413) },
    },
    // The schema above is what the document shows; here only the envelope is checked, and each
    // event gets its own verdict in the service (a malformed one is refused alone).
    validatorCompiler: (route) => validatorCompiler({ ...route, schema: batchEnvelope }),
    config: { textGuard: false },
    handler: async (req) => ({ results: await deps.telephony.ingest(actorOf(req), req.body.events as unknown[]) }),
  });

  app.get('/api/v1/calls/:callId', {
    schema: {
      tags: ['calls'],
      security,
      summary: 'A call: its state, region, queue, operator, times and ordered event history',
      params: callParams,
      response: { 200: callSchema.extend({ events: z.array(callEventViewSchema) }), ...problems(401, 403, 404) },
    },
    handler: async (req) => deps.calls.get(actorOf(req), req.params.callId),
  });

  app.get('/api/v1/calls', {
    schema: {
      tags: ['calls'],
      security,
      summary: 'Calls, newest first (operators: theirs; supervisors: their region; federal staff: all)',
      querystring: z.object({
        region: z
          .string()
          .regex(/^(federal|[0-9]{2})$/)
          .optional(),
        from: isoDateTime.optional(),
        to: isoDateTime.optional(),
        state: z.enum(callStates).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      response: { 200: z.object({ items: z.array(callSchema) }), ...problems(400, 401, 403) },
    },
    handler: async (req) => {
      const { from, to, ...rest } = req.query;
      return { items: await deps.calls.list(actorOf(req), { ...rest, ...(from ? { from: new Date(from) } : {}), ...(to ? { to: new Date(to) } : {}) }) };
    },
  });

  app.get('/api/v1/calls/:callId/caller-history', {
    schema: {
      tags: ['calls'],
      security,
      summary: "The caller's earlier calls in the last 30 days, with their topics (recognised by a keyed hash of the number)",
      params: callParams,
      response: {
        200: z.object({
          items: z.array(
            z.object({
              callId: z.string(),
              offeredAt: z.string().nullable(),
              region: z.string().nullable(),
              state: z.string(),
              topic: z.string().nullable(),
              topics: z.array(z.string()),
              outcome: z.string().nullable(),
            }),
          ),
        }),
        ...problems(401, 403, 404),
      },
    },
    handler: async (req) => ({ items: await deps.calls.callerHistory(actorOf(req), req.params.callId) }),
  });

  // --- the operator's seat ----------------------------------------------------------------
  app.get('/api/v1/agent', {
    schema: { tags: ['operator'], security, summary: "The signed-in operator's state", response: { 200: agentSchema, ...problems(401, 403) } },
    handler: async (req) => deps.agents.me(actorOf(req)),
  });

  app.post('/api/v1/agent/state', {
    schema: {
      tags: ['operator'],
      security,
      summary: 'Go ready, on a break or offline',
      description: 'During a call, a break (or offline) is taken when the call is wrapped up; "ready" cancels it.',
      body: agentStateRequestSchema,
      response: { 200: agentSchema, ...problems(400, 401, 403, 409) },
    },
    handler: async (req) => deps.agents.setOwnState(actorOf(req), req.body.state, req.body.reason),
  });

  for (const [path, summary, run] of [
    ['answer', 'Answer the call ringing for you', (ctx: ReturnType<typeof actorOf>, id: string) => deps.agents.answer(ctx, id)],
    ['hangup', 'End the call from your side', (ctx: ReturnType<typeof actorOf>, id: string) => deps.agents.hangup(ctx, id)],
  ] as const) {
    app.post(`/api/v1/agent/calls/:callId/${path}`, {
      schema: { tags: ['operator'], security, summary, params: callParams, response: { 204: z.null(), ...problems(401, 403, 404, 409) } },
      handler: async (req, reply) => {
        await run(actorOf(req), req.params.callId);
        return reply.code(204).send(null);
      },
    });
  }

  app.post('/api/v1/agent/calls/:callId/wrap-up', {
    schema: {
      tags: ['operator'],
      security,
      summary: 'Record what the call was about and its outcome; you are free again',
      params: callParams,
      body: wrapUpSchema,
      response: { 204: z.null(), ...problems(400, 401, 403, 404, 409) },
    },
    handler: async (req, reply) => {
      await deps.agents.wrapUp(actorOf(req), req.params.callId, req.body);
      return reply.code(204).send(null);
    },
  });

  // --- supervisors ------------------------------------------------------------------------
  app.get('/api/v1/supervisor/overview', {
    schema: {
      tags: ['supervisor'],
      security,
      summary: "A region's queues now, its operators by state, its recent calls",
      querystring: z.object({
        region: z
          .string()
          .regex(/^(federal|[0-9]{2})$/)
          .optional(),
      }),
      response: { 200: overviewSchema, ...problems(400, 401, 403) },
    },
    handler: async (req) => deps.supervisor.overview(actorOf(req), req.query.region),
  });

  app.get('/api/v1/supervisor/call-quality', {
    schema: {
      tags: ['supervisor'],
      security,
      summary: 'The line quality of a day’s calls taken on the browser phone, per operator (worst first) and per region',
      description:
        'From the WebRTC statistics workstations send with the wrap-up. A regional account sees its region; a federal one the region asked for, or all. ' +
        'date: a local date (each call counts on its date in its operator’s region); default: today in the region (the reserve centre and all regions: Moscow).',
      querystring: z.object({
        region: z
          .string()
          .regex(/^(federal|[0-9]{2})$/)
          .optional(),
        date: calendarDate('a date such as 2026-03-01').optional(),
      }),
      response: { 200: callQualityReportSchema, ...problems(400, 401, 403) },
    },
    handler: async (req) => deps.supervisor.callQuality(actorOf(req), req.query.region, req.query.date),
  });

  app.get('/api/v1/operators', {
    schema: {
      tags: ['supervisor'],
      security,
      summary: 'Operators and their states',
      querystring: z.object({
        region: z
          .string()
          .regex(/^(federal|[0-9]{2})$/)
          .optional(),
      }),
      response: { 200: z.object({ items: z.array(agentSchema) }), ...problems(400, 401, 403) },
    },
    handler: async (req) => ({ items: await deps.agents.list(actorOf(req), req.query.region) }),
  });

  app.post('/api/v1/operators/:id/state', {
    schema: {
      tags: ['supervisor'],
      security,
      summary: "Change an operator's state",
      params: idParams,
      body: agentStateRequestSchema,
      response: { 200: agentSchema, ...problems(400, 401, 403, 404, 409) },
    },
    handler: async (req) => deps.agents.setState(actorOf(req), req.params.id, req.body.state, req.body.reason),
  });

  app.put('/api/v1/operators/:id/skills', {
    schema: {
      tags: ['supervisor'],
      security,
      summary: "Set an operator's skills (IVR topics they take; none = any)",
      params: idParams,
      body: z.object({ skills: z.array(z.string().trim().min(1).max(100)).max(50) }),
      response: { 200: agentSchema, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => deps.agents.setSkills(actorOf(req), req.params.id, req.body.skills),
  });
}
