/**
 * `tenantry doctor` through the CLI (runCli, as cli.test.ts) on the backend under test: one line per
 * check, exit 1 when one fails, --json; pending catalog and tenant migrations; an unreachable cluster;
 * the master key; Redis — a real redis-server started here, with a password.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { masterKey, redis as pingRedis, type DoctorReport } from '../src/cli/doctor.js';
import type { TenantryConfig } from '../src/config.js';
import { TENANT_MIGRATIONS } from '../src/storage/migrations/tenant-migrations.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

async function doctor(config: TenantryConfig | undefined, env: NodeJS.ProcessEnv = {}, ...flags: string[]) {
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  const stdout = new PassThrough().on('data', (c: Buffer) => chunks.out.push(c));
  const stderr = new PassThrough().on('data', (c: Buffer) => chunks.err.push(c));
  const code = await runCli(['doctor', ...flags], { stdout, stderr, env, config });
  return { code, stdout: Buffer.concat(chunks.out).toString(), stderr: Buffer.concat(chunks.err).toString() };
}

async function report(config: TenantryConfig | undefined, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; checks: Record<string, string> }> {
  const { code, stdout } = await doctor(config, env, '--json');
  const parsed = JSON.parse(stdout) as DoctorReport;
  expect(parsed.ok).toBe(code === 0);
  return { code, checks: Object.fromEntries(parsed.checks.map((c) => [c.name, `${c.status}: ${c.message}`])) };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe(`tenantry doctor (${backend})`, () => {
  let env: TestEnv;
  let redis: ChildProcess | undefined;

  beforeAll(async () => {
    env = await createTestEnv();
  });

  afterAll(async () => {
    redis?.kill('SIGKILL');
    await env?.cleanup();
  });

  it('on a database no process has started on: the catalog pending (a warning), tenant migrations not checked', async () => {
    const { code, checks } = await report(env.config);
    expect(code).toBe(0);
    expect(checks.config).toMatch(/^ok: 1 cluster: main \((postgres|embedded)\)$/);
    // Embedded: nothing created by looking (no initdb, no data directory left behind).
    if (backend === 'pglite') expect(checks['database main']).toMatch(/^ok: embedded PGlite, no data yet in .* \(the first start creates it\)$/);
    else expect(checks['database main']).toMatch(/^ok: PostgreSQL \d+/);
    expect(checks.catalog).toMatch(/^warn: \d+ migration\(s\) pending/);
    expect(checks['tenant migrations']).toBe('skip: the catalog is not current');
    if (backend === 'postgres') {
      expect(checks['clock main']).toMatch(/^ok: database clock [+-]\d+ ms/);
      expect(checks['roles main']).toMatch(/^ok: /);
      expect(checks['connections main']).toMatch(/^ok: \d+ of max_connections \d+ in use$/);
    }
  });

  it('prints one line per check and exits 1 when a tenant location is behind, 0 once migrated', async () => {
    // A schema tenant provisioned by a release one migration older than this one.
    const older = await env.open({ migrations: TENANT_MIGRATIONS.slice(0, -1) });
    const id = tenantId('doc');
    await older.tenants.create({ id, isolation: 'schema' });
    await older.close();

    const behind = await doctor(env.config);
    expect(behind.code).toBe(1);
    const lines = behind.stdout.trimEnd().split('\n');
    expect(lines.every((l) => /^(ok|warn|fail|skip) {2}/.test(l))).toBe(true);
    // The schema tenant's location, and the pool, which only pooled provisioning or `migrate` keeps current.
    expect(lines.find((l) => l.includes('tenant migrations'))).toMatch(/^fail +tenant migrations +2 of 2 locations behind \(.*\): run `tenantry migrate`$/);
    expect(lines.find((l) => l.includes('catalog'))).toMatch(/^ok +catalog +up to date$/);

    const migrated = await runCli(['migrate'], { stdout: new PassThrough(), stderr: new PassThrough(), env: {}, config: env.config });
    expect(migrated).toBe(0);
    const { code, checks } = await report(env.config);
    expect(code).toBe(0);
    expect(checks['tenant migrations']).toMatch(/^ok: \d+ locations up to date$/);
    expect(checks['clock main']).toMatch(/^ok: database clock [+-]\d+ ms from this host's \(round trip \d+ ms\)$/);
  });

  it('fails on a cluster it cannot reach and on configuration it cannot read, still checking the rest', async () => {
    const config = { ...env.config, clusters: [...env.config.clusters, { name: 'cell9', url: `postgres://nobody:x@127.0.0.1:${await freePort()}/none` }] };
    const { code, checks } = await report(config);
    expect(code).toBe(1);
    expect(checks['database cell9']).toMatch(/^fail: .*ECONNREFUSED|^fail: connect/);
    expect(checks['database main']).toMatch(/^ok: /);
    expect(checks['tenant migrations']).toBe('skip: a cluster is unreachable');

    const dataDir = path.join(env.config.dataDir, 'bad-config');
    const bad = await report(undefined, { TENANTRY_DATA_DIR: dataDir, TENANTRY_POOL_SIZE: 'many' });
    expect(bad.code).toBe(1);
    expect(bad.checks.config).toBe("fail: TENANTRY_POOL_SIZE must be an integer >= 1, got 'many'");
    await expect(fs.access(dataDir)).rejects.toThrow();
  });

  it('checks the master key: 32 bytes of base64, inline or from a file, not both', async () => {
    const key = randomBytes(32).toString('base64');
    const file = path.join(env.config.dataDir, 'master-key.b64');
    await fs.writeFile(file, `${key}\n`);
    const cases: Array<[NodeJS.ProcessEnv, RegExp]> = [
      [{}, backend === 'postgres' ? /^warn: TENANTRY_MASTER_KEY unset: .*replicas would each have their own/ : /^ok: TENANTRY_MASTER_KEY unset/],
      [{ TENANTRY_MASTER_KEY: key }, /^ok: TENANTRY_MASTER_KEY: 32 bytes$/],
      [{ TENANTRY_MASTER_KEY_FILE: file }, /^ok: TENANTRY_MASTER_KEY_FILE: 32 bytes$/],
      [{ TENANTRY_MASTER_KEY: randomBytes(16).toString('base64') }, /^fail: TENANTRY_MASTER_KEY is not 32 bytes in base64 \(16 bytes\)/],
      [{ TENANTRY_MASTER_KEY: 'not base64!' }, /^fail: TENANTRY_MASTER_KEY is not 32 bytes in base64: /],
      [{ TENANTRY_MASTER_KEY: key, TENANTRY_MASTER_KEY_FILE: file }, /^fail: TENANTRY_MASTER_KEY and TENANTRY_MASTER_KEY_FILE are both set/],
      [{ TENANTRY_MASTER_KEY_FILE: `${file}.missing` }, /^fail: TENANTRY_MASTER_KEY_FILE: cannot read .*ENOENT$/],
    ];
    const onServer = backend === 'postgres';
    for (const [vars, expected] of cases) {
      const check = await masterKey(vars, onServer);
      expect(`${check.status}: ${check.message}`, JSON.stringify(vars)).toMatch(expected);
    }
    // Through the CLI: a failing key fails the run.
    const { code, checks } = await report(env.config, cases[3]![0]);
    expect(checks['master key']).toMatch(cases[3]![1]);
    expect(code).toBe(1);
  });

  it('PINGs Redis with its password, and fails on a wrong password or nobody listening', async () => {
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', 'doctor-pass'], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) =>
        net
          .connect(port, '127.0.0.1')
          .once('connect', function (this: net.Socket) {
            this.destroy();
            resolve(true);
          })
          .once('error', () => resolve(false)),
      );
      if (up) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const check = async (url: string | undefined) => {
      const result = await pingRedis(url);
      return `${result.status}: ${result.message}`;
    };
    const cli = await report(env.config, { TENANTRY_REDIS_URL: `redis://:doctor-pass@127.0.0.1:${port}/0` });
    expect(cli.checks.redis).toMatch(new RegExp(`^ok: PONG from 127.0.0.1:${port} in \\d+ ms$`));
    expect(await check(`redis://default:doctor-pass@127.0.0.1:${port}`)).toMatch(/^ok: PONG/);
    expect(await check(`redis://:wrong@127.0.0.1:${port}`)).toMatch(/^fail: 127.0.0.1:\d+ answered (WRONGPASS|ERR)/);
    expect(await check(`redis://127.0.0.1:${port}`)).toMatch(/^fail: 127.0.0.1:\d+ answered NOAUTH/);
    expect(await check(`redis://127.0.0.1:${await freePort()}`)).toMatch(/^fail: 127.0.0.1:\d+: ECONNREFUSED$/);
    expect(await check('http://127.0.0.1:6379')).toMatch(/^fail: TENANTRY_REDIS_URL is not a Redis URL/);
    expect(await check(undefined)).toBe('skip: TENANTRY_REDIS_URL unset: rate limits are counted per process');
  });
});
