// `otvet kb import` and `otvet kb export` as an editor-in-chief uses them (each once as a child
// process, the rest in this process).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, cliInProcess, migratedDir, runCli } from './support/cli.ts';

const line = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, section: 'Кредиты и финансы', title: `Вопрос ${id}?`, body: `Ответ ${id}.`, tags: ['кредит'], audience: 'граждане', ...extra });

// Each child starts node and opens the database: seconds each on a loaded machine, so a generous limit.
describe('otvet kb import / export', { timeout: 180_000 }, () => {
  const dir = migratedDir();
  const env = cliEnv({ OTVET_DATA_DIR: dir });
  const file = (name: string, lines: string[]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, lines.join('\n') + '\n');
    return p;
  };

  it('refuses a file with bad lines, naming each line, and imports none of it', async () => {
    await cliInProcess(['import', 'regions'], env);
    const bad = file('bad.jsonl', [line('good-one'), line('good-two'), '{"id": "broken", ', line('no-title', { title: '' }), line('Bad Slug'), line('good-one')]);
    const r = await runCli(['kb', 'import', bad], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/4 problem\(s\), nothing imported/);
    expect(r.stderr).toMatch(/line 3: not valid JSON/);
    expect(r.stderr).toMatch(/line 4 \(title\)/);
    expect(r.stderr).toMatch(/line 5 \(id\)/);
    expect(r.stderr).toMatch(/line 6 \(id\): "good-one" repeats line 1/);
    const exported = await cliInProcess(['kb', 'export'], env);
    expect(exported.stdout).toBe('');
  });

  it('--skip-invalid imports the good lines and reports the rest', async () => {
    const mixed = file('mixed.jsonl', [line('good-one'), '', 'not json', line('good-two')]);
    const r = await cliInProcess(['kb', 'import', mixed, '--skip-invalid'], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/skipping 1 bad line\(s\):\n {2}line 3: not valid JSON/);
    expect(r.stdout).toMatch(/2 new, 0 updated, 0 unchanged, 1 line\(s\) skipped/);
  });

  it('is an idempotent upsert by slug: unchanged answers stay, changed ones get a new published version', async () => {
    const again = await cliInProcess(['kb', 'import', file('same.jsonl', [line('good-one'), line('good-two')])], env);
    expect(again.stdout).toMatch(/0 new, 0 updated, 2 unchanged/);
    const changed = await cliInProcess(['kb', 'import', file('changed.jsonl', [line('good-one', { body: 'Новый ответ.' }), line('good-two')])], env);
    expect(changed.stdout).toMatch(/0 new, 1 updated, 1 unchanged/);
  });

  it('exports what is live in the format it imports', async () => {
    const out = path.join(dir, 'export.jsonl');
    const r = await runCli(['kb', 'export', '--out', out], env);
    expect(r.stderr).toMatch(/2 answers written/);
    const records = fs
      .readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((x) => x.id).sort()).toEqual(['good-one', 'good-two']);
    expect(records.find((x) => x.id === 'good-one')).toMatchObject({ body: 'Новый ответ.', section: 'Кредиты и финансы', scope: 'federal' });
    const reimport = await cliInProcess(['kb', 'import', out], env);
    expect(reimport.stdout).toMatch(/0 new, 0 updated, 2 unchanged/);
  });

  it('says so when the file cannot be read', async () => {
    const r = await cliInProcess(['kb', 'import', path.join(dir, 'missing.jsonl')], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*missing\.jsonl/);
  });
});
