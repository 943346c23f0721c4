// The contact centre's live streams (Server-Sent Events):
//  - /api/v1/telephony/decisions: what the ACD tells the telephony edge (connect, stop ringing …);
//  - /api/v1/agent/events: an operator's own calls and state;
//  - /api/v1/supervisor/events: a region's overview whenever it changes (at most once a second).
import { z } from 'zod';
import { authorize } from '../platform/access/authorize.ts';
import { FEDERAL, type Principal } from '../platform/access/principal.ts';
import { actorOf } from '../platform/access/request-actor.ts';
import type { Db } from '../platform/db/database.ts';
import type { Fanout } from '../platform/events/fanout.ts';
import { problems, staffSecurity } from '../platform/http/schemas.ts';
import { lastEventId, openSse, type SseClient } from '../platform/http/sse.ts';
import type { App } from '../platform/http/types.ts';
import type { AgentsService } from './agents-service.ts';
import type { CallEventsRecorder } from './call-events.ts';
import type { CallsService } from './calls-service.ts';
import { callById } from './calls-queries.ts';
import { ccTopics, type CallsChanged, type Decision, type LiveEvent } from './events.ts';
import type { SupervisorService } from './supervisor-service.ts';

const stream = z.string().describe('text/event-stream');
/** An operator's feed pings this often: the workstation says «Нет связи» after 2.2 s of silence. */
const OPERATOR_PING_MS = 500;

