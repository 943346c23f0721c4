// The navigator on the public portal, HTML without JavaScript: /navigator (what it is, «Начать»),
// /navigator/questions (one question per page; a GET form whose URL carries the answers so far) and
// /navigator/result (the measures grouped, with reasons and how to apply). Every page is a pure
// function of its URL and the published data: nothing of the answers is stored (only counts of
// questions shown and answered and of measures found: usage.ts), the request log does not keep the
// answers (platform/logger.ts drops the query of these paths), and the pages ask browsers not to
// send their address on as a referrer.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../platform/http/types.ts';
import { page, render, sendErrorPage, sendPage, visitorOf, type PortalService } from '../portal/index.ts';
import type { Navigator } from './engine.ts';
import { ws } from './page-strings.ts';
import { questionPage, QUESTIONS, RESULT, START, startPage, type PageBody } from './pages.ts';
import { resultPage, type AnswerTitle } from './result-page.ts';
import type { NavigatorUsage } from './usage.ts';
import { ANSWERED, answersQuery, readWizard, type RawQuery } from './wizard.ts';

const HTML = 'text/html; charset=utf-8';
/** The font switch's return address is limited to this (portal/routes.ts); longer, it returns to the start. */
const BACK_MAX = 500;

export interface NavigatorPagesDeps {
  /** The navigator of what is published now (it changes when editors publish). */
  navigator: () => Navigator;
  /** The frame, the visitor's settings, and the titles of published answers (measures link to them). */
  portal: PortalService & { answerTitle: AnswerTitle };
  publicUrl: string;
  /** Counts questions shown and answered, results and measures found, by the visitor's region. */
  usage?: NavigatorUsage;
}

/** What follows the path in a request's URL, with its question mark ('' when none). */
const queryOf = (req: FastifyRequest) => {
  const at = req.url.indexOf('?');
  return at < 0 ? '' : req.url.slice(at);
};

export function navigatorPageRoutes(app: App, deps: NavigatorPagesDeps) {
  const { portal } = deps;
  const answerTitle: AnswerTitle = (slug) => portal.answerTitle(slug);
  // Public pages: no session is looked up.
  const config = { principal: false };

  function send(req: FastifyRequest, reply: FastifyReply, body: PageBody, o: { path: string | null; back?: string; status?: number }) {
    const back = o.back && o.back.length <= BACK_MAX ? o.back : START;
    const text = page(deps.publicUrl, visitorOf(portal, req), { title: body.title, description: ws.description, path: o.path, back }, body.content);
    // (the answers are in this page's address: it is not handed on to the pages its links open)
    reply.header('referrer-policy', 'no-referrer');
    return sendPage(req, reply, render(text, HTML, null), undefined, o.status ?? 200);
  }

  void app.register(async (scope) => {
    scope.setErrorHandler((err: { statusCode?: number }, req, reply) => {
      const code = err.statusCode;
      const status = typeof code === 'number' && code >= 400 && code < 500 ? ([404, 429].includes(code) ? code : 400) : 500;
      if (status === 500) req.log.error({ err }, 'navigator page failed');
      return sendErrorPage(portal, req, reply, status);
    });

    scope.get(START, { schema: { hide: true }, config }, (req, reply) => send(req, reply, startPage(deps.navigator().catalog), { path: START }));

    scope.get(QUESTIONS, { schema: { hide: true }, config }, (req, reply) => {
      const navigator = deps.navigator();
      const state = readWizard(navigator, navigator.catalog.questions, req.query as RawQuery);
      deps.usage?.questionsPage(visitorOf(portal, req).region?.code ?? '', state, (req.query as RawQuery)[ANSWERED]);
      if (!state.current) return reply.redirect(RESULT + answersQuery(state.path), 303);
      const back = QUESTIONS + queryOf(req);
      return send(req, reply, questionPage(state), { path: null, back, status: state.problems.length ? 400 : 200 });
    });

    scope.get(RESULT, { schema: { hide: true }, config }, (req, reply) => {
      const navigator = deps.navigator();
      const catalog = navigator.catalog;
      const state = readWizard(navigator, catalog.questions, req.query as RawQuery);
      // (a question still to answer, or a bad value: the question page says which, with the URL as it came)
      if (state.current) return reply.redirect(QUESTIONS + queryOf(req), 303);
      const region = visitorOf(portal, req).region;
      deps.usage?.resultPage(region?.code ?? '', state.step);
      return send(req, reply, resultPage(catalog, state, answerTitle, region), { path: null, back: RESULT + answersQuery(state.path) });
    });
  });
}
