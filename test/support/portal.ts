// The portal in tests: the demo knowledge base published, a regional supplement, and helpers to
// publish more and read pages as a browser without JavaScript would.
import fs from 'node:fs';
import { HtmlValidate } from 'html-validate';
import { cliActor } from '../../src/platform/access/principal.ts';
import { demoAnswersFile, parseAnswersJsonl } from '../../src/knowledge/index.ts';
import type { TestApp } from './app.ts';

export type AnswerInput = {
  slug: string;
  section: string;
  title: string;
  body: string;
  scope?: string;
  parent?: string;
  related?: string[];
  agency?: string;
  sources?: { title: string; url: string }[];
};

/** Publishes answers as an import does (a new version each, events after commit) and waits until the portal has them. */
export async function publish(app: TestApp, records: AnswerInput[]): Promise<void> {
  const full = records.map((r) => ({ tags: [], audience: null, alternatives: [], related: [], validFrom: null, validUntil: null, agency: null, sources: [], scope: 'federal', ...r }));
  await app.services.kbImport.importRecords(cliActor('test'), full);
  await app.services.events.drain();
}

export async function publishDemo(app: TestApp): Promise<void> {
  const { records } = parseAnswersJsonl(fs.readFileSync(demoAnswersFile, 'utf8'));
  await app.services.kbImport.importRecords(cliActor('test'), records);
  await app.services.events.drain();
}

/** The text a reader sees, without tags (as a browser without JavaScript or CSS shows it). */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

/** html-validate's messages for a page (empty when it validates). */
export async function htmlProblems(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} at ${m.line}:${m.column}: ${m.message}`));
}

/** The JSON-LD blocks of a page, parsed. */
export function jsonLd(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as unknown);
}

/** Posts a form as a browser does, without following the redirect. */
export async function postForm(app: TestApp, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(app.url + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}
