// `otvet navigator import` as an editor-in-chief uses it: a whole catalogue checked first (every
// problem at its path, nothing imported), then published; again, only what changed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoNavigatorDir } from '../src/navigator/index.ts';
import { cliEnv, cliInProcess, migratedDir } from './support/cli.ts';

describe('otvet navigator import', { timeout: 120_000 }, () => {
  const dir = migratedDir();
  const env = cliEnv({ OTVET_DATA_DIR: dir });
  const questionsFile = path.join(demoNavigatorDir, 'navigator_questions.json');
  const measures = JSON.parse(fs.readFileSync(path.join(demoNavigatorDir, 'support_measures.json'), 'utf8')) as { id: string; title: string; eligibility: unknown }[];
  const questions = (JSON.parse(fs.readFileSync(questionsFile, 'utf8')) as unknown[]).length;
  const write = (name: string, data: unknown) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, JSON.stringify(data));
    return p;
  };

  it('refuses a catalogue with problems, naming each path, and imports none of it', async () => {
    const bad = measures.map((m, i) => (i === 2 ? { ...m, eligibility: { all: [{ var: 'has_yacht', eq: true }] } } : m));
    const r = await cliInProcess(['navigator', 'import', questionsFile, write('bad.json', bad)], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1 problem\(s\), nothing imported/);
    expect(r.stderr).toContain('measures.2.eligibility.all.0.var: Нет вопроса «has_yacht».');
    const again = await cliInProcess(['navigator', 'import', questionsFile, write('all.json', measures)], env);
    expect(again.stdout).toContain(`${measures.length} measures: ${measures.length + questions} new, 0 updated, 0 unchanged, 0 archived`);
  });

  it('publishes what changed and archives what the files no longer hold', async () => {
    const changed = measures.slice(1).map((m, i) => (i === 0 ? { ...m, title: `${m.title} (изменено)` } : m));
    const r = await cliInProcess(['navigator', 'import', questionsFile, write('changed.json', changed)], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`0 new, 1 updated, ${changed.length - 1 + questions} unchanged, 1 archived`);
  });
});
