// Lint for the server, the tests, the bench and the web app. Formatting is prettier's (eslint-config-prettier turns
// the overlapping rules off); these rules are about names, types and the API layer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'data/**', 'coverage/**', '**/graphql-env.d.ts', 'test/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'id-length': ['error', { min: 2, exceptions: ['_', 'i', 'j', 'k', 'x', 'y'], properties: 'never' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The API layer (server, web app, test/support's typed client) has no `any`. Specs still annotate some
    // callbacks over typed results with it (127 places): shown as warnings until they are typed.
    files: ['test/**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'warn' },
  },
  prettier,
);
