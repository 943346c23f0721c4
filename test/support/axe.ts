/// <reference lib="dom" />
// axe-core run in a page (injected by the test: the portal's pages allow no script of their own, so
// the context needs bypassCSP and JavaScript on); its findings as lines.
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { pageChecks } from './chromium.ts';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** WCAG 2.1 A and AA and axe's best practices: every finding of at least this impact, one line each. */
export async function axeViolations(page: Page, least: 'minor' | 'serious'): Promise<string[]> {
  if (!pageChecks) return [];
  await page.addScriptTag({ content: axeSource });
  const { violations, passes } = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[]; passes: unknown[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return { violations: r.violations, passes: r.passes.length };
  });
  // axe really ran its checks (contrast, labels, landmarks …)
  expect(passes).toBeGreaterThan(10);
  return violations
    .filter((v) => least === 'minor' || v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The serious and critical findings only. */
export const seriousViolations = (page: Page) => axeViolations(page, 'serious');
