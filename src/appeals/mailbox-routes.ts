// /demo/mailbox: in demo mode without an SMTP server, the notices appellants and organisations would have been sent,
// newest first (server-rendered, no JavaScript). It shows personal data, so it answers only a
// request from this computer (a loopback address, as TRUST_PROXY reads the client's) or a signed-in
// federal admin, and the app registers it only in that mode: elsewhere the address is a 404.
import type { FastifyRequest } from 'fastify';
import { FEDERAL } from '../platform/access/principal.ts';
import { actorOf } from '../platform/access/request-actor.ts';
import { escapeHtml } from '../platform/http/escape-html.ts';
import type { App } from '../platform/http/types.ts';
import { mailWords as w } from './mail-texts.ts';
import type { AppealMail, MailboxEntry } from './notify.ts';

/** 127.0.0.0/8 and ::1, also written as IPv4-mapped IPv6. */
export function isLoopback(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

function mayRead(req: FastifyRequest): boolean {
  const p = req.principal;
  return isLoopback(req.ip) || (p !== null && p.role === 'admin' && p.region === FEDERAL);
}

export function mailboxRoutes(app: App, deps: { appealMail: AppealMail }) {
  if (deps.appealMail.mode !== 'demo') return;
  app.get('/demo/mailbox', {
    schema: { hide: true },
    handler: async (req, reply) => {
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex')
        .header('referrer-policy', 'no-referrer')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
      if (!mayRead(req)) return reply.code(403).send(page(w.mailbox.refusedTitle, `<p>${escapeHtml(w.mailbox.refused)}</p>`));
      const entries = await deps.appealMail.mailbox(actorOf(req));
      return reply.send(
        page(
          w.mailbox.title,
          `<p>${escapeHtml(w.mailbox.lead)}</p>\n<p class="note">${escapeHtml(w.mailbox.privacy)}</p>\n${entries.length ? entries.map(letter).join('\n') : `<p>${escapeHtml(w.mailbox.empty)}</p>`}`,
        ),
      );
    },
  });
}

function letter(m: MailboxEntry): string {
  const at = new Date(m.at).toLocaleString('ru-RU', { timeZone: 'Europe/Moscow', dateStyle: 'short', timeStyle: 'short' });
  return `<article>
<h2>${escapeHtml(m.subject)}</h2>
<dl>
<dt>${w.mailbox.to}</dt><dd>${escapeHtml(m.to)} (${w.mailbox.audiences[m.audience]})</dd>
<dt>${w.mailbox.kind}</dt><dd>${escapeHtml(w.kinds[m.kind])}, № ${escapeHtml(m.number)}</dd>
<dt>${w.mailbox.written}</dt><dd><time datetime="${escapeHtml(m.at)}">${escapeHtml(at)} (МСК)</time></dd>
</dl>
<pre>${escapeHtml(m.text)}</pre>
</article>`;
}

function page(title: string, content: string): string {
  return `<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} — otvet</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 52rem; padding: 1rem; line-height: 1.5; color: #1a1a1a; }
.note { background: #fff4d6; border-left: 4px solid #c88a00; padding: .5rem .75rem; }
article { border: 1px solid #ccc; border-radius: 6px; margin: 1rem 0; padding: .25rem 1rem 1rem; }
h2 { font-size: 1.1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0 0 .75rem; }
dt { color: #555; }
dd { margin: 0; }
pre { white-space: pre-wrap; font-family: inherit; background: #f6f6f6; padding: .75rem; margin: 0; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${content}
</main>
</body>
</html>
`;
}
