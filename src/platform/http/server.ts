// The HTTP server shared by every module: request ids, problem+json errors, zod validation and the
// OpenAPI document generated from the same schemas.
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from '../logger.ts';
import { errorHandler, frameworkErrorHandler, notFoundHandler } from './problem.ts';
import { registerTextGuard } from './text-guard.ts';
import type { App } from './types.ts';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The simulator says who it is; from this machine its requests are not worth a log line each. */
export const SIMULATOR_AGENT = 'otvet-simulator';
function quietClient(req: { headers: IncomingMessage['headers']; socket?: IncomingMessage['socket'] }): boolean {
  const ua = req.headers['user-agent'];
  const from = req.socket?.remoteAddress ?? '';
  return typeof ua === 'string' && ua.startsWith(SIMULATOR_AGENT) && (from === '127.0.0.1' || from === '::1' || from === '::ffff:127.0.0.1');
}

export interface HttpOptions {
  logger: Logger;
  /** Which peers may say who the client is (platform/client-address.ts); false: none. */
  trustProxy: false | ((address: string, hop: number) => boolean);
  version: string;
  /** Answers an unknown address with a page when a browser (not an API client) asks. */
  notFoundPage?: (req: FastifyRequest, reply: FastifyReply) => FastifyReply;
  /** Answers some requests before the framework (pages served from a cache); returns true when it did. */
  fastPath?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

function wantsPage(req: FastifyRequest): boolean {
  return !req.url.startsWith('/api/') && (req.method === 'GET' || req.method === 'HEAD') && (req.headers.accept ?? '').includes('text/html');
}

export async function createHttpServer(options: HttpOptions): Promise<App> {
  const fastPath = options.fastPath;
  const app = Fastify({
    ...(fastPath
      ? {
          serverFactory: (handler: (req: IncomingMessage, res: ServerResponse) => void) =>
            createServer({ keepAliveTimeout: 72_000 }, (req, res) => {
              if (!fastPath(req, res)) handler(req, res);
            }),
        }
      : {}),
    loggerInstance: options.logger,
    trustProxy: options.trustProxy,
    bodyLimit: 1024 * 1024,
    // A request id from a trusted proxy or client is kept, so one id follows a call across systems.
    // (read in genReqId, so that an unsafe id is replaced rather than echoed)
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Longer than any parameter a schema allows (slugs go to 120 characters, percent-encoded
    // text triples), so the schema's own message is what a client sees; beyond, a problem (414).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    // What the router answers itself (bad percent-encoding, overlong parameters) as problems too.
    frameworkErrors: frameworkErrorHandler,
    // Requests so malformed that HTTP parsing fails (raw non-ASCII in the URL, a broken header)
    // still get a problem document, not the framework's own error shape.
    clientErrorHandler: (err, socket) => {
      if (!socket.writable) return;
      const body = JSON.stringify({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'request.malformed',
        detail: `The HTTP request could not be read (${(err as NodeJS.ErrnoException).code ?? 'parse error'}). Characters outside ASCII in the URL must be percent-encoded.`,
      });
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    },
    // Load balancers probe health every few seconds; those lines would drown the useful ones.
    // So would the demo's simulated callers and operators on this same machine (a few a second).
    logController: new LogController({ disableRequestLogging: (req) => req.url === '/healthz' || req.url === '/readyz' || quietClient(req) }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  const page = options.notFoundPage;
  app.setNotFoundHandler(page ? (req, reply) => (wantsPage(req) ? page(req, reply) : notFoundHandler(req, reply)) : notFoundHandler);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  });
  // API answers are about one person's data at one moment: no cache anywhere may keep them, unless
  // a route says otherwise (the docs page's assets).
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  registerTextGuard(app as unknown as App);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'otvet API',
        version: options.version,
        description:
          'The HTTP API of otvet, the platform of a national citizen information hotline. ' +
          'Errors are application/problem+json (RFC 9457) with a stable `code`. ' +
          'Staff sign in with POST /api/v1/auth/login (a session cookie; writes then need the ' +
          '`X-CSRF-Token` header) or send an API token as `Authorization: Bearer <token>`.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'otvet_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token made with `otvet token create`' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'none', deepLinking: true },
    staticCSP: true,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app as unknown as App;
}
