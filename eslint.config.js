import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  {
    files: ['test/**', '**/*.test.ts', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
