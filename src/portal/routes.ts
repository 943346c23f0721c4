// The public site's pages (HTML, no sign-in, no JavaScript needed): /, /answers/{slug},
// /sections/{slug}, /search, /hotline, /region, feeds, sitemap. Every input is checked; a bad one
// gets an error page in the site's style, never a stack trace.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../platform/http/types.ts';
import { sendPage, PRIVATE, REVALIDATE } from './http-cache.ts';
import type { Visitor } from './layout.ts';
import type { PortalService } from './service.ts';
import { stylesheet } from './style.ts';

export const REGION_COOKIE = 'otvet_region';
export const FONT_COOKIE = 'otvet_font';
const YEAR_SECONDS = 365 * 86400;
const VOTES_PER_MINUTE = 20;

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,119}$/);
/** Where to return after a form: a path on this site only (never another host). */
const back = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[^\s]*$/)
  .catch('/')
  .default('/');

export function visitorOf(portal: PortalService, req: FastifyRequest): Visitor {
  return portal.visitor(req.cookies[REGION_COOKIE], req.cookies[FONT_COOKIE]);
}

/** The HTML error page for a request to the portal (404s of the whole site that want a page too). */
export function sendErrorPage(portal: PortalService, req: FastifyRequest, reply: FastifyReply, status: number): FastifyReply {
  return sendPage(req, reply, portal.error(visitorOf(portal, req), status, req.id), PRIVATE, status);
}

function setCookie(req: FastifyRequest, reply: FastifyReply, name: string, value: string | null) {
  const options = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: req.protocol === 'https' };
  if (value === null) reply.clearCookie(name, options);
  else reply.setCookie(name, value, { ...options, maxAge: YEAR_SECONDS });
}

