// The appeal form of the portal, as a page without JavaScript: the appellant's fields, the type's
// own fields by their kind, the consent in full, and two submit buttons (send; look for a ready
// answer first). After a failed submission it comes back with what was typed, each message next to
// its field (aria-invalid, aria-describedby) and a summary at the top linking to each field.
// Files: one input for up to 3 (multipart/form-data). A type's file fields are not inputs of their
// own: the first names the input (label, hint), and a required one makes a file required; every
// problem with a file or a file field is said next to that one input. A browser cannot put files
// back into a form, so a form that comes back names the files chosen and asks for them again.
import { html, raw, type Html } from '../portal/index.ts';
import type { FieldProblem } from './appeal-form.ts';
import { TEXT_MAX } from './appeal-form.ts';
import { ALLOWED_TYPES } from './attachments.ts';
import { s } from './page-strings.ts';
import type { AppealType, Field } from './types-schema.ts';

/** The form as typed: strings (several for checkboxes), kept to be shown again. */
export interface FormState {
  region: string;
  name: string;
  phone: string;
  email: string;
  address: string;
  text: string;
  consent: boolean;
  values: Record<string, string | string[]>;
  /** The names of the files that were chosen (they are not kept: they must be chosen again). */
  chosen: string[];
}

export const emptyForm = (region = ''): FormState => ({ region, name: '', phone: '', email: '', address: '', text: '', consent: false, values: {}, chosen: [] });

/** A knowledge-base answer offered before sending; snippet is the search engine's HTML (escaped, matches in <mark>). */
export interface Suggestion {
  slug: string;
  title: string;
  section: string;
  snippet: string;
}

export interface FormView {
  type: AppealType;
  regions: { code: string; name: string }[];
  state: FormState;
  problems: FieldProblem[];
  /** null: not asked for; 'no-text': asked with nothing to search by. */
  suggestions: Suggestion[] | 'no-text' | null;
}

/** Up to this many options a choice is radio buttons; more, a select. */
const RADIOS_UP_TO = 6;

/** The element id of a field (its first control, for a group): what the summary links to. */
export const fieldId = (path: string) => `f-${path.replace(/[^a-z0-9_-]/gi, '-')}`;

export const formPath = (type: AppealType) => `/appeals/new/${type.code}`;

/** The fields a type's form shows, its own ones by their codes (file fields are the one file input). */
const shownFields = (type: AppealType) => type.fields.filter((f) => f.kind !== 'file');

/** Where a problem is shown: a file's (files.<n>), the files' and a file field's all at the file input. */
export function shownAt(type: AppealType, path: string): string {
  if (path === 'files' || path.startsWith('files.')) return 'files';
  const code = path.startsWith('values.') ? path.slice('values.'.length) : null;
  return code !== null && type.fields.some((f) => f.kind === 'file' && f.code === code) ? 'files' : path;
}

