// docs/ARCHITECTURE.md holds an annotated tree of the project; this keeps it true.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

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

/** What the .ts files under a folder import (and re-export), resolved to paths from the root. */
function importsUnder(dir: string): { file: string; target: string }[] {
  const files = (d: string): string[] =>
    fs.readdirSync(path.join(root, d), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(`${d}/${e.name}`) : e.name.endsWith('.ts') ? [`${d}/${e.name}`] : []));
  return files(dir).flatMap((file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    return specs.filter((s) => s.startsWith('.')).map((s) => ({ file, target: path.relative(root, path.resolve(root, path.dirname(file), s)) }));
  });
}

describe('module walls', () => {
  it('monitoring imports nothing from the contact centre, not even types (it reads the facts it publishes)', () => {
    expect(importsUnder('src/monitoring').filter((i) => i.target.startsWith('src/contact-center'))).toEqual([]);
  });
});
