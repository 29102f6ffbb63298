// One linter for the whole tree (STYLE.md): ESLint's recommended rules and typescript-eslint's,
// plus the few habits the codebase keeps. Formatting is Prettier's job (.prettierrc.json).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Any module under storage/ except the public ones (a regular expression: a glob cannot re-include a
// file below an excluded folder).
const STORAGE_INTERNALS = String.raw`(^|/)storage/(?!(storage|scope|control-db|placement|names|tenant-db|json-path|migrations/tenant-migrations)\.js$)`;

// The same, written for an esquery selector (which ends a regular expression at its first `/`).
const inSelector = STORAGE_INTERNALS.replaceAll('/', '\\/');

export default tseslint.config(
  // src/client/schema.ts is generated (npm run client:generate) and checked against the document instead.
  { ignores: ['dist/', 'api-docs/', 'test-output/', 'node_modules/', '.vitest-report.json', 'src/client/schema.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The one rule (docs/architecture.md): no code outside src/storage/ holds a connection that is not
    // scoped to one tenant. Outside it, only the storage layer's public surface may be imported: the
    // Storage facade, tenant scopes, the control-plane executor, placement types and names. The router,
    // strategies, backends, fences and Kysely wiring stay inside (test/storage-boundary.test.ts).
    files: ['src/**/*.ts'],
    ignores: ['src/storage/**'],
    rules: {
      // import() and require() too: no-restricted-imports sees only static imports.
      'no-restricted-syntax': [
        'error',
        {
          selector: `ImportExpression[source.value=/${inSelector}/], CallExpression[callee.name='require'][arguments.0.value=/${inSelector}/]`,
          message: 'only src/storage/ reaches the router, strategies, backends and Kysely wiring (dynamic import or require)',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Any module under storage/ except the public ones (a regular expression: a glob cannot
              // re-include a file below an excluded folder).
              regex: STORAGE_INTERNALS,
              message:
                'only src/storage/ reaches the router, strategies, backends and Kysely wiring: use Storage, a TenantScope (withTenant) or ControlDb (docs/architecture.md, "The one rule")',
            },
          ],
        },
      ],
    },
  },
  {
    // The typed client ships to browsers: it may import openapi-fetch and its own folder, nothing of the
    // server (which would drag Node, Fastify and the database drivers into a bundle).
    files: ['src/client/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^(?!openapi-fetch$|\./)`,
              message: 'src/client/ imports only openapi-fetch and its own files: it must run in a browser, without the server',
            },
          ],
        },
      ],
    },
  },
  {
    // The console runs in a browser: it reaches the server only over HTTP, through the typed client.
    files: ['console/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^(?!preact(/hooks)?$|tenantry/client$|uplot$|uplot/dist/uPlot\.min\.css$|\./|\.\./)`,
              message:
                'console/src/ imports only preact, tenantry/client, uplot (the usage charts) and its own files: it is a browser app, talking to the server over HTTP',
            },
          ],
        },
      ],
    },
  },
  {
    // Build scripts are plain Node modules (.mjs), outside TypeScript's view of Node's globals.
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    // Benchmarks, tests and scripts report on the console.
    files: ['bench/**', 'test/**', 'scripts/**', 'src/cli/**', 'src/server.ts'],
    rules: { 'no-console': 'off' },
  },
);
