// The appeals pages of the portal besides the form (form-page.ts): the list of appeal types with the
// law's terms, the page after filing (number and code), the status form and the status with the
// messages to the citizen and the answer's files, the page for a form too large to send. Each returns the page's title and content; page-routes.ts puts them in
// the portal's frame.
import { html, type Html } from '../portal/index.ts';
import type { FieldProblem } from './appeal-form.ts';
import { fieldId } from './form-page.ts';
import type { Filed } from './intake.ts';
import { dueRu, instantDayRu, s, statusExplained } from './page-strings.ts';
import { DEFAULT_DEADLINE_RULES } from './deadlines.ts';
import type { AppealType } from './types-schema.ts';
import type { AppealStatus } from './appeals-queries.ts';

export interface PageBody {
  title: string;
  content: Html;
}

const crumbs = (withAppeals: boolean) =>
  html`<nav class="crumbs" aria-label="${s.crumbs}"><ol><li><a href="/">${s.home}</a></li>${withAppeals ? html`<li><a href="/appeals">${s.title}</a></li>` : ''}</ol></nav>`;

export function typesPage(types: AppealType[]): PageBody {
  const rules = DEFAULT_DEADLINE_RULES;
  const content = html`${crumbs(false)}
<h1>${s.title}</h1>
<p>${s.intro}</p>
<section aria-labelledby="types-title">
<h2 id="types-title">${s.typesTitle}</h2>
<ul class="cards types">${types.map(
    (t) => html`<li>
<h3>${t.name}</h3>
${t.description ? html`<p>${t.description}</p>` : ''}
<p class="muted">${s.answerWithin(t.deadlines.answerDays)}</p>
<p><a class="button" href="/appeals/new/${t.code}">${s.fileThis}<span class="visually-hidden"> «${t.name}»</span></a></p>
</li>`,
  )}</ul>
</section>
<section aria-labelledby="terms-title">
<h2 id="terms-title">${s.termsTitle}</h2>
<ul class="list">
<li><strong>${s.termsRegister(rules.registerDays)}</strong> ${s.termsRegisterText}</li>
<li><strong>${s.termsAnswer(rules.answerDays)}</strong> ${s.termsAnswerText(rules.maxExtensionDays)}</li>
<li><strong>${s.termsCode}</strong> ${s.termsCodeText}</li>
</ul>
<p><a href="/appeals/status">${s.statusLink}</a></p>
</section>
<p class="muted">${s.byPhone}</p>`;
  return { title: s.title, content };
}

/**
 * After filing: the number and the code in large type, what happens next. The same appeal sent
 * again within minutes (the first page did not load) gets them again, said so; later, its number only.
 */
export function filedPage(type: AppealType, filed: Filed): PageBody {
  const statusHref = `/appeals/status?number=${encodeURIComponent(filed.number)}`;
  if (filed.code === null) {
    const content = html`<h1>${s.duplicateTitle}</h1>
<dl class="receipt"><div><dt>${s.number}</dt><dd>${filed.number}</dd></div></dl>
<p>${s.duplicateText(filed.number)}</p>
<p><a class="button" href="${statusHref}">${s.statusLink}</a></p>
<p><a href="/appeals">${s.toAppeals}</a></p>`;
    return { title: s.duplicateTitle, content };
  }
  const extension = type.deadlines.maxExtensionDays;
  const content = html`${filed.duplicate ? html`<p class="warning">${s.resentNote}</p>` : ''}<div class="panel">
<h1>${s.filedTitle}</h1>
<dl class="receipt">
<div><dt>${s.number}</dt><dd>${filed.number}</dd></div>
<div><dt>${s.code}</dt><dd class="code">${filed.code}</dd></div>
</dl>
</div>
<p class="warning"><strong>${s.keepCode}</strong> ${s.keepCodeText}</p>
<h2>${s.nextTitle}</h2>
<ol class="list">
<li>${s.nextRegistered(filed.organisation.name)}</li>
<li><strong>${s.nextAnswer(dueRu(filed.answerBy))}</strong>${extension > 0 ? html` ${s.nextExtension(extension)}` : ''}</li>
<li>${s.nextStatus}</li>
</ol>
<p><a class="button" href="${statusHref}">${s.statusLink}</a></p>
<p><a href="/appeals">${s.toAppeals}</a></p>`;
  return { title: s.filedTitle, content };
}