/** The file input: named by the type's first file field, required if any is. */
function filesField(type: AppealType, chosen: string[], messages: string[]): Html {
  const fileFields = type.fields.filter((f) => f.kind === 'file');
  const first = fileFields[0];
  const required = fileFields.some((f) => f.required);
  const id = fieldId('files');
  const hints = [...fileFields.map((f) => f.hint).filter((h): h is string => Boolean(h)), s.filesHint].join(' ');
  const again = chosen.length > 0;
  const described = [`${id}-hint`, again ? `${id}-again` : '', messages.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${messages.length ? ' field-error' : ''}">
<label for="${id}">${first?.label ?? s.filesLabel}${optionalMark(!required)}</label>
<p class="hint" id="${id}-hint">${hints}</p>
${again ? html`<p class="warning" id="${id}-again">${s.filesAgain(chosen.map((n) => `«${n}»`).join(', '))}</p>` : ''}${errorLines(id, messages)}<input class="input" type="file" name="files" id="${id}" multiple accept="${ALLOWED_TYPES.join(',')}" aria-describedby="${described}"${messages.length ? raw(' aria-invalid="true"') : ''}${when(required, 'required')}>
</div>`;
}

function attrs(id: string, hint: string | undefined, messages: string[]): Html {
  const described = [hint ? `${id}-hint` : '', messages.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html` id="${id}"${described ? html` aria-describedby="${described}"` : ''}${messages.length ? raw(' aria-invalid="true"') : ''}`;
}

function errorLines(id: string, messages: string[]): Html | '' {
  if (!messages.length) return '';
  return html`<p class="error-message" id="${id}-error">${messages.map((m, i) => html`${i ? html`<br>` : ''}<span class="visually-hidden">${s.errorPrefix} </span>${m}`)}</p>`;
}

const optionalMark = (optional: boolean) => (optional ? html` <span class="optional">${s.optional}</span>` : '');
const hintLine = (id: string, hint: string | undefined) => (hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : '');
const when = (cond: boolean, attr: string) => (cond ? raw(` ${attr}`) : '');

interface One {
  path: string;
  label: string;
  optional: boolean;
  hint?: string | undefined;
}

/** A label, its hint and messages, and one control. */
function single(o: One, messages: string[], control: (a: Html) => Html): Html {
  const id = fieldId(o.path);
  return html`<div class="field${messages.length ? ' field-error' : ''}">
<label for="${id}">${o.label}${optionalMark(o.optional)}</label>
${hintLine(id, o.hint)}${errorLines(id, messages)}${control(attrs(id, o.hint, messages))}
</div>`;
}

/** Radio buttons or checkboxes under a legend; the first one carries the field's id. */
function group(o: One, messages: string[], kind: 'radio' | 'checkbox', name: string, options: string[], chosen: string[]): Html {
  const id = fieldId(o.path);
  const described = [o.hint ? `${id}-hint` : '', messages.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<fieldset class="field group${messages.length ? ' field-error' : ''}"${described ? html` aria-describedby="${described}"` : ''}>
<legend>${o.label}${optionalMark(o.optional)}</legend>
${hintLine(id, o.hint)}${errorLines(id, messages)}${options.map((opt, i) => {
    const oid = i === 0 ? id : `${id}-${i + 1}`;
    return html`<div class="option"><input type="${kind}" id="${oid}" name="${name}" value="${opt}"${when(chosen.includes(opt), 'checked')}${when(kind === 'radio' && !o.optional, 'required')}${when(messages.length > 0, 'aria-invalid="true"')}><label for="${oid}">${opt}</label></div>`;
  })}
</fieldset>`;
}

/** The type's consent text in full, as the checkbox's label. */
function consent(type: AppealType, checked: boolean, messages: string[]): Html {
  const id = fieldId('consent');
  return html`<fieldset class="field group consent${messages.length ? ' field-error' : ''}"${messages.length ? html` aria-describedby="${id}-error"` : ''}>
<legend>${s.consentTitle}</legend>
${errorLines(id, messages)}<div class="option"><input type="checkbox" id="${id}" name="consent" value="yes"${when(checked, 'checked')} required${when(messages.length > 0, 'aria-invalid="true"')}><label for="${id}">${type.consentText}</label></div>
</fieldset>`;
}

function typeField(f: Field, state: FormState, messages: string[]): Html {
  const name = `values.${f.code}`;
  const given = state.values[f.code];
  const value = typeof given === 'string' ? given : (given?.[0] ?? '');
  const o: One = { path: name, label: f.label, optional: !f.required, hint: f.hint };
  const required = when(f.required, 'required');
  switch (f.kind) {
    case 'text':
      return single(o, messages, (a) => html`<input class="input" type="text" name="${name}"${a} value="${value}" maxlength="${f.maxLength ?? 300}"${required}>`);
    case 'long_text':
      return single(o, messages, (a) => html`<textarea class="input" name="${name}"${a} rows="5" maxlength="${f.maxLength ?? 4000}"${required}>${value}</textarea>`);
    case 'choice':
      if (f.options!.length <= RADIOS_UP_TO) return group(o, messages, 'radio', name, f.options!, [value]);
      return single(
        o,
        messages,
        (a) =>
          html`<select class="input" name="${name}"${a}${required}><option value="">${s.choose}</option>${f.options!.map((opt) => html`<option${when(opt === value, 'selected')}>${opt}</option>`)}</select>`,
      );
    case 'multi_choice':
      // (name[]: one name for several boxes, as validators of HTML expect)
      return group(o, messages, 'checkbox', `${name}[]`, f.options!, typeof given === 'string' ? [given] : (given ?? []));
    case 'date':
      return single(o, messages, (a) => html`<input class="input input-short" type="date" name="${name}"${a} value="${value}"${required}>`);
    case 'number':
      // (a text box that asks for the digits keyboard: a type=number box would drop what is not a
      // number without a word, so the form could not say what was wrong)
      return single(o, messages, (a) => html`<input class="input input-short" type="text" inputmode="decimal" name="${name}"${a} value="${value}"${required}>`);
    case 'phone':
      return single(o, messages, (a) => html`<input class="input input-medium" type="tel" name="${name}"${a} value="${value}" maxlength="40"${required}>`);
    case 'email':
      return single(o, messages, (a) => html`<input class="input input-medium" type="email" name="${name}"${a} value="${value}" maxlength="254" spellcheck="false"${required}>`);
    case 'file':
      return html``;
  }
}

function suggestionsBlock(v: FormView): Html | '' {
  const found = v.suggestions;
  if (found === null) return '';
  if (found === 'no-text' || found.length === 0) {
    return html`<section class="suggestions" id="suggestions" aria-labelledby="suggestions-title">
<h3 id="suggestions-title">${s.suggestionsEmptyTitle}</h3>
<p>${found === 'no-text' ? s.suggestionsNoText : s.suggestionsNone}</p>
</section>`;
  }
  return html`<section class="suggestions" id="suggestions" aria-labelledby="suggestions-title">
<h3 id="suggestions-title">${s.suggestionsTitle}</h3>
<p>${s.suggestionsNewTab}</p>
<ul class="list">${found.map(
    (h) =>
      html`<li><a href="/answers/${h.slug}" target="_blank" rel="noopener">${h.title} <span class="new-tab">${s.newTab}</span></a><br><span class="muted">${h.section}</span><br>${raw(h.snippet)}</li>`,
  )}</ul>
<p>${s.suggestionsNotSent}</p>
</section>`;
}

/** The paths in the order the form shows them: the summary lists problems in this order. */
function order(type: AppealType): string[] {
  return ['region', 'name', 'phone', 'email', 'address', ...shownFields(type).map((f) => `values.${f.code}`), 'text', 'files', 'consent'];
}

function summary(type: AppealType, problems: FieldProblem[]): Html | '' {
  if (!problems.length) return '';
  const paths = order(type);
  const rank = (p: string) => (paths.includes(p) ? paths.indexOf(p) : paths.length);
  const sorted = problems.map((p) => ({ ...p, path: shownAt(type, p.path) })).sort((a, b) => rank(a.path) - rank(b.path));
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${s.errorSummary}</h2>
<ul>${sorted.map((p) => html`<li>${paths.includes(p.path) ? html`<a href="#${fieldId(p.path)}">${p.message}</a>` : p.message}</li>`)}</ul>
</div>`;
}

export function appealForm(v: FormView): { title: string; content: Html } {
  const { type, state } = v;
  const messages = (path: string) => v.problems.filter((p) => shownAt(type, p.path) === path).map((p) => p.message);
  const action = formPath(type);
  const regionMessages = messages('region');
  const content = html`<nav class="crumbs" aria-label="${s.crumbs}"><ol><li><a href="/">${s.home}</a></li><li><a href="/appeals">${s.title}</a></li></ol></nav>
${summary(type, v.problems)}
<h1>${type.name}</h1>
${type.description ? html`<p>${type.description}</p>` : ''}
<p class="muted">${s.formIntro}</p>
<form class="appeal" action="${action}" method="post" enctype="multipart/form-data" novalidate>
<h2>${s.aboutYou}</h2>
${single(
  { path: 'region', label: s.region, optional: false, hint: s.regionHint },
  regionMessages,
  (a) => html`<select class="input" name="region"${a} required>
<option value="">${s.regionChoose}</option>
${v.regions.map((r) => html`<option value="${r.code}"${when(r.code === state.region, 'selected')}>${r.name}</option>`)}
</select>`,
)}
${single({ path: 'name', label: s.name, optional: false, hint: s.nameHint }, messages('name'), (a) => html`<input class="input" type="text" name="name"${a} value="${state.name}" maxlength="200" autocomplete="name" spellcheck="false" required>`)}
${single({ path: 'phone', label: s.phone, optional: true, hint: s.phoneHint }, messages('phone'), (a) => html`<input class="input input-medium" type="tel" name="phone"${a} value="${state.phone}" maxlength="40" autocomplete="tel">`)}
<fieldset class="group reply-to" aria-describedby="reply-to-hint">
<legend>${s.replyTo}</legend>
<p class="hint" id="reply-to-hint">${s.replyToHint}</p>
${single({ path: 'email', label: s.email, optional: false }, messages('email'), (a) => html`<input class="input input-medium" type="email" name="email"${a} value="${state.email}" maxlength="254" autocomplete="email" spellcheck="false">`)}
${single({ path: 'address', label: s.address, optional: false, hint: s.addressHint }, messages('address'), (a) => html`<textarea class="input" name="address"${a} rows="2" maxlength="500" autocomplete="street-address">${state.address}</textarea>`)}
</fieldset>
<h2>${s.aboutTitle}</h2>
${shownFields(type).map((f) => typeField(f, state, messages(`values.${f.code}`)))}
${single({ path: 'text', label: s.text, optional: false, hint: s.textHint }, messages('text'), (a) => html`<textarea class="input" name="text"${a} rows="8" maxlength="${TEXT_MAX}" required>${state.text}</textarea>`)}
${filesField(type, state.chosen, messages('files'))}
<div class="suggest">
<p class="hint" id="suggest-hint">${s.suggestHint}</p>
<button class="secondary" type="submit" name="action" value="suggest" formaction="${action}#suggestions" aria-describedby="suggest-hint">${s.suggest}</button>
</div>
${suggestionsBlock(v)}
${consent(type, state.consent, messages('consent'))}
<div class="actions"><button type="submit">${s.submit}</button></div>
</form>
<p class="muted">${s.byPhone}</p>`;
  return { title: (v.problems.length ? s.errorTitlePrefix : '') + type.name, content };
}
