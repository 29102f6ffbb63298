import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadDotEnv, loadSheddingOn } from '../src/config.js';
import { ValidationError } from '../src/errors.js';

describe('configuration from the environment', () => {
  it('defaults to one embedded cluster in ./.tenantry', () => {
    const config = loadConfig({});
    expect(config.clusters).toEqual([{ name: 'main' }]);
    expect(config.dataDir).toMatch(/\.tenantry$/);
    expect(config).toMatchObject({ maxOpenDatabases: 4, poolSize: 10, port: 3000, host: '127.0.0.1' });
  });

  it('reads the main server and extra clusters', () => {
    const config = loadConfig({
      TENANTRY_DATABASE_URL: 'postgres://u:p@db1/app',
      TENANTRY_CLUSTERS: 'cell2=postgres://u:p@db2/app,cell3=postgresql://u:p@db3/app',
      TENANTRY_MAX_OPEN_DATABASES: '7',
    });
    expect(config.clusters.map((c) => c.name)).toEqual(['main', 'cell2', 'cell3']);
    expect(config.maxOpenDatabases).toBe(7);
    // Embedded instances keep PGlite's shared_buffers unless told.
    expect(config.pgliteSharedBuffersMb).toBeUndefined();
    expect(loadConfig({ TENANTRY_PGLITE_SHARED_BUFFERS_MB: '32' }).pgliteSharedBuffersMb).toBe(32);
    expect(() => loadConfig({ TENANTRY_PGLITE_SHARED_BUFFERS_MB: '0' })).toThrow(/TENANTRY_PGLITE_SHARED_BUFFERS_MB must be an integer >= 1/);
    // Without a server for main, main stays embedded and keeps the catalog.
    expect(loadConfig({ TENANTRY_CLUSTERS: 'cell2=embedded' }).clusters).toEqual([{ name: 'main' }, { name: 'cell2' }]);
  });

  it('reads cluster labels and the connection budget', () => {
    const config = loadConfig({
      TENANTRY_DATABASE_URL: 'postgres://u:p@db1/app',
      TENANTRY_CLUSTERS: 'us1=postgres://u:p@db2/app',
      TENANTRY_CLUSTER_LABELS: 'main:region=eu, us1:region=us;disk=ssd',
      TENANTRY_MAX_CONNECTIONS: '120',
    });
    expect(config.clusters.map((c) => [c.name, c.labels])).toEqual([
      ['main', { region: 'eu' }],
      ['us1', { region: 'us', disk: 'ssd' }],
    ]);
    expect(config.maxConnections).toBe(120);
    expect(loadConfig({}).maxConnections).toBe(50);
    expect(() => loadConfig({ TENANTRY_CLUSTER_LABELS: 'us1:region=us' })).toThrow(ValidationError);
    expect(() => loadConfig({ TENANTRY_MAX_CONNECTIONS: '2' })).toThrow(/TENANTRY_MAX_CONNECTIONS must be an integer >= 4/);
  });

  it('reads the workflow worker settings', () => {
    expect(loadConfig({})).toMatchObject({ workers: 8, workerLeaseMs: 30_000, workerPollMs: 50, egressAllow: [] });
    const config = loadConfig({ TENANTRY_WORKERS: '0', TENANTRY_WORKER_LEASE_MS: '5000', TENANTRY_EGRESS_ALLOW: ' Hooks.Internal ,10.0.0.5,, ' });
    expect(config).toMatchObject({ workers: 0, workerLeaseMs: 5000, egressAllow: ['hooks.internal', '10.0.0.5'] });
    expect(() => loadConfig({ TENANTRY_WORKERS: '-1' })).toThrow(/TENANTRY_WORKERS must be an integer >= 0/);
    expect(() => loadConfig({ TENANTRY_WORKER_LEASE_MS: '10' })).toThrow(/TENANTRY_WORKER_LEASE_MS must be an integer >= 1000/);
  });

  it('reads the load-shedding settings: auto is on with PostgreSQL only', () => {
    expect(loadConfig({})).toMatchObject({ loadShedding: 'auto', shedEventLoopDelayMs: 200, shedDbWaiting: 50, shedSampleMs: 500 });
    expect(loadSheddingOn(loadConfig({}))).toBe(false);
    expect(loadSheddingOn(loadConfig({ TENANTRY_DATABASE_URL: 'postgres://u:p@db1/app' }))).toBe(true);
    expect(loadSheddingOn(loadConfig({ TENANTRY_DATABASE_URL: 'postgres://u:p@db1/app', TENANTRY_CLUSTERS: 'cell2=embedded' }))).toBe(false);
    expect(loadSheddingOn(loadConfig({ TENANTRY_LOAD_SHEDDING: 'on' }))).toBe(true);
    expect(loadSheddingOn(loadConfig({ TENANTRY_DATABASE_URL: 'postgres://u:p@db1/app', TENANTRY_LOAD_SHEDDING: 'off' }))).toBe(false);
    const tuned = loadConfig({ TENANTRY_SHED_EVENT_LOOP_DELAY_MS: '80', TENANTRY_SHED_DB_WAITING: '20', TENANTRY_SHED_SAMPLE_MS: '250' });
    expect(tuned).toMatchObject({ shedEventLoopDelayMs: 80, shedDbWaiting: 20, shedSampleMs: 250 });
    expect(() => loadConfig({ TENANTRY_LOAD_SHEDDING: 'yes' })).toThrow(/TENANTRY_LOAD_SHEDDING must be one of auto, on, off/);
    // A log level pino does not know is refused naming the variable (pino's own error named neither).
    expect(() => loadConfig({ TENANTRY_LOG_LEVEL: 'verbose' })).toThrow(
      /TENANTRY_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got 'verbose'/,
    );
    expect(loadConfig({ TENANTRY_LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(() => loadConfig({ TENANTRY_SHED_EVENT_LOOP_DELAY_MS: '0' })).toThrow(/TENANTRY_SHED_EVENT_LOOP_DELAY_MS must be an integer >= 1/);
  });

  it('requires TENANTRY_ADMIN_TOKEN to be at least 16 characters, without echoing it', () => {
    const minimal = 'just-sixteen-chr';
    expect(minimal).toHaveLength(16);
    expect(loadConfig({ TENANTRY_ADMIN_TOKEN: minimal }).adminToken).toBe(minimal);
    for (const token of ['hunter2', 'q', '15-characters!!']) {
      let error: Error | undefined;
      try {
        loadConfig({ TENANTRY_ADMIN_TOKEN: token });
      } catch (e) {
        error = e as Error;
      }
      expect(error, token).toBeInstanceOf(ValidationError);
      expect(error?.message).toMatch(/TENANTRY_ADMIN_TOKEN must be at least 16 characters/);
      expect(error?.message).not.toContain(token);
    }
    // Unset (or empty): generated into the data directory, 43 characters.
    expect(loadConfig({ TENANTRY_ADMIN_TOKEN: '' }).adminToken).toBeUndefined();
  });

  it('rejects malformed values with the variable named and no secret echoed', () => {
    expect(() => loadConfig({ TENANTRY_MAX_OPEN_DATABASES: '0' })).toThrow(/TENANTRY_MAX_OPEN_DATABASES must be an integer >= 1/);
    expect(() => loadConfig({ TENANTRY_PORT: 'http' })).toThrow(ValidationError);
    expect(() => loadConfig({ TENANTRY_CLUSTERS: 'Bad Name=postgres://x/y' })).toThrow(/cluster name 'Bad Name'/);
    expect(() => loadConfig({ TENANTRY_CLUSTERS: 'c2=mysql://x/y' })).toThrow(/needs a postgres:\/\/ URL or 'embedded'/);
    expect(() => loadConfig({ TENANTRY_CLUSTERS: 'c2=postgres://a/b,c2=postgres://c/d' })).toThrow(/named twice/);
    const error = (() => {
      try {
        loadConfig({ TENANTRY_CLUSTERS: 'postgres://user:s3cret@host/db' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).not.toContain('s3cret');
  });

  it('reads which proxies to trust about client addresses, refusing what is not one', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TENANTRY_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TENANTRY_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TENANTRY_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(() => loadConfig({ TENANTRY_TRUST_PROXY: 'my-lb' })).toThrow(/TENANTRY_TRUST_PROXY: 'my-lb' is not an address/);
  });

  it('listens where PORT and HOST say when TENANTRY_PORT and TENANTRY_HOST are unset (PaaS convention)', () => {
    expect(loadConfig({ PORT: '8080', HOST: '0.0.0.0' })).toMatchObject({ port: 8080, host: '0.0.0.0' });
    expect(loadConfig({ PORT: '8080', TENANTRY_PORT: '9090', HOST: '0.0.0.0', TENANTRY_HOST: '::1' })).toMatchObject({ port: 9090, host: '::1' });
    expect(loadConfig({ PORT: '', HOST: '' })).toMatchObject({ port: 3000, host: '127.0.0.1' });
    expect(loadConfig({ TENANTRY_PORT: '0' }).port).toBe(0);
    expect(loadConfig({ TENANTRY_PORT: '65535' }).port).toBe(65535);
    expect(() => loadConfig({ TENANTRY_PORT: '99999' })).toThrow("TENANTRY_PORT must be a port number from 0 to 65535, got '99999'");
    expect(() => loadConfig({ PORT: '99999' })).toThrow("PORT must be a port number from 0 to 65535, got '99999'");
    expect(() => loadConfig({ PORT: '-1' })).toThrow(ValidationError);
    expect(() => loadConfig({ PORT: '80.5' })).toThrow(ValidationError);
    // TENANTRY_PORT set: a PORT meant for something else is not looked at.
    expect(loadConfig({ TENANTRY_PORT: '4000', PORT: 'junk' }).port).toBe(4000);
  });

  it('loads .env into the environment without overriding variables already set', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tenantry-dotenv-'));
    const set = 'TENANTRY_TEST_DOTENV_SET';
    const unset = 'TENANTRY_TEST_DOTENV_UNSET';
    try {
      process.env[set] = 'from the environment';
      delete process.env[unset];
      await fs.writeFile(path.join(dir, '.env'), `# comment\n${set}=from the file\n${unset}="from the file"\n`);
      expect(loadDotEnv(path.join(dir, '.env'))).toBe(true);
      expect(process.env[set]).toBe('from the environment');
      expect(process.env[unset]).toBe('from the file');
      expect(loadDotEnv(path.join(dir, 'missing.env'))).toBe(false);
      expect(() => loadDotEnv(dir)).toThrow(/^cannot load /);
    } finally {
      delete process.env[set];
      delete process.env[unset];
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
