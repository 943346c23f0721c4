// The navigator's start page and its question page (one question, a GET form carrying the answers so
// far as hidden fields, so the wizard works without JavaScript and keeps nothing), with the answers
// given so far and a link to change each. Each returns the page's title and content; page-routes.ts
// puts them in the portal's frame. The result page is result-page.ts.
import { html, raw, type Html } from '../portal/index.ts';
import type { NavigatorCatalog, Question } from './catalog-schema.ts';
import { ws } from './page-strings.ts';
import { ANSWERED, answerLabel, answersQuery, CHANGE, urlValue, type Answered, type WizardState } from './wizard.ts';

export interface PageBody {
  title: string;
  content: Html;
}

export const START = '/navigator';
export const QUESTIONS = '/navigator/questions';
export const RESULT = '/navigator/result';

const fieldId = (v: string) => `f-${v.replace(/[^a-z0-9_-]/gi, '-')}`;
const when = (cond: boolean, attr: string) => (cond ? raw(` ${attr}`) : '');

export const crumbs = (withNavigator: boolean) =>
  html`<nav class="crumbs" aria-label="${ws.crumbs}"><ol><li><a href="/">${ws.home}</a></li>${withNavigator ? html`<li><a href="${START}">${ws.title}</a></li>` : ''}</ol></nav>`;

/** The link that reopens a question with its answer chosen, the other answers kept. */
export const changeHref = (path: Answered[], v: string) => QUESTIONS + answersQuery(path, [[CHANGE, v]]);

/** The answers so far, each with a link to change it (the one being changed is not offered again). */
export function answersList(path: Answered[], changing?: string): Html | '' {
  if (!path.length) return '';
  return html`<section class="nav-answers" aria-labelledby="answers-title">
<h2 id="answers-title">${ws.yourAnswers}</h2>
<dl class="facts">${path.map(
    (a) =>
      html`<div><dt>${a.question.question}</dt><dd>${answerLabel(a.question, a.value)}${
        a.question.var === changing
          ? ''
          : html` <a class="no-print" href="${changeHref(path, a.question.var)}">${ws.change}<span class="visually-hidden">${ws.changeWhat(a.question.question)}</span></a>`
      }</dd></div>`,
  )}</dl>
<p class="no-print"><a href="${START}">${ws.restart}</a></p>
</section>`;
}

export function startPage(catalog: NavigatorCatalog): PageBody {
  const categories = [...new Set(catalog.measures.map((m) => m.category))];
  const content = html`${crumbs(false)}
<h1>${ws.title}</h1>
<p>${ws.intro}</p>
<p>${ws.introShort}</p>
${
  catalog.measures.length
    ? html`<p>${ws.measuresCount(catalog.measures.length)} ${categories.join(', ')}.</p>
<p><a class="button" href="${QUESTIONS}">${ws.start}</a></p>`
    : html`<p>${ws.noMeasures}</p>`
}
<p class="note">${ws.privacy}</p>
<p class="muted">${ws.notAdvice}</p>
<p class="muted">${ws.byPhone}</p>`;
  return { title: ws.title, content };
}

function errorLines(id: string, messages: string[]): Html | '' {
  if (!messages.length) return '';
  return html`<p class="error-message" id="${id}-error">${messages.map((m, i) => html`${i ? html`<br>` : ''}<span class="visually-hidden">${ws.errorPrefix} </span>${m}`)}</p>`;
}

function options(q: Question): { value: string; label: string }[] {
  if (q.type === 'boolean')
    return [
      { value: 'true', label: ws.yes },
      { value: 'false', label: ws.no },
    ];
  return (q.options ?? []).map((o) => ({ value: urlValue(o.value), label: o.label }));
}

/** The question as the page's heading: a legend of radio buttons, or the label of the number's box. */
function field(q: Question, number: number, shown: string, messages: string[]): Html {
  const id = fieldId(q.var);
  const invalid = messages.length > 0;
  const counter = html`<span class="nav-counter">${ws.questionNumber(number)}</span>`;
  if (q.type === 'number') {
    const described = [`${id}-hint`, invalid ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field${invalid ? ' field-error' : ''}">
<h1 class="nav-question">${counter}<label for="${id}">${q.question}</label></h1>
<p class="hint" id="${id}-hint">${q.hint ? `${q.hint} ` : ''}${ws.numberHint}</p>
${errorLines(id, messages)}<input class="input input-short" type="text" inputmode="numeric" id="${id}" name="${q.var}" value="${shown}" maxlength="10" autocomplete="off" aria-describedby="${described}"${when(invalid, 'aria-invalid="true"')} required>
</div>`;
  }
  const described = [q.hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<fieldset class="field group${invalid ? ' field-error' : ''}"${described ? html` aria-describedby="${described}"` : ''}>
<legend><h1 class="nav-question">${counter}${q.question}</h1></legend>
${q.hint ? html`<p class="hint" id="${id}-hint">${q.hint}</p>` : ''}${errorLines(id, messages)}${options(q).map((o, i) => {
    const oid = i === 0 ? id : `${id}-${i + 1}`;
    return html`<div class="option"><input type="radio" id="${oid}" name="${q.var}" value="${o.value}"${when(o.value === shown, 'checked')}${when(invalid, 'aria-invalid="true"')} required><label for="${oid}">${o.label}</label></div>`;
  })}
</fieldset>`;
}

/** The question page: state.current is set. */
export function questionPage(state: WizardState): PageBody {
  const q = state.current!;
  const { path } = state;
  const at = state.changing ? path.findIndex((a) => a.question.var === q.var) : path.length;
  const id = fieldId(q.var);
  const hidden = path.filter((a) => a.question.var !== q.var).map((a) => html`<input type="hidden" name="${a.question.var}" value="${urlValue(a.value)}">`);
  // Back: the previous question with its answer chosen; while changing, the page before the change.
  const back = state.changing ? QUESTIONS + answersQuery(path) : path.length ? changeHref(path, path.at(-1)!.question.var) : START;
  const summary = state.problems.length
    ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${ws.errorSummary}</h2>
<ul>${state.problems.map((m) => html`<li><a href="#${id}">${m}</a></li>`)}</ul>
</div>`
    : '';
  const content = html`${crumbs(true)}
${summary}
<form class="appeal nav-form" action="${QUESTIONS}" method="get" novalidate>
${hidden}<input type="hidden" name="${ANSWERED}" value="${q.var}">
${field(q, at + 1, state.shown, state.problems)}
<div class="actions"><button type="submit">${ws.next}</button> <a href="${back}">${state.changing ? ws.cancelChange : ws.back}</a></div>
</form>
${answersList(path, state.changing ? q.var : undefined)}
<p class="muted">${ws.privacy}</p>`;
  // (the question itself is the page's heading; a title says where one is, and stays short)
  return { title: `${state.problems.length ? ws.errorTitlePrefix : ''}${ws.questionNumber(at + 1)} — ${ws.title}`, content };
}
