import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Import walls: outside a module, code reaches it only through its face, src/<module>/index.ts.
// platform/ is a shared library anyone may import. Tests and benchmarks may look inside.
// Each file gets one rule setting (flat config replaces a rule's options, it does not merge them).
const modules = ['contact-center', 'knowledge', 'monitoring', 'portal', 'regions', 'staffing', 'simulator', 'telephony', 'navigator'];
// A second, light face: the CLI defines its commands (help, defaults) without loading the app.
const lightFaces = { simulator: 'options.ts' };
const walls = (others) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: others.map((m) => ({
        regex: `^(\\./|(\\.\\./)+)${m}/(?!index\\.ts$${lightFaces[m] ? `|${lightFaces[m].replace('.', '\\.')}$` : ''})`,
        message: `Import ${m} through its face, src/${m}/index.ts${lightFaces[m] ? ` (or ${lightFaces[m]})` : ''} (export what you need there).`,
      })),
    },
  ],
});
const tests = ['**/*.test.ts', 'test/**', 'bench/**'];
const importWalls = [
  { files: ['src/**/*.ts'], ignores: [...modules.map((m) => `src/${m}/**`), ...tests], rules: walls(modules) },
  ...modules.map((m) => ({ files: [`src/${m}/**/*.ts`], ignores: tests, rules: walls(modules.filter((o) => o !== m)) })),
];

export default tseslint.config(
  // web/shared/api-schema.ts is generated from openapi/openapi.json (npm run openapi; a test keeps it current)
  { ignores: ['node_modules/', 'data/', 'openapi/', 'dist/', 'web/dist/', 'web/shared/api-schema.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', fetch: 'readonly' } },
    rules: {
      // Files stay small enough to read in one sitting; a file that must be longer says why in an eslint-disable comment.
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  ...importWalls,
  {
    files: ['test/**', '**/*.test.ts', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