function errorSummary(problems: FieldProblem[], links: boolean): Html | '' {
  if (!problems.length) return '';
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${s.errorSummary}</h2>
<ul>${problems.map((p) => html`<li>${links && p.path ? html`<a href="#${fieldId(p.path)}">${p.message}</a>` : p.message}</li>`)}</ul>
</div>`;
}

function statusField(path: 'number' | 'code', label: string, hint: string, value: string, messages: string[]): Html {
  const id = fieldId(path);
  const described = [`${id}-hint`, ...(messages.length ? [`${id}-error`] : [])].join(' ');
  return html`<div class="field${messages.length ? ' field-error' : ''}">
<label for="${id}">${label}</label>
<p class="hint" id="${id}-hint">${hint}</p>
${messages.length ? html`<p class="error-message" id="${id}-error"><span class="visually-hidden">${s.errorPrefix} </span>${messages.join(' ')}</p>` : ''}
<input class="input input-medium${path === 'code' ? ' code' : ''}" type="text" id="${id}" name="${path}" value="${value}" maxlength="40" autocomplete="off" spellcheck="false"${path === 'code' ? html` autocapitalize="characters"` : ''} aria-describedby="${described}"${messages.length ? html` aria-invalid="true"` : ''} required>
</div>`;
}

/**
 * The status form. problems: by field (number, code), or one without a path (a wrong number or
 * code, not saying which). The code is never shown again: it is typed anew.
 */
export function statusFormPage(number: string, problems: FieldProblem[]): PageBody {
  const of = (path: string) => problems.filter((p) => p.path === path).map((p) => p.message);
  const content = html`${crumbs(true)}
${errorSummary(problems, true)}
<h1>${s.statusTitle}</h1>
<p>${s.statusIntro}</p>
<form class="appeal" action="/appeals/status" method="post" novalidate>
${statusField('number', s.number, s.statusNumberHint, number, of('number'))}
${statusField('code', s.code, s.statusCodeHint, '', of('code'))}
<div class="actions"><button type="submit">${s.statusSubmit}</button></div>
</form>
<p><a href="/appeals">${s.toAppeals}</a></p>`;
  return { title: (problems.length ? s.errorTitlePrefix : '') + s.statusTitle, content };
}

/** What work.status() tells the citizen. */
export interface StatusView {
  number: string;
  type: string;
  status: AppealStatus;
  statusText: string;
  organisation: string | null;
  registeredAt: string;
  answerBy: string;
  extended: boolean;
  messages: { at: string; answer: boolean; text: string; files: StatusFile[] }[];
}

export interface StatusFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

/**
 * An answer's files, each a button of a small form posting the number, the code and the file's id
 * (no JavaScript, and the code in no URL): the file comes back as a download.
 */
function answerFiles(number: string, code: string, files: StatusFile[], i: number): Html | '' {
  if (!files.length) return '';
  return html`<h3 id="answer-files-${i}">${s.answerFiles}</h3>
<ul class="files" aria-labelledby="answer-files-${i}">${files.map(
    (f) => html`<li><form action="/appeals/status/file" method="post">
<input type="hidden" name="number" value="${number}"><input type="hidden" name="code" value="${code}"><input type="hidden" name="file" value="${f.id}">
<button class="secondary" type="submit">${s.download}<span class="visually-hidden"> ${f.name}</span></button> <span class="file-name">${f.name}</span> <span class="muted nowrap">${s.fileKind(f.contentType)}, ${s.fileSize(f.size)}</span>
</form></li>`,
  )}</ul>`;
}

/** The form with its files was larger than may be sent (413). */
export function tooLargePage(): PageBody {
  const content = html`${crumbs(true)}
<h1>${s.tooLargeTitle}</h1>
<p>${s.tooLargeText}</p>
<p>${s.tooLargeNext}</p>
<p><a href="/appeals">${s.toAppeals}</a></p>`;
  return { title: s.tooLargeTitle, content };
}

/** code: as the citizen typed it, for the answer's files' buttons (the page is kept by nobody). */
export function statusPage(v: StatusView, code: string): PageBody {
  const answers = v.messages.filter((m) => m.answer);
  const others = v.messages.filter((m) => !m.answer);
  const message = (m: StatusView['messages'][number]) => html`<p class="muted"><time datetime="${m.at}">${instantDayRu(m.at)}</time></p>
<div class="message-text">${m.text}</div>`;
  const content = html`${crumbs(true)}
<h1>${s.appealWord} <span class="nowrap">${s.numberSign(v.number)}</span></h1>
<dl class="facts">
<div><dt>${s.kind}</dt><dd>${v.type}</dd></div>
<div><dt>${s.status}</dt><dd><strong>${v.statusText}</strong><br><span class="muted">${statusExplained[v.status]}</span></dd></div>
${v.organisation ? html`<div><dt>${s.organisation}</dt><dd>${v.organisation}</dd></div>` : ''}
<div><dt>${s.registered}</dt><dd><time datetime="${v.registeredAt}">${instantDayRu(v.registeredAt)}</time></dd></div>
<div><dt>${s.answerBy}</dt><dd>${dueRu(v.answerBy)}${v.extended ? html` (${s.extended})` : ''}</dd></div>
</dl>
${answers.map(
  (m, i) => html`<section class="answer-box" aria-labelledby="answer-title-${i + 1}">
<h2 id="answer-title-${i + 1}">${s.answerTitle}</h2>
${message(m)}
${answerFiles(v.number, code, m.files, i + 1)}
</section>`,
)}
${
  others.length || !answers.length
    ? html`<h2>${s.messagesTitle}</h2>
${others.length ? html`<ul class="messages">${others.map((m) => html`<li>${message(m)}</li>`)}</ul>` : html`<p>${s.noMessages}</p>`}`
    : ''
}
<p><a href="/appeals/status">${s.anotherStatus}</a></p>`;
  return { title: s.statusOf(v.number), content };
}
