import { defineConfig } from 'vitest/config';
import LongestFirst from './test/support/sequencer.js';

// The same suite runs on embedded PGlite always, and on a PostgreSQL server when
// TENANTRY_TEST_DATABASE_URL names one. CI sets TENANTRY_TEST_REQUIRE_POSTGRES=1 so that half can
// never be skipped silently there.
const pgUrl = process.env.TENANTRY_TEST_DATABASE_URL;
if (!pgUrl) {
  if (process.env.TENANTRY_TEST_REQUIRE_POSTGRES) {
    throw new Error('TENANTRY_TEST_REQUIRE_POSTGRES is set but TENANTRY_TEST_DATABASE_URL is not');
  }
  console.warn('\n*** PostgreSQL half SKIPPED: set TENANTRY_TEST_DATABASE_URL=postgres://… to run the suite on a server too ***\n');
} else if (process.env.TENANTRY_TEST_REQUIRE_POSTGRES && !process.env.TENANTRY_TEST_DATABASE_URL_2) {
  // The multi-cluster tests place tenants on a second server (bash .ci/pg-start second) in CI.
  throw new Error('TENANTRY_TEST_REQUIRE_POSTGRES is set but TENANTRY_TEST_DATABASE_URL_2 (a second server) is not');
}

const backends = pgUrl ? ['pglite', 'postgres'] : ['pglite'];

// Files named `*.redis.test.ts` need a Redis server (TENANTRY_TEST_REDIS_URL; `bash .ci/redis-start`
// starts one and prints it). CI sets TENANTRY_TEST_REQUIRE_REDIS=1 so they can never be skipped there.
const redisUrl = process.env.TENANTRY_TEST_REDIS_URL;
if (!redisUrl) {
  if (process.env.TENANTRY_TEST_REQUIRE_REDIS) throw new Error('TENANTRY_TEST_REQUIRE_REDIS is set but TENANTRY_TEST_REDIS_URL is not');
  console.warn('\n*** Redis tests SKIPPED: set TENANTRY_TEST_REDIS_URL=redis://… (bash .ci/redis-start prints one) to run them ***\n');
}
const withoutRedis = redisUrl ? [] : ['test/**/*.redis.test.ts'];

// Files in which the backend plays no part (no database, or only the manifests, the CLI's usage and the
// image replay): they run once, in the PostgreSQL project when there is one, else in the PGlite one.
const backendIndependent = [
  'test/cli-usage.test.ts',
  'test/config.test.ts',
  // The console in a browser: it checks the console's flows over HTTP, whose behaviour on each backend
  // the API's own tests cover (one browser, one server: once is enough, and CI's time is short).
  'test/console.test.ts',
  'test/deploy.test.ts',
  'test/egress.test.ts',
  'test/migrations-frozen.test.ts',
  'test/ml-math.test.ts',
  // PGlite's template data directory and start parameters: PGlite whatever the backend.
  'test/pglite-template.test.ts',
  'test/rate-limit.test.ts',
  'test/shutdown.test.ts',
];
const onceIn = backends.at(-1);

export default defineConfig({
  test: {
    // Each file opens PGlite instances of several hundred MB; two at a time suits a 2-core machine.
    pool: 'forks',
    // One fresh PGlite data directory for the whole run, unpacked by every embedded cluster instead of initdb.
    globalSetup: ['test/support/global-setup.ts'],
    maxWorkers: 2,
    // A worker process runs file after file of its project, keeping the modules it has imported: each
    // fresh process spent seconds importing the source tree again (import time 33 s -> 13 s on eight
    // small files). Files share nothing else: each makes its own environment (harness.ts) and closes
    // it, and vitest restores mocks between files.
    isolate: false,
    // Each project's longest files first, one project after the other (test/support/sequencer.ts).
    sequence: { sequencer: LongestFirst },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // CI also writes a JSON report, from which .ci/run prints a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-report.json' }]] : ['default'],
    // `*.alone.test.ts` measure latency under load (a model training while /healthz is timed): they run
    // after everything else, one backend at a time, so other test files do not share the two cores.
    projects: [
      ...backends.map((name) => ({
        extends: true as const,
        test: {
          name,
          env: { TENANTRY_TEST_BACKEND: name },
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.alone.test.ts', ...withoutRedis, ...(name === onceIn ? [] : backendIndependent)],
          sequence: { groupOrder: 0 },
        },
      })),
      ...backends.map((name, i) => ({
        extends: true as const,
        test: {
          name: `${name}-alone`,
          env: { TENANTRY_TEST_BACKEND: name },
          include: ['test/**/*.alone.test.ts'],
          maxWorkers: 1,
          sequence: { groupOrder: 1 + i },
        },
      })),
    ],
  },
});
