// PostgreSQL cannot store every JavaScript string: text rejects NUL, and jsonb rejects the \u0000
// and unpaired-surrogate escapes JSON.stringify writes. Such text is refused at the door, for every
// route, with where it is; a route that wants to judge it itself says `config: { textGuard: false }`.
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../errors.ts';
import { badText } from '../text/unsafe-text.ts';
import type { App } from './types.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: this route checks NUL characters and lone surrogates in its input itself. */
    textGuard?: boolean;
  }
}

function check(req: FastifyRequest) {
  const errors = [...badText(req.params, 'path'), ...badText(req.query, 'query'), ...badText(req.body, 'body')];
  if (errors.length === 0) return;
  const summary = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  throw badRequest('request.invalid_text', `The request has text that cannot be stored: ${summary}`, { errors });
}

export function registerTextGuard(app: App) {
  app.addHook('preValidation', async (req) => {
    if (req.routeOptions.config?.textGuard === false) return;
    check(req);
  });
}