export function portalRoutes(app: App, portal: PortalService) {
  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // Forms post application/x-www-form-urlencoded; only the portal's routes read them.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.setErrorHandler((err: { statusCode?: number }, req, reply) => {
      const code = err.statusCode;
      const status = typeof code === 'number' && code >= 400 && code < 500 ? ([404, 429].includes(code) ? code : 400) : 500;
      if (status === 500) req.log.error({ err }, 'portal page failed');
      return sendErrorPage(portal, req, reply, status);
    });
    const config = { principal: false };
    const visitor = (req: FastifyRequest) => visitorOf(portal, req);

    scope.get('/', { schema: { hide: true }, config }, (req, reply) => sendPage(req, reply, portal.home(visitor(req))));

    scope.get('/answers/:slug', {
      schema: { hide: true, params: z.object({ slug: z.string().max(200) }), querystring: z.object({ voted: z.enum(['yes', 'no', 'told']).optional().catch(undefined) }) },
      config,
      handler: (req, reply) => {
        const s = slug.safeParse(req.params.slug);
        const voted = req.query.voted;
        const page = s.success ? portal.answer(s.data, visitor(req), voted === 'yes' ? 'helped' : voted === 'no' ? 'not-helped' : voted === 'told' ? 'told' : null) : null;
        if (!page) return sendErrorPage(portal, req, reply, 404);
        if ('redirect' in page) return reply.redirect(page.redirect, 301);
        if (req.method === 'GET' && !voted) portal.countView(s.data!, req.ip);
        return sendPage(req, reply, page, voted ? PRIVATE : undefined);
      },
    });

    scope.post('/answers/:slug/feedback', {
      schema: { hide: true, params: z.object({ slug }), body: z.object({ helped: z.enum(['yes', 'no']) }) },
      // Anonymous votes: a burst from one address is held back (the limiter keeps addresses in memory for a minute, never stored).
      config: { ...config, rateLimit: { max: VOTES_PER_MINUTE, timeWindow: '1 minute' } },
      handler: async (req, reply) => {
        if (!portal.answerExists(req.params.slug)) return sendErrorPage(portal, req, reply, 404);
        await portal.votes.record(req.params.slug, req.body.helped === 'yes');
        // Post/Redirect/Get: reloading the thank-you page does not vote again.
        return reply.redirect(`/answers/${req.params.slug}?voted=${req.body.helped}#feedback`, 303);
      },
    });

    // What was missing, after «Нет»: a reader's words for the editors (masked where they could be someone's).
    scope.post('/answers/:slug/missing', {
      schema: { hide: true, params: z.object({ slug }), body: z.object({ text: z.string().trim().min(1).max(1000) }) },
      config: { ...config, rateLimit: { max: VOTES_PER_MINUTE, timeWindow: '1 minute' } },
      handler: async (req, reply) => {
        if (!portal.answerExists(req.params.slug)) return sendErrorPage(portal, req, reply, 404);
        await portal.reasons.record(req.params.slug, req.body.text);
        return reply.redirect(`/answers/${req.params.slug}?voted=told#feedback`, 303);
      },
    });

    scope.get('/sections/:slug', { schema: { hide: true, params: z.object({ slug: z.string().max(200) }) }, config }, (req, reply) => {
      const page = portal.section(req.params.slug, visitor(req));
      return page ? sendPage(req, reply, page) : sendErrorPage(portal, req, reply, 404);
    });

    scope.get('/sections/:slug/feed.xml', { schema: { hide: true, params: z.object({ slug: z.string().max(200) }) }, config }, (req, reply) => {
      const page = portal.feed(req.params.slug);
      return page ? sendPage(req, reply, page) : sendErrorPage(portal, req, reply, 404);
    });

    scope.get('/search', { schema: { hide: true, querystring: z.object({ q: z.string().trim().max(200).default('') }) }, config }, (req, reply) => {
      const { page, personal } = portal.search(req.query.q, visitor(req));
      // A query that may hold personal data (a phone number, say) is for nobody's cache; the others
      // are pages like any other, stored anywhere and checked with us on each use.
      return sendPage(req, reply, page, personal ? PRIVATE : REVALIDATE);
    });

    scope.get('/hotline', { schema: { hide: true }, config }, (req, reply) => sendPage(req, reply, portal.hotline(visitor(req))));

    scope.get('/region', { schema: { hide: true, querystring: z.object({ back, saved: z.enum(['set', 'cleared']).optional().catch(undefined) }) }, config }, (req, reply) =>
      sendPage(req, reply, portal.regionChooser(visitor(req), req.query.back, req.query.saved ?? null), PRIVATE),
    );

    scope.post('/region', { schema: { hide: true, body: z.object({ code: z.string().regex(/^([0-9]{2})?$/), back }) }, config }, (req, reply) => {
      const { code } = req.body;
      if (code && !portal.isRegion(code)) return sendErrorPage(portal, req, reply, 400);
      setCookie(req, reply, REGION_COOKIE, code || null);
      return reply.redirect(`/region?saved=${code ? 'set' : 'cleared'}&back=${encodeURIComponent(req.body.back)}`, 303);
    });

    scope.post('/settings/font', { schema: { hide: true, body: z.object({ size: z.enum(['large', 'normal']), back }) }, config }, (req, reply) => {
      setCookie(req, reply, FONT_COOKIE, req.body.size === 'large' ? 'large' : null);
      return reply.redirect(req.body.back, 303);
    });

    scope.get('/feed.xml', { schema: { hide: true }, config }, (req, reply) => sendPage(req, reply, portal.feed()!));
    scope.get('/sitemap.xml', { schema: { hide: true }, config }, (req, reply) => sendPage(req, reply, portal.sitemap()));
    scope.get('/robots.txt', { schema: { hide: true }, config }, (_req, reply) =>
      reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(`User-agent: *\nDisallow: /api/\nDisallow: /search\nSitemap: ${portal.sitemapUrl}\n`),
    );

    scope.get('/static/:name', { schema: { hide: true, params: z.object({ name: z.string().max(100) }) }, config }, (req, reply) => {
      if (req.params.name !== stylesheet.name) return sendErrorPage(portal, req, reply, 404);
      const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      reply.header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'Accept-Encoding').header('etag', stylesheet.etag);
      if (req.headers['if-none-match'] === stylesheet.etag) return reply.code(304).send();
      if (gzip) reply.header('content-encoding', 'gzip');
      return reply.type('text/css; charset=utf-8').send(gzip ? stylesheet.gzip : stylesheet.body);
    });
  });
}
