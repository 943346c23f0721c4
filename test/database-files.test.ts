// The PostgreSQL pass runs the test files that use a database; this keeps the choice honest.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUsingDatabase } from './support/database-files.ts';

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-files-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('the test files that use a database', () => {
  it('are those reaching test/support/database.ts through imports that are not type-only, or reading TEST_DATABASE_URL', () => {
    const root = tree({
      'test/support/database.ts': 'export async function testDatabase() {}',
      'test/support/app.ts': "import { testDatabase } from './database.ts';",
      'test/support/helper.ts': "import type { TestApp } from './app.ts';\nexport const x = 1;",
      'src/a/uses-app.test.ts': "import { startApp } from '../../test/support/app.ts';",
      'src/a/dynamic.test.ts': "const { testDatabase } = await import('../../test/support/database.ts');",
      'src/a/env.test.ts': 'const url = process.env.TEST_DATABASE_URL;',
      'src/a/pure.test.ts': "import { x } from './pure.ts';",
      'src/a/pure.ts': "import { testDatabase } from '../../test/support/database.ts';", // (src never imports test support; not followed)
      'test/types-only.test.ts': "import { x } from './support/helper.ts';",
      'test/browser/page.test.ts': "import {\n  startApp,\n  type TestApp,\n} from '../support/app.ts';",
    });
    expect(filesUsingDatabase(root)).toEqual(['src/a/dynamic.test.ts', 'src/a/env.test.ts', 'src/a/uses-app.test.ts', 'test/browser/page.test.ts'].map(path.normalize));
  });

  it('in this project: every test that starts an app, and no test of the command run as a child on its own folder', () => {
    const files = filesUsingDatabase(path.join(import.meta.dirname, '..'));
    expect(files).toContain(path.normalize('src/platform/auth/users.test.ts'));
    expect(files).toContain(path.normalize('src/platform/db/transaction.test.ts'));
    expect(files).toContain(path.normalize('test/browser/wallboard.test.ts'));
    expect(files).not.toContain(path.normalize('test/cli.test.ts'));
    expect(files).not.toContain(path.normalize('src/platform/config.test.ts'));
  });
});
