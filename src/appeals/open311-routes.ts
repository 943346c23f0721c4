// /open311/v2/: Open311 GeoReport v2 over appeals (docs/open311.md). Every answer in XML or JSON as
// the path's .xml or .json says, with exactly text/xml or application/json; errors as GeoReport's
// list of {code, description} with 400, 403 or 404. Reading is public and shows no personal data;
// filing (POST requests, form-encoded) needs an api_key: an API token of an account that registers
// appeals. Not part of /api/v1 (hidden from the OpenAPI document).
import { createHash } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ActorContext, Principal } from '../platform/access/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App } from '../platform/http/types.ts';
import type { AppealIntake } from './intake.ts';
import { contentTypes, discoveryOf, filedOf, formats, open311Error, Open311Error, render, type Format } from './open311-format.ts';
import { filingError, one, type Open311Service, type Params } from './open311-service.ts';

export const OPEN311_PREFIX = '/open311/v2';
/** A filing's form: description (4000 characters, up to 6 bytes each percent-encoded), names, attributes. */
export const OPEN311_BODY_LIMIT = 64 * 1024;

export interface Open311Deps {
  open311: Open311Service;
  appealIntake: AppealIntake;
  regions: { list(): Promise<{ code: string; name: string }[]> };
  /** Who an API token is (the platform's token check). */
  login: { tokenPrincipal(secret: string): Promise<Principal | null> };
  config: { publicUrl: string; open311: { jurisdiction: string } };
  /** Filings per api_key (or, without one, per client address) and minute: APPEALS_RATE_PER_MINUTE. */
  ratePerMinute: number;
}

/** The format a path asks for (an error's too); XML, the one GeoReport requires, when it names none. */
const formatOfUrl = (url: string): Format => (/\.json$/i.test(url.split('?')[0]!) ? 'json' : 'xml');

function formatOf(req: FastifyRequest): Format {
  const f = (req.params as { format?: string }).format ?? '';
  if (!(formats as readonly string[]).includes(f)) throw open311Error(404, `Формата «${f.slice(0, 20)}» нет: .xml или .json.`);
  return f as Format;
}

function send(reply: FastifyReply, format: Format, text: string, status = 200): FastifyReply {
  // (a Buffer: Fastify would add "; charset=utf-8" to a JSON type sent as a string)
  return reply.code(status).header('content-type', contentTypes[format]).header('cache-control', 'no-store').send(Buffer.from(text, 'utf8'));
}

/** A form body as parameters: a name given more than once becomes a list (attribute[x][]). */
function formOf(body: string): Params {
  const m = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(body)) m.set(k, [...(m.get(k) ?? []), v]);
  return Object.fromEntries([...m].map(([k, vs]) => [k, vs.length === 1 ? vs[0]! : vs]));
}

/** Any error as GeoReport's list; nothing internal leaves (the log has it, under the request id). */
function asOpen311(err: FastifyError | Error, req: FastifyRequest): Open311Error {
  if (err instanceof Open311Error) return err;
  if (err instanceof AppError && err.status < 500) {
    const status = [403, 404, 429].includes(err.status) ? err.status : 400;
    const problems = err.extras.errors?.map((p) => `${p.path}: ${p.message}`) ?? [err.detail];
    return open311Error(status, ...problems);
  }
  const { code, statusCode } = err as FastifyError;
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return open311Error(400, 'Тело запроса — application/x-www-form-urlencoded (поля формы), как требует GeoReport v2.');
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return open311Error(400, `Тело запроса больше ${OPEN311_BODY_LIMIT / 1024} КиБ.`);
  if (statusCode === 429) return open311Error(429, 'Слишком много запросов: подождите немного и повторите.');
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) return open311Error(400, err.message);
  return open311Error(500, `Ошибка на нашей стороне. Сообщите номер запроса ${req.id}.`);
}

