// /healthz: the process answers. /readyz: the database answers and has every migration applied;
// a load balancer sends traffic only to ready nodes.
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { migrationStatus } from '../db/migrate.ts';
import { problemBody, sendProblem } from './problem.ts';
import { problems, publicSecurity } from './schemas.ts';
import type { App } from './types.ts';

export function healthRoutes(app: App, deps: { db: Db }) {
  app.get('/healthz', {
    schema: { tags: ['health'], security: publicSecurity, summary: 'The process is up', response: { 200: z.object({ status: z.literal('ok') }) } },
    config: { principal: false },
    handler: async () => ({ status: 'ok' as const }),
  });

  app.get('/readyz', {
    schema: {
      tags: ['health'],
      security: publicSecurity,
      summary: 'The database is reachable and fully migrated',
      response: { 200: z.object({ status: z.literal('ready'), database: z.string(), migration: z.number().int() }), ...problems(503) },
    },
    config: { principal: false },
    handler: async (req, reply) => {
      try {
        await deps.db.query('SELECT 1');
        const s = await migrationStatus(deps.db);
        if (s.pending.length > 0) {
          return sendProblem(req, reply, problemBody(req, 503, 'db.migrations_pending', `${s.pending.length} migration(s) not applied yet; run \`otvet migrate\`.`));
        }
        return { status: 'ready' as const, database: deps.db.kind, migration: s.current };
      } catch (e) {
        req.log.warn({ err: e }, 'not ready');
        return sendProblem(req, reply, problemBody(req, 503, 'db.unavailable', `The database is not available: ${(e as Error).message}`));
      }
    },
  });
}
