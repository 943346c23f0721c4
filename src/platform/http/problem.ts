// Every error leaves the server as application/problem+json (RFC 9457) with a stable `code`.
// Nothing internal (stack traces, SQL) ever reaches the client; the log has it, under the request id.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, statusTitles } from '../errors.ts';
import { pgCode } from '../db/database.ts';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable machine-readable error code, e.g. `auth.invalid_credentials`'),
    detail: z.string().describe('What went wrong, for people'),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .passthrough()
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;

export function problemBody(req: FastifyRequest, status: number, code: string, detail: string, extras: Record<string, unknown> = {}): Problem {
  return {
    type: 'about:blank',
    title: statusTitles[status] ?? 'Error',
    status,
    code,
    detail,
    instance: req.url.split('?')[0],
    requestId: req.id,
    ...extras,
  };
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, problem: Problem) {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

const where: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

function toProblem(err: FastifyError, req: FastifyRequest): Problem {
  if (err instanceof AppError) return problemBody(req, err.status, err.code, err.detail, err.extras);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const part = where[err.validationContext ?? 'body'] ?? 'request';
    const errors = err.validation.map((v) => ({
      path: `${part}${v.instancePath === '/' ? '' : v.instancePath.replaceAll('/', '.')}`,
      message: v.message ?? 'is invalid',
    }));
    const summary = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    return problemBody(req, 400, 'request.invalid', `The request is invalid: ${summary}`, { errors });
  }
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (err.name === 'SyntaxError' && err.statusCode === 400)) {
    return problemBody(req, 400, 'request.malformed_json', `The request body is not valid JSON: ${err.message}`);
  }
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return problemBody(req, 415, 'request.unsupported_media_type', `Content-Type ${req.headers['content-type'] ?? '(none)'} is not accepted here; send application/json.`);
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return problemBody(req, 413, 'request.too_large', 'The request body is too large.');
  }
  if (err.statusCode === 429) {
    return problemBody(req, 429, 'request.rate_limited', 'Too many requests; wait a little and try again.');
  }
  const status = err.statusCode;
  const fromDatabase = pgCode(err) !== undefined;
  if (typeof status === 'number' && status >= 400 && status < 500 && !fromDatabase) {
    return problemBody(req, status, 'request.invalid', err.message);
  }
  return problemBody(req, 500, 'internal', `Something went wrong on our side. Quote request id ${req.id} when reporting it.`);
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const problem = toProblem(err, req);
  // A problem that knows when to come back says so in the header clients act on (RFC 9110 §10.2.3).
  if (typeof problem.retryAfterSeconds === 'number') reply.header('retry-after', String(problem.retryAfterSeconds));
  if (problem.status >= 500) {
    req.log.error({ err, serialization: isResponseSerializationError(err) ? err.cause : undefined }, 'request failed');
  } else {
    req.log.info({ code: problem.code, status: problem.status }, problem.detail);
  }
  return sendProblem(req, reply, problem);
}

const frameworkCodes: Record<string, [number, string, (req: FastifyRequest) => string]> = {
  FST_ERR_BAD_URL: [400, 'request.bad_url', () => 'The address is not valid: a percent sign must start a UTF-8 sequence such as %D0%B0.'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'request.param_too_long', () => 'A part of the address is too long.'],
};

/** What the router answers before any route or hook runs: the same problem documents and headers. */
export function frameworkErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const [status, code, detail] = frameworkCodes[err.code] ?? [500, 'internal', () => `Something went wrong on our side. Quote request id ${req.id} when reporting it.`];
  if (status >= 500) req.log.error({ err }, 'request failed');
  else req.log.info({ code, status }, err.message);
  // (onRequest hooks have not run: their headers are set here)
  reply.header('x-request-id', req.id).header('x-content-type-options', 'nosniff').header('cache-control', 'no-store');
  return sendProblem(req, reply, problemBody(req, status, code, detail(req)));
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return sendProblem(req, reply, problemBody(req, 404, 'route.not_found', `There is no ${req.method} ${req.url.split('?')[0]} here. The API is described at /api/docs.`));
}