/** live: what the module's subscribe() heard of decisions and changes, on every node. */
export function liveFeeds(app: App, deps: { live: Fanout<LiveEvent>; db: Db; agents: AgentsService; calls: CallsService; supervisor: SupervisorService; recorder: CallEventsRecorder }) {
  const edges = new Set<{ principal: Principal | null; sse: SseClient }>();
  const operators = new Map<number, Set<SseClient>>();
  const supervisors = new Set<{ region: string; sse: SseClient; pending: boolean; last: number; push: () => void }>();

  const forEdge = (p: Principal | null, d: Decision) => !p || p.region === FEDERAL || d.region === p.region || d.queueRegion === p.region;

  // A decision made on this node reaches its edges from the recorder's stream (see RecorderEvent),
  // before it is stored and so without an id; the bus brings other nodes' decisions, and this
  // node's again with their ids. Of those the edges get the id alone (a frame without data, which
  // moves an EventSource's last id): otherwise an edge that only ever heard this node's decisions
  // would have no Last-Event-ID to resume from, and would miss what was decided while it reconnected.
  const sentDecisions = new Set<string>();
  const offered = new Set<string>();
  const toEdges = (batch: { d: Decision; eventId?: number }[]) => {
    const frames = batch.map(({ d, eventId }) => ({ d, eventId, told: sentDecisions.has(d.id) })).filter((f) => !f.told || f.eventId !== undefined);
    if (!frames.length) return;
    for (const { d } of frames) sentDecisions.add(d.id);
    if (sentDecisions.size > 20_000) sentDecisions.clear();
    for (const c of edges) {
      c.sse.sendMany(
        frames.filter(({ d }) => forEdge(c.principal, d)).map(({ d, eventId, told }) => (told ? { id: eventId } : { ...(eventId !== undefined ? { id: eventId } : {}), event: d.type, data: d })),
      );
    }
  };
  // The operator's offer waits for the ring to be recorded: the workstation reads the call as ringing.
  const pushDecision = async (d: Decision, eventId?: number, told = false) => {
    if (!told) toEdges([{ d, ...(eventId !== undefined ? { eventId } : {}) }]);
    if ((d.type === 'connect' || d.type === 'callback') && d.operator && operators.has(d.operator.id)) {
      if (offered.has(d.id)) return;
      offered.add(d.id);
      if (offered.size > 20_000) offered.clear();
      const call = await callById(deps.db, d.callId);
      if (!call) return;
      const [view] = await deps.calls.present([call]);
      for (const sse of operators.get(d.operator.id) ?? []) sse.send({ event: 'offer', data: { ...view, callback: d.type === 'callback' } });
    }
  };
  deps.recorder.on((e) => {
    if (e.phase === 'decided') toEdges(e.decisions.map((d) => ({ d })));
    else if (e.phase === 'committed') for (const d of e.decisions) void pushDecision(d, undefined, e.told);
  });
  const changed = (c: CallsChanged) => {
    for (const call of c.calls) {
      if (call.operatorId && operators.has(call.operatorId)) for (const sse of operators.get(call.operatorId)!) sse.send({ event: 'call', data: { callId: call.callId, state: call.state } });
    }
    for (const a of c.agents) {
      if (!operators.has(a.userId)) continue;
      for (const sse of operators.get(a.userId)!) sse.send({ event: 'state', data: { state: a.state } });
    }
    const regions = new Set([...c.calls.flatMap((x) => [x.region, x.queueRegion]), ...c.agents.map((a) => a.region)]);
    for (const s of supervisors) if (regions.has(s.region)) s.push();
  };
  const stop = deps.live.listen((e) => (e.topic === 'acd.decision' ? pushDecision(e.payload, e.id) : changed(e.payload)));
  app.addHook('onClose', async () => stop());

  app.get('/api/v1/telephony/decisions', {
    schema: {
      tags: ['telephony'],
      security: staffSecurity,
      summary: 'What the ACD tells the telephony edge to do (Server-Sent Events)',
      description: 'See docs/telephony-events.md. Event names: connect, callback, stop_ringing, offer_callback, bridge, hangup, transfer. Reconnect with Last-Event-ID to get what was missed.',
      querystring: z.object({ lastEventId: z.string().optional() }),
      response: { 200: stream, ...problems(401, 403) },
    },
    handler: async (req, reply) => {
      const principal = authorize(actorOf(req), 'telephony.decisions');
      const since = lastEventId(req);
      const sse = openSse(req, reply);
      const client = { principal, sse };
      edges.add(client);
      sse.onClose(() => edges.delete(client));
      if (since !== undefined) {
        for (const e of await ccTopics.after(deps.db, since, ['acd.decision'], 1000)) {
          const d = e.payload;
          if (forEdge(principal, d)) sse.send({ id: e.id, event: d.type, data: d });
        }
      }
    },
  });

  app.get('/api/v1/agent/events', {
    schema: {
      tags: ['operator'],
      security: staffSecurity,
      summary: "The signed-in operator's live feed: calls offered to them, their calls' progress, their state",
      description:
        'Events: `state` (the operator, on connect and on change), `offer` (a call rings for them: the call with its masked number, topic, times), `call` (one of their calls changed state), ' +
        '`ping` (every half second, so that a workstation notices within seconds a line that went silent).',
      response: { 200: stream, ...problems(401, 403) },
    },
    handler: async (req, reply) => {
      const ctx = actorOf(req);
      const me = await deps.agents.me(ctx);
      const sse = openSse(req, reply, { pingMs: OPERATOR_PING_MS });
      const set = operators.get(me.userId) ?? operators.set(me.userId, new Set()).get(me.userId)!;
      set.add(sse);
      sse.onClose(() => {
        set.delete(sse);
        if (!set.size) operators.delete(me.userId);
      });
      sse.send({ event: 'state', data: me });
      if (me.callId && me.state === 'ringing') {
        const call = await callById(deps.db, me.callId);
        if (call) sse.send({ event: 'offer', data: (await deps.calls.present([call]))[0] });
      }
    },
  });

  app.get('/api/v1/supervisor/events', {
    schema: {
      tags: ['supervisor'],
      security: staffSecurity,
      summary: "A region's overview, sent again whenever it changes (at most once a second)",
      querystring: z.object({
        region: z
          .string()
          .regex(/^(federal|[0-9]{2})$/)
          .optional(),
      }),
      response: { 200: stream, ...problems(400, 401, 403) },
    },
    handler: async (req, reply) => {
      const ctx = actorOf(req);
      const first = await deps.supervisor.overview(ctx, req.query.region);
      const sse = openSse(req, reply);
      sse.send({ event: 'overview', data: first });
      const client = {
        region: first.region,
        sse,
        pending: false,
        last: Date.now(),
        push() {
          if (client.pending) return;
          client.pending = true;
          const wait = Math.max(0, 1000 - (Date.now() - client.last));
          setTimeout(() => {
            client.pending = false;
            client.last = Date.now();
            if (sse.closed) return;
            deps.supervisor.overview(ctx, client.region).then(
              (o) => sse.send({ event: 'overview', data: o }),
              () => {},
            );
          }, wait).unref();
        },
      };
      supervisors.add(client);
      // Waits grow while nothing happens: refresh now and then even without events.
      const refresh = setInterval(() => client.push(), 5000);
      refresh.unref();
      sse.onClose(() => {
        clearInterval(refresh);
        supervisors.delete(client);
      });
    },
  });
}
