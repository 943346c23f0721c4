// Serves the staff apps: /operator, /supervisor, /wallboard … (an HTML shell that loads the app's
// bundle) and /assets/<name> (the bundles, cached for ever: their names change with their content).
import { z } from 'zod';
import { SESSION_COOKIE } from '../platform/auth/http-principal.ts';
import { notFound } from '../platform/errors.ts';
import type { App } from '../platform/http/types.ts';
import { apps, bundle, type Asset, type Bundle } from './bundles.ts';
import { staffApps } from './staff-apps.ts';

/** Each page's title: the apps' from their table, and the landing page's. */
const TITLES: Record<string, string> = {
  ...Object.fromEntries(Object.values(staffApps).map((a) => [a.path, `${a.title} — Ответ`])),
  staff: 'Вход для сотрудников — Ответ',
};

/**
 * hasSession: a session cookie came with the request, so the app asks who is signed in (else it shows
 * the sign-in at once). phone: for the workstation, whether otvet has a browser phone (SIP_WS_URL):
 * without one the page never asks for a credential or the microphone. demo: for the workstation in
 * demo mode, which offers a test call.
 */
function shell(b: Bundle, hasSession: boolean, phone: boolean | undefined, demo: boolean): string {
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<meta name="otvet-session" content="${hasSession ? 1 : 0}">
${phone === undefined ? '' : `<meta name="otvet-phone" content="${phone ? 1 : 0}">\n`}${demo ? '<meta name="otvet-demo" content="1">\n' : ''}<title>${TITLES[b.app] ?? 'Ответ'}</title>
${b.css ? `<link rel="stylesheet" href="/assets/${b.css.name}">` : ''}
<script type="module" src="/assets/${b.js.name}"></script>
</head>
<body>
<div id="app"><noscript>Для работы нужен JavaScript.</noscript></div>
</body>
</html>
`;
}

/** What the pages' policy lets them connect to: their own origin, and the workstation the edge's WebSocket. */
function contentSecurityPolicy(connect: string[]): string {
  return `default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src ${["'self'", ...connect].join(' ')}; frame-ancestors 'none'`;
}

/**
 * sipWsUrl: the SIP edge's WebSocket for the workstation's browser phone (SIP_WS_URL), if there is one;
 * demo: serve --demo (the workstation offers a test call).
 */
export function webRoutes(app: App, opts: { sipWsUrl?: string; demo?: boolean } = {}) {
  const names = apps();
  // (a ws: or wss: URL's origin is scheme, host and port: the policy's source for it)
  const phoneOrigin = opts.sipWsUrl ? new URL(opts.sipWsUrl).origin : undefined;
  const assets = new Map<string, Asset & { type: string }>();
  const load = async (name: string) => {
    const b = await bundle(name);
    assets.set(b.js.name, { ...b.js, type: 'text/javascript; charset=utf-8' });
    if (b.css) assets.set(b.css.name, { ...b.css, type: 'text/css; charset=utf-8' });
    return b;
  };

  for (const name of names) {
    app.get(`/${name}`, {
      schema: { hide: true },
      config: { principal: false },
      handler: async (req, reply) => {
        const b = await load(name);
        const workstation = name === 'operator';
        // the shell is tiny and names the current bundle: always fetched again
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .header('content-security-policy', contentSecurityPolicy(workstation && phoneOrigin ? [phoneOrigin] : []))
          .send(shell(b, req.cookies[SESSION_COOKIE] !== undefined, workstation ? phoneOrigin !== undefined : undefined, workstation && opts.demo === true));
      },
    });
  }

  app.get('/assets/:name', {
    schema: { hide: true, params: z.object({ name: z.string().regex(/^[a-z-]+-[0-9a-f]{16}\.(js|css)$/) }) },
    config: { principal: false },
    handler: async (req, reply) => {
      let a = assets.get(req.params.name);
      if (!a) {
        const app = req.params.name.replace(/-[0-9a-f]{16}\.(js|css)$/, '');
        if (names.includes(app)) {
          await load(app);
          a = assets.get(req.params.name);
        }
      }
      if (!a) throw notFound('web.asset_not_found', `There is no asset ${req.params.name}; reload the page to get the current one.`);
      // the gzipped bytes are another representation, so they get their own tag
      const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const etag = gzip ? `${a.etag.slice(0, -1)}-gz"` : a.etag;
      reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', etag).header('vary', 'accept-encoding');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      if (gzip) reply.header('content-encoding', 'gzip');
      return reply.type(a.type).send(gzip ? a.gzip : a.body);
    },
  });
}
