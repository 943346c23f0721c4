// The relative imports of the project's source files, resolved to paths from the project root.
import fs from 'node:fs';
import path from 'node:path';

export interface Import {
  /** The importing file, e.g. src/services.ts. */
  from: string;
  /** The imported file, e.g. src/knowledge/index.ts. */
  to: string;
}

// import/export … from '…' (type-only too, over several lines), import '…' and import('…').
const SPECIFIER = /(?:^|[;\s])(?:import|export)\s[^;'"]*?from\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g;

export function importsOf(root: string, file: string): Import[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(SPECIFIER)]
    .map((m) => (m[1] ?? m[2])!)
    .filter((s) => s.startsWith('.'))
    .map((s) => ({ from: file, to: path.posix.normalize(path.posix.join(path.posix.dirname(file), s)) }));
}

/** The module a path belongs to (src/<module>/…), or undefined outside the modules. */
export function moduleOf(file: string, modules: readonly string[]): string | undefined {
  const [top, name, ...rest] = file.split('/');
  return top === 'src' && rest.length && modules.includes(name!) ? name : undefined;
}
