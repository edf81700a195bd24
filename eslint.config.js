import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const boundary = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['dist/**', 'dist.*/**', 'node_modules/**', 'coverage/**', '.assay/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary([
        { group: ['**/apps/**'], message: 'Libraries never import apps.' },
      ]),
    },
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary([
        { group: ['**/worker/**', '**/cli/**'], message: 'Apps never import each other.' },
        {
          group: ['**/libs/**'],
          message: 'Import a library through its alias (#core), not its files.',
        },
      ]),
    },
  },
  {
    files: ['apps/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary([
        { group: ['**/api/**', '**/cli/**'], message: 'Apps never import each other.' },
        {
          group: ['**/libs/**'],
          message: 'Import a library through its alias (#core), not its files.',
        },
      ]),
    },
  },
  {
    files: ['apps/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary([
        { group: ['**/api/**', '**/worker/**'], message: 'Apps never import each other.' },
        {
          group: ['**/libs/**'],
          message: 'Import a library through its alias (#core), not its files.',
        },
      ]),
      'no-console': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
