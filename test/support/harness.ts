/**
 * Test harness: every suite runs on the backend named by TENANTRY_TEST_BACKEND (vitest.config.ts runs
 * the whole suite once per backend). Each file gets its own PGlite data directory, or its own database
 * on the PostgreSQL server, and tenant ids unique to the run so files can share one server.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { defaultConfig, type TenantryConfig } from '../../src/config.js';
import { templateDir } from '../../src/storage/backends/pglite.js';
import { withDatabase } from '../../src/storage/backends/postgres.js';
import { routerOf } from '../../src/storage/internals.js';
import type { Migration } from '../../src/storage/migrations/tenant-migrations.js';
import { Tenantry, type OpenOptions } from '../../src/tenantry.js';
import { scratchRoot, TEST_PGLITE_SHARED_BUFFERS_MB } from './scratch.js';

export type TestBackend = 'pglite' | 'postgres';

export const backend: TestBackend = process.env.TENANTRY_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';

export function serverUrl(): string {
  const url = process.env.TENANTRY_TEST_DATABASE_URL;
  if (!url) throw new Error('TENANTRY_TEST_DATABASE_URL is not set but the postgres backend was asked for');
  return url;
}

/** A second PostgreSQL server (TENANTRY_TEST_DATABASE_URL_2, `bash .ci/pg-start second`), if there is one. */
function secondServerUrl(): string | undefined {
  return process.env.TENANTRY_TEST_DATABASE_URL_2 || undefined;
}

/**
 * Whether cluster `cell2` of an environment with extra clusters is on another server than `main`:
 * always embedded (each PGlite cluster is its own), on PostgreSQL when a second server is given.
 * Schema and database tenants can move only between servers (their roles are per server).
 */
export const cell2OnAnotherServer = backend === 'pglite' || secondServerUrl() !== undefined;

/** A short random suffix: tenant ids, database names and roles of one test file never collide. */
export function uniq(): string {
  return randomBytes(4).toString('hex');
}

/** A valid tenant id unique to this run, e.g. `pooled-a-1f2e3d4c`. */
export function tenantId(label: string): string {
  return `${label}-${uniq()}`;
}

/**
 * Place the run's PGlite template (test/support/global-setup.ts) where embedded clusters under `dataDir`
 * look for one, so neither they nor their tenant databases run initdb. A symbolic link: it is only
 * copied from, never opened (and removing the data directory removes the link, not the template).
 */
export async function seedPgliteTemplate(dataDir: string): Promise<void> {
  const root = path.join(dataDir, 'clusters');
  await fs.mkdir(root, { recursive: true });
  await fs.symlink(inject('pgliteTemplate'), templateDir(root), 'dir');
}

export interface TestEnv {
  config: TenantryConfig;
  /**
   * Open Tenantry on this environment's storage, closing the instance opened before (one embedded
   * data directory must never be open twice). `config` changes settings for this opening only.
   */
  open(options?: { migrations?: readonly Migration[]; appMigrations?: OpenOptions['appMigrations']; config?: Partial<TenantryConfig> }): Promise<Tenantry>;
  /** Drop everything this environment created. */
  cleanup(): Promise<void>;
}

async function adminClient(url = serverUrl()): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * A fresh environment. `extraClusters` adds clusters `cell2`, `cell3`, …: embedded, each is another
 * PGlite cluster; on PostgreSQL each is another database, `cell2` on the second server when there is
 * one (cell2OnAnotherServer), the others on the test server, standing in for other servers.
 */
export async function createTestEnv(overrides: Partial<TenantryConfig> = {}, extraClusters = 0): Promise<TestEnv> {
  const dataDir = await fs.mkdtemp(path.join(scratchRoot, 'tenantry-test-'));
  await seedPgliteTemplate(dataDir);
  // The shipped defaults (src/config.ts), bounded for a 2-core machine running two files at once, with
  // no in-process worker, no catalog cache (tests change the catalog and read it back) and no logs.
  // A master key of its own (none generated into the data directory, nothing said on stderr).
  const base = defaultConfig({
    dataDir,
    maxOpenDatabases: 2,
    poolSize: 8,
    catalogCacheMs: 0,
    port: 0,
    logLevel: 'silent',
    workers: 0,
    masterKey: randomBytes(32).toString('base64'),
    pgliteSharedBuffersMb: TEST_PGLITE_SHARED_BUFFERS_MB,
  });
  const names = ['main', ...Array.from({ length: extraClusters }, (_, i) => `cell${i + 2}`)];
  const databases: Array<{ server: string; database: string }> = [];
  let config: TenantryConfig;
  if (backend === 'postgres') {
    for (const [i] of names.entries()) {
      const server = (i === 1 && secondServerUrl()) || serverUrl();
      const database = `tenantry_test_${uniq()}`;
      const client = await adminClient(server);
      try {
        await client.query(`CREATE DATABASE "${database}"`);
      } finally {
        await client.end();
      }
      databases.push({ server, database });
    }
    config = { ...base, clusters: names.map((name, i) => ({ name, url: withDatabase(databases[i]!.server, databases[i]!.database) })), ...overrides };
  } else {
    config = { ...base, clusters: names.map((name) => ({ name })), ...overrides };
  }
  let current: Tenantry | undefined;
  return {
    config,
    async open(options = {}) {
      await current?.close();
      current = undefined;
      current = await Tenantry.open({
        config: { ...config, ...options.config },
        migrations: options.migrations,
        appMigrations: options.appMigrations,
        onError: () => {},
      });
      return current;
    },
    async cleanup() {
      if (backend === 'pglite') {
        // Everything an embedded environment made is under its data directory.
        await current?.close().catch(() => {});
        await fs.rm(dataDir, { recursive: true, force: true });
        return;
      }
      // Tenant databases and roles (server-wide on PostgreSQL) go with the tenants this file created.
      const t = current ?? (await Tenantry.open({ config, onError: () => {} }).catch(() => undefined));
      // The deployment's own application role is server-wide too (named after the control database, so
      // each environment has one); it goes once the databases holding its grants are gone.
      const appRole = t && routerOf(t).names.deployment !== '' ? routerOf(t).names.appRole : undefined;
      if (t) {
        // Several at a time: a database tenant's DROP DATABASE waits for a checkpoint of the whole
        // server (PostgreSQL 15 asks for one), and drops waiting together share the next one.
        const tenants = await t.catalog.list().catch(() => []);
        for (let i = 0; i < tenants.length; i += 8) {
          await Promise.all(tenants.slice(i, i + 8).map((tenant) => t.tenants.delete(tenant.id).catch(() => {})));
        }
        await t.close().catch(() => {});
      }
      for (const server of new Set(databases.map((d) => d.server))) {
        const client = await adminClient(server);
        try {
          for (const d of databases) if (d.server === server) await client.query(`DROP DATABASE IF EXISTS "${d.database}" WITH (FORCE)`);
          // Refused while another environment configured with the same deployment name holds grants
          // to it: that one's cleanup drops it.
          if (appRole) await client.query(`DROP ROLE IF EXISTS "${appRole}"`).catch(() => {});
        } finally {
          await client.end();
        }
      }
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
