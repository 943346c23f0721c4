// docs/ARCHITECTURE.md holds an annotated tree of the project; this keeps it true.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, moduleOf } from './support/imports.ts';

const root = path.resolve(import.meta.dirname, '..');

function listedPaths(): string[] {
  const doc = fs.readFileSync(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');
  const block = /## The tree[\s\S]*?```\n([\s\S]*?)```/.exec(doc)![1]!;
  const stack: { indent: number; dir: string }[] = [];
  const paths: string[] = [];
  for (const line of block.split('\n')) {
    const m = /^( *)(\S+)/.exec(line);
    if (!m) continue;
    const indent = m[1]!.length;
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const full = [...stack.map((s) => s.dir), m[2]!].join('');
    paths.push(full.replace(/\/$/, ''));
    if (m[2]!.endsWith('/')) stack.push({ indent, dir: m[2]! });
  }
  return paths;
}

function sourceTree(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return [rel, ...sourceTree(rel)];
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [rel] : [];
  });
}

describe('docs/ARCHITECTURE.md', () => {
  const listed = listedPaths();

  it('lists only paths that exist', () => {
    expect(listed.filter((p) => !fs.existsSync(path.join(root, p)))).toEqual([]);
  });

  it('lists every folder and source file of src/', () => {
    expect(sourceTree('src').filter((p) => !listed.includes(p))).toEqual([]);
  });

  it('lists every top-level folder of the project', () => {
    const ignored = new Set(['node_modules', '.git', 'screenshots', 'test-results']);
    const top = fs
      .readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !ignored.has(e.name))
      .map((e) => e.name);
    const listedTop = new Set(listed.map((p) => p.split('/')[0]));
    expect(top.filter((d) => !listedTop.has(d))).toEqual([]);
  });
});

describe('where SQL lives', () => {
  const runsSql = (file: string) => /\.(query|exec)\s*[<(]/.test(fs.readFileSync(path.join(root, file), 'utf8'));
  const sources = sourceTree('src').filter((p) => p.endsWith('.ts'));

  it('no routes file runs SQL: routes call a service, the service a queries file', () => {
    expect(sources.filter((p) => /(^|[/-])routes\.ts$/.test(p) && runsSql(p))).toEqual([]);
  });

  it('no service runs SQL of its own', () => {
    // Known and left for its owner's rewrite: the supervisor's snapshot reads.
    const known = ['src/contact-center/supervisor-service.ts'];
    expect(sources.filter((p) => /(^|[/-])service\.ts$/.test(p) && !known.includes(p) && runsSql(p))).toEqual([]);
  });
});

describe('import walls', () => {
  // The same walls as no-restricted-imports in eslint.config.js; platform/ is open to all.
  const modules = ['contact-center', 'knowledge', 'monitoring', 'portal', 'regions', 'staffing', 'simulator', 'telephony', 'navigator'];
  // (and eslint.config.js's light face: the CLI defines its commands without loading the app)
  const faces = (m: string) => [`src/${m}/index.ts`, ...(m === 'simulator' ? ['src/simulator/options.ts'] : [])];
  const sources = sourceTree('src').filter((p) => p.endsWith('.ts'));

  it('code outside a module imports only its face, src/<module>/index.ts', () => {
    const inside = sources.flatMap((file) =>
      importsOf(root, file).filter(({ from, to }) => {
        const target = moduleOf(to, modules);
        return target !== undefined && target !== moduleOf(from, modules) && !faces(target).includes(to);
      }),
    );
    expect(inside.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('monitoring imports nothing from the contact centre, not even types (it reads the facts it publishes)', () => {
    const reached = sources
      .filter((p) => p.startsWith('src/monitoring/'))
      .flatMap((file) => importsOf(root, file))
      .filter(({ to }) => to.startsWith('src/contact-center/'));
    expect(reached.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('the SIP edge speaks to otvet only through its public API: telephony imports no other module, and platform only where it needs no database', () => {
    const others = modules.filter((m) => m !== 'telephony').map((m) => `src/${m}/`);
    const reached = sources
      .filter((p) => p.startsWith('src/telephony/'))
      .flatMap((file) => importsOf(root, file))
      .filter(({ to }) => others.some((o) => to.startsWith(o)) || to.startsWith('src/platform/db/') || to === 'src/services.ts' || to === 'src/app.ts');
    expect(reached.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });
});
