// Which test files use a database: those that reach test/support/database.ts through their imports
// (startApp, testDatabase) or read TEST_DATABASE_URL themselves. Only these can behave differently
// on PostgreSQL; the others (pure functions, `otvet` run as a child on its own PGlite folder) run
// the same either way, so the PostgreSQL pass runs only these (vitest.config.ts).
import fs from 'node:fs';
import path from 'node:path';

const database = path.join('test', 'support', 'database.ts');

/** Relative imports that are not type-only: `import x from './y.ts'`, `export … from`, `import('./y.ts')`. */
function importsOf(file: string, text: string): string[] {
  const specs = [...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^;]*?from\s+'(\.[^']+)'/gm), ...text.matchAll(/import\('(\.[^']+)'\)/g)].map((m) => m[1]!);
  return specs.map((s) => path.normalize(path.join(path.dirname(file), s)));
}

function testFiles(root: string, dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : testFiles(root, rel);
    return e.name.endsWith('.test.ts') ? [rel] : [];
  });
}

export function filesUsingDatabase(root: string): string[] {
  const memo = new Map<string, boolean>();
  const uses = (file: string): boolean => {
    if (file === database) return true;
    const known = memo.get(file);
    if (known !== undefined) return known;
    memo.set(file, false); // (an import cycle adds nothing)
    const text = fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : '';
    // (src/ never imports test support, so only imports within test/ and test files are followed)
    const result = text.includes('TEST_DATABASE_URL') || importsOf(file, text).some((f) => (f.startsWith(`test${path.sep}`) || f.endsWith('.test.ts')) && uses(f));
    memo.set(file, result);
    return result;
  };
  return [...testFiles(root, 'src'), ...testFiles(root, 'test')].filter(uses).sort();
}
