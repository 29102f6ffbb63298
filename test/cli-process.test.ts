/**
 * The built CLI (`dist/src/cli/main.js`) as a user runs it: a child process with piped stdio, its exit
 * code, what it prints where. `serve` runs on the backend under test (a fresh data directory, or the
 * environment's PostgreSQL database).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiKeys } from '../src/auth/api-keys.js';
import { serve } from '../src/server.js';
import { Services } from '../src/services.js';
import { children, complete, freePort, occupy, run, stop } from './support/cli.js';
import { backend, createTestEnv, seedPgliteTemplate, tenantId, uniq, type TestEnv } from './support/harness.js';

describe(`the tenantry command, as a process (${backend})`, () => {
  let env: TestEnv;
  let scratch: string;
  /** The environment for a child on this backend: its own data directory, and the test database on PostgreSQL. */
  const storage = (dataDir: string): Record<string, string> => ({
    TENANTRY_DATA_DIR: dataDir,
    // The environment's master key: the processes open the same catalog as the test.
    TENANTRY_MASTER_KEY: env.config.masterKey!,
    ...(env.config.clusters[0]!.url && { TENANTRY_DATABASE_URL: env.config.clusters[0]!.url }),
  });
  const fresh = () => path.join(scratch, `data-${uniq()}`);
  /** A fresh data directory holding the run's PGlite template, so an embedded start skips initdb. */
  const seeded = async (): Promise<string> => {
    const dataDir = fresh();
    await seedPgliteTemplate(dataDir);
    return dataDir;
  };

  beforeAll(async () => {
    env = await createTestEnv();
    scratch = await fs.mkdtemp(path.join(env.config.dataDir, 'cli-'));
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await env?.cleanup();
  });

  it('closes storage when it cannot listen (in process)', async () => {
    // Services.open takes the port only once storage is open: past the early check, as if another
    // process had taken it in the meantime.
    const held: Array<{ close: () => Promise<void> }> = [];
    const port = await freePort();
    const open = Services.open.bind(Services);
    const opened: Services[] = [];
    const spy = vi.spyOn(Services, 'open').mockImplementation(async (options) => {
      const services = await open(options);
      opened.push(services);
      held.push(await occupy(port));
      return services;
    });
    try {
      const config = { ...env.config, port, adminToken: 'a-test-admin-token-of-some-length' };
      await expect(serve(config)).rejects.toThrow(`cannot listen on 127.0.0.1:${port}: address already in use`);
      expect(opened).toHaveLength(1);
      // Closed: its pools are ended (and embedded, the data directory is free for this process again).
      await expect(opened[0]!.tenantry.catalog.list()).rejects.toThrow();
      await expect((await env.open()).catalog.list()).resolves.toBeInstanceOf(Array);
    } finally {
      spy.mockRestore();
      for (const h of held) await h.close();
    }
  });

  it('keeps stdout for JSON log lines: a generated admin token is only named on stderr', async () => {
    const dataDir = await seeded();
    const server = run(['serve'], { env: { ...storage(dataDir), TENANTRY_PORT: '0' } });
    try {
      await server.waitFor('stdout', 'tenantry serving');
      const file = path.join(dataDir, 'admin-token');
      const token = (await fs.readFile(file, 'utf8')).trim();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(((await fs.stat(file)).mode & 0o777).toString(8)).toBe('600');
      const lines = server.stdout().trimEnd().split('\n');
      for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
      expect(server.stdout()).not.toContain(token);
      // stderr is not a terminal here: the file, not the value.
      expect(server.stderr()).toBe(`tenantry: generated the platform admin token into ${file} (mode 0600)\n`);
      // It works as the admin token.
      const url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.stdout())![1]!;
      const response = await fetch(`${url}/v1/tenants`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
    } finally {
      expect(await stop(server)).toBe(0);
    }
    // The next start finds the file and says nothing about it.
    const again = run(['serve'], { env: { ...storage(dataDir), TENANTRY_PORT: '0' } });
    try {
      await again.waitFor('stdout', 'tenantry serving');
      expect(again.stderr()).toBe('');
    } finally {
      expect(await stop(again)).toBe(0);
    }
  });

  it('reads PORT and .env from the current directory, without overriding what is set', async () => {
    const port = await freePort();
    const dataDir = await seeded();
    const cwd = await fs.mkdtemp(path.join(scratch, 'cwd-'));
    // TENANTRY_DATA_DIR is set in the environment as well: the environment wins.
    await fs.writeFile(path.join(cwd, '.env'), `# local settings\nPORT=${port}\nTENANTRY_DATA_DIR=./not-this-one\nTENANTRY_LOG_LEVEL=info\n`);
    const server = run(['serve'], { cwd, env: storage(dataDir) });
    try {
      await server.waitFor('stdout', 'tenantry serving');
      expect(server.stdout()).toContain(`Server listening at http://127.0.0.1:${port}`);
      await fs.access(path.join(dataDir, 'admin-token'));
      await expect(fs.access(path.join(cwd, 'not-this-one'))).rejects.toThrow();
    } finally {
      expect(await stop(server)).toBe(0);
    }
    // Flags win over both: another port, and the data directory of the first start (its admin token is
    // found, so nothing is generated), not the one the environment names.
    const elsewhere = fresh();
    const flagged = run(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
      cwd,
      env: { ...storage(elsewhere), TENANTRY_PORT: String(port), TENANTRY_HOST: '::1' },
    });
    try {
      const listening = await flagged.waitFor('stdout', /Server listening at http:\/\/127\.0\.0\.1:\d+/);
      expect(Number(listening.split(':').at(-1))).not.toBe(port);
      await flagged.waitFor('stdout', 'tenantry serving');
      expect(flagged.stderr()).toBe('');
      await expect(fs.access(elsewhere)).rejects.toThrow();
    } finally {
      expect(await stop(flagged)).toBe(0);
    }
  });

  it('creates a tenant API key offline, printed once, that authenticates as the tenant', async () => {
    const acme = tenantId('acme');
    const t = await env.open();
    await t.tenants.create({ id: acme, tier: 'free' });
    await t.close();
    const plain = await complete(['key', 'create', acme, '--role', 'member', '--name', 'ci'], { env: storage(env.config.dataDir) });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toBe('');
    const [line, key, ...rest] = plain.stdout.split('\n');
    expect(line).toMatch(new RegExp(`^created API key [a-z0-9]{16} \\(role member\\) for tenant ${acme}; it is shown only this once:$`));
    expect(key).toMatch(/^tnty_[a-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
    expect(rest).toEqual(['']);
    const json = await complete(['key', 'create', acme, '--role', 'viewer', '--json'], { env: storage(env.config.dataDir) });
    expect(json.code, json.stderr).toBe(0);
    const created = JSON.parse(json.stdout) as { id: string; name: string; role: string; createdAt: string; key: string };
    expect(created).toMatchObject({ name: 'cli', role: 'viewer' });
    expect(Object.keys(created).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'key', 'lastUsedAt', 'name', 'replacedBy', 'role']);

    const missing = await complete(['key', 'create', tenantId('nobody'), '--role', 'admin'], { env: storage(env.config.dataDir) });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: tenant 'nobody-[0-9a-f]+' does not exist\n$/);

    const reopened = await env.open();
    const keys = new ApiKeys(reopened.catalog);
    expect(await keys.verify(key!)).toMatchObject({ tenantId: acme, role: 'member' });
    expect(await keys.verify(created.key)).toMatchObject({ tenantId: acme, role: 'viewer' });
    expect((await keys.list(acme, { limit: 10 })).map((k) => k.name).sort()).toEqual(['ci', 'cli']);
  });
});
