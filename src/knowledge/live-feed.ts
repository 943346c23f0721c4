// GET /api/v1/kb/events: operators' workstations learn of every publication, change and
// withdrawal as it happens. A reconnecting client gets what it missed (Last-Event-ID).
import { z } from 'zod';
import { requirePrincipal } from '../platform/access/authorize.ts';
import { FEDERAL, type Principal } from '../platform/access/principal.ts';
import { actorOf } from '../platform/access/request-actor.ts';
import type { Db } from '../platform/db/database.ts';
import type { Fanout } from '../platform/events/fanout.ts';
import { problems, staffSecurity } from '../platform/http/schemas.ts';
import { lastEventId, openSse, type SseClient } from '../platform/http/sse.ts';
import type { App } from '../platform/http/types.ts';
import { ANSWER_TOPICS, kbTopics, type AnswerEvent } from './events.ts';

/** A regional supplement's news is for its own region (and federal staff) only. */
function visibleTo(p: Principal, payload: AnswerEvent['payload']): boolean {
  return payload.scope === FEDERAL || p.region === FEDERAL || p.region === payload.scope;
}

const toMessage = (e: AnswerEvent) => ({
  id: e.id,
  event: e.topic,
  data: { ...e.payload, topic: e.topic, at: e.at.toISOString() },
});

/** feed: what the module's subscribe() heard, after the search index has it. */
export function kbLiveFeed(app: App, deps: { feed: Fanout<AnswerEvent>; db: Db }) {
  // A reconnecting client holds what comes live while it replays what it missed, so that it gets
  // everything once and in order (the replay and the live feed may both bring the newest).
  const clients = new Set<{ principal: Principal; sse: SseClient; held: AnswerEvent[] | null }>();
  const stop = deps.feed.listen((e) => {
    for (const c of clients) {
      if (!visibleTo(c.principal, e.payload)) continue;
      if (c.held) c.held.push(e);
      else c.sse.send(toMessage(e));
    }
  });
  app.addHook('onClose', async () => stop());

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
      const client: { principal: Principal; sse: SseClient; held: AnswerEvent[] | null } = { principal, sse, held: since === undefined ? null : [] };
      clients.add(client);
      sse.onClose(() => clients.delete(client));
      if (since !== undefined) {
        let last = since;
        try {
          for (const e of await kbTopics.after(deps.db, since, ANSWER_TOPICS, 1000)) {
            if (visibleTo(principal, e.payload)) sse.send(toMessage(e));
            last = e.id;
          }
        } finally {
          const held = client.held ?? [];
          client.held = null;
          for (const e of held) if (e.id > last) sse.send(toMessage(e));
        }
      }
    },
  });
}
