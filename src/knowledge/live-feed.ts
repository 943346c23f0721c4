// GET /api/v1/kb/events: operators' workstations learn of every publication, change and
// withdrawal as it happens. A reconnecting client gets what it missed (Last-Event-ID).
import { z } from 'zod';
import { requirePrincipal } from '../platform/access/authorize.ts';
import { FEDERAL, type Principal } from '../platform/access/principal.ts';
import { actorOf } from '../platform/access/request-actor.ts';
import type { Db } from '../platform/db/database.ts';
import type { DomainEvent, EventBus } from '../platform/events/bus.ts';
import { eventsAfterId } from '../platform/events/outbox.ts';
import { problems, staffSecurity } from '../platform/http/schemas.ts';
import { lastEventId, openSse, type SseClient } from '../platform/http/sse.ts';
import type { App } from '../platform/http/types.ts';

interface KbEventPayload {
  slug: string;
  scope: string;
}

/** A regional supplement's news is for its own region (and federal staff) only. */
function visibleTo(p: Principal, payload: KbEventPayload): boolean {
  return payload.scope === FEDERAL || p.region === FEDERAL || p.region === payload.scope;
}

const toMessage = (e: { id: number; topic: string; payload: unknown; at: Date }) => ({
  id: e.id,
  event: e.topic,
  data: { ...(e.payload as object), topic: e.topic, at: e.at.toISOString() },
});

export function kbLiveFeed(app: App, deps: { bus: EventBus; db: Db }) {
  const clients = new Set<{ principal: Principal; sse: SseClient }>();
  deps.bus.subscribe('kb.answer.', (e: DomainEvent) => {
    for (const c of clients) if (visibleTo(c.principal, e.payload as KbEventPayload)) c.sse.send(toMessage(e));
  });

  app.get('/api/v1/kb/events', {
    schema: {
      tags: ['knowledge'],
      security: staffSecurity,
      summary: 'Live stream (Server-Sent Events) of published, changed and archived answers',
      description:
        'Events `kb.answer.published` (data: slug, scope, parent, version, section, kind = new|update) and ' +
        '`kb.answer.archived` (slug, scope, parent, section). Each has an id; reconnect with `Last-Event-ID` ' +
        '(or `?lastEventId=`) to receive what was missed.',
      querystring: z.object({ lastEventId: z.string().optional() }),
      response: { 200: z.string().describe('text/event-stream'), ...problems(401) },
    },
    handler: async (req, reply) => {
      const principal = requirePrincipal(actorOf(req));
      const since = lastEventId(req);
      const sse = openSse(req, reply);
      const client = { principal, sse };
      clients.add(client);
      sse.onClose(() => clients.delete(client));
      if (since !== undefined) {
        for (const e of await eventsAfterId(deps.db, since, 'kb.answer.', 1000)) {
          if (visibleTo(principal, e.payload as KbEventPayload)) sse.send(toMessage({ ...e, at: e.created_at }));
        }
      }
    },
  });
}
