// Lint for the whole repo, plus the rule that keeps the domain pure: libs/contracts-domain may not
// import the framework, infrastructure or Node's I/O, and may not read a clock or the environment.
// test/architecture.e2e-spec.ts proves the rule fires on a violating file.
import tseslint from 'typescript-eslint';

export const DOMAIN_FILES = ['libs/contracts-domain/src/**/*.ts'];

export const domainPurity = {
  files: DOMAIN_FILES,
  ignores: ['**/*.spec.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['@nestjs/*', '@nestjs'], message: 'the domain is framework-free: wire it in apps/.' },
          { group: ['@app/event-store', '**/event-store/**', '@electric-sql/*', 'pg', '@eventstore/*'], message: 'the domain does no I/O: stores live in libs/event-store.' },
          { group: ['fs', 'fs/*', 'node:*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto'], message: 'the domain does no I/O and reads nothing from the machine.' },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      { name: 'Date', message: 'time comes in as data (Temporal values in commands), never from Date.' },
      { name: 'process', message: 'configuration comes in as data, not from process.env.' },
      { name: 'setTimeout', message: 'the domain does not schedule.' },
      { name: 'setInterval', message: 'the domain does not schedule.' },
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Temporal', property: 'Now', message: 'the domain reads no clock: pass `now` in.' },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  domainPurity,
);