export function open311Routes(app: App, deps: Open311Deps) {
  const { open311, appealIntake: intake } = deps;
  const jurisdiction = deps.config.open311.jurisdiction;
  void app.register(
    async (scope) => {
      // Bodies are forms only (GeoReport's POST); anything else is refused with the list below.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: OPEN311_BODY_LIMIT }, (_req, body, done) => done(null, formOf(body as string)));
      scope.setErrorHandler((err: FastifyError, req, reply) => {
        const e = asOpen311(err, req);
        if (e.status >= 500) req.log.error({ err }, 'open311 request failed');
        // (descriptions may repeat what was sent: only their number is logged)
        else req.log.info({ status: e.status, errors: e.errors.length, ...(err instanceof AppError ? { code: err.code } : {}) }, 'open311 request refused');
        return send(reply, formatOfUrl(req.url), render(formatOfUrl(req.url), 'errors', e.errors), e.status);
      });
      scope.setNotFoundHandler((req, reply) => {
        const f = formatOfUrl(req.url);
        return send(
          reply,
          f,
          render(f, 'errors', open311Error(404, `Здесь нет ${req.method} ${req.url.split('?')[0]!.slice(0, 200)}: адреса GeoReport v2 — ${OPEN311_PREFIX}/discovery.xml.`).errors),
          404,
        );
      });
      // One jurisdiction: a request naming another is answered 404 (an empty one counts as not sent).
      scope.addHook('preHandler', async (req) => {
        for (const where of [req.query as Params | undefined, req.body as Params | undefined]) {
          const given = where ? one(where, 'jurisdiction_id') : undefined;
          if (given !== undefined && given.toLowerCase() !== jurisdiction) {
            throw open311Error(404, `jurisdiction_id: юрисдикции «${given.slice(0, 100)}» здесь нет; этот адрес обслуживает «${jurisdiction}».`);
          }
        }
      });
      const route = { schema: { hide: true }, config: { principal: false } };

      scope.get('/discovery.:format', route, async (req, reply) => {
        const f = formatOf(req);
        return send(reply, f, render(f, 'discovery', discoveryOf(deps.config.publicUrl)));
      });

      scope.get('/services.:format', route, async (req, reply) => {
        const f = formatOf(req);
        return send(reply, f, render(f, 'services', await open311.services()));
      });

      scope.get('/services/:code.:format', route, async (req, reply) => {
        const f = formatOf(req);
        const { code } = req.params as { code: string };
        return send(reply, f, render(f, 'service_definition', await open311.definition(code, await deps.regions.list())));
      });

      scope.get('/requests.:format', route, async (req, reply) => {
        const f = formatOf(req);
        return send(reply, f, render(f, 'service_requests', await open311.requests((req.query ?? {}) as Params)));
      });

      scope.get('/requests/:id.:format', route, async (req, reply) => {
        const f = formatOf(req);
        const { id } = req.params as { id: string };
        return send(reply, f, render(f, 'service_requests', [await open311.request(id)]));
      });

      // Requests are numbered at once (every service is realtime): no token is ever issued.
      scope.get('/tokens/:token.:format', route, async (req) => {
        formatOf(req);
        const { token } = req.params as { token: string };
        throw open311Error(404, `token: токена «${token.slice(0, 60)}» нет. Обращения получают номер сразу (службы realtime); токены не выдаются.`);
      });

      // Counted per api_key, once the form is read (preHandler): an integrator's server files for
      // many citizens from one address; tries without a key are counted per address. (The key is
      // hashed: the limiter's memory holds no secret.)
      const limited = {
        ...route.config,
        rateLimit: {
          max: deps.ratePerMinute,
          timeWindow: '1 minute',
          hook: 'preHandler' as const,
          keyGenerator: (req: FastifyRequest) => {
            const key = one((req.body ?? {}) as Params, 'api_key');
            return key ? `open311:${createHash('sha256').update(key).digest('base64url')}` : req.ip;
          },
        },
      };
      scope.post('/requests.:format', { ...route, config: limited, bodyLimit: OPEN311_BODY_LIMIT }, async (req, reply) => {
        const f = formatOf(req);
        const form = (req.body ?? {}) as Params;
        const key = one(form, 'api_key');
        if (!key) throw open311Error(403, 'api_key: нужен ключ API в теле запроса (его выдаёт администратор платформы).');
        const principal = await deps.login.tokenPrincipal(key);
        if (!principal) throw open311Error(403, 'api_key: ключ неизвестен, отозван или просрочен, или его учётная запись отключена.');
        const ctx: ActorContext = { principal, via: 'token', ip: req.ip, requestId: req.id, ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}) };
        const filing = await open311.filing(ctx, form);
        const filed = await intake.file(filing).catch((err: unknown) => {
          throw filingError(err) ?? err;
        });
        return send(reply, f, render(f, 'service_requests', [filedOf(filed)]));
      });
    },
    { prefix: OPEN311_PREFIX },
  );
}
