/**
 * The built CLI (`dist/src/cli/main.js`) as a user runs it: a child process with piped stdio, its exit
 * code, what it prints where. `serve` runs on the backend under test (a fresh data directory, or the
 * environment's PostgreSQL database).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiKeys } from '../src/auth/api-keys.js';
import { announceAdminToken, serve } from '../src/server.js';
import { Services } from '../src/services.js';
import { backend, createTestEnv, tenantId, uniq, type TestEnv } from './support/harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/src/cli/main.js');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Child {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves once stdout or stderr contains `text` (rejects if the process exits first). */
  waitFor(stream: 'stdout' | 'stderr', text: string | RegExp): Promise<string>;
}

/** Variables of the developer's shell that would change what the CLI does. */
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(TENANTRY_|PORT$|HOST$)/.test(name)));

/** Every child started, so none outlives the file (a server that does not exit is killed). */
const children = new Set<ChildProcess>();

function run(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Child {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...CLEAN_ENV, TENANTRY_LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const text = { stdout: '', stderr: '' };
  const listeners: Array<() => void> = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream]!.on('data', (chunk: Buffer) => {
      text[stream] += chunk.toString();
      for (const listener of listeners) listener();
    });
  }
  children.add(child);
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    child,
    stdout: () => text.stdout,
    stderr: () => text.stderr,
    exited,
    waitFor(stream, wanted) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = typeof wanted === 'string' ? (text[stream].includes(wanted) ? wanted : null) : wanted.exec(text[stream])?.[0];
          if (match) resolve(match);
        };
        listeners.push(check);
        check();
        void exited.then((code) => reject(new Error(`exited (${code}) before printing ${wanted}:\n${text.stdout}\n${text.stderr}`)));
      });
    },
  };
}

/** The exit code, or 'still running' (and killed) after `ms`. */
async function exitWithin(child: Child, ms: number): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([child.exited, new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), ms)))]);
  clearTimeout(timer);
  if (code === 'still running') child.child.kill('SIGKILL');
  return code;
}

/** Run to the end (at most a minute): exit code, stdout, stderr. */
async function complete(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}) {
  const child = run(args, options);
  const code = await exitWithin(child, 60_000);
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

/** SIGTERM and wait (at most 30 s); a running server shuts down cleanly, with code 0. */
async function stop(child: Child): Promise<number | null | 'still running'> {
  if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGTERM');
  return exitWithin(child, 30_000);
}

/** Hold a TCP port on 127.0.0.1 (a random free one unless given). */
async function occupy(port = 0): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port }, resolve);
  });
  return { port: (server.address() as net.AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function freePort(): Promise<number> {
  const held = await occupy();
  await held.close();
  return held.port;
}

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

  beforeAll(async () => {
    env = await createTestEnv();
    scratch = await fs.mkdtemp(path.join(env.config.dataDir, 'cli-'));
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await env?.cleanup();
  });

  it('prints its version', async () => {
    for (const flag of ['--version', '-V']) {
      expect(await complete([flag])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    }
  });

  it('exits 2 with one line on stderr for usage errors, before touching storage', async () => {
    const dataDir = fresh();
    for (const [args, message] of [
      [['tenant', 'create', 'acme-x', '--tier', 'platinum'], /^error: unknown tier 'platinum'; choose one of free, pro, enterprise$/],
      [['tenant', 'create', 'acme-x', '--isolation', 'mixed'], /^error: unknown isolation 'mixed'; choose one of pooled, schema, database$/],
      [['tenant', 'delete', 'acme-x'], /^error: refusing to delete tenant 'acme-x' without --yes$/],
      [['serve', '--port', '99999'], /^error: option '--port <port>' argument '99999' is invalid/],
      [['worker', '--port', 'http'], /^error: option '--port <port>' argument 'http' is invalid/],
      [['key', 'create', 'acme-x'], /^error: required option '--role <role>' not specified/],
      [['key', 'create', 'acme-x', '--role', 'owner'], /^error: unknown role 'owner'; choose one of admin, member, viewer$/],
      [['servee'], /^error: unknown command 'servee' \(Did you mean serve\?\)/],
      [['tenant', 'list', '--bogus'], /^error: unknown option '--bogus'/],
    ] as Array<[string[], RegExp]>) {
      const result = await complete(args, { env: { TENANTRY_DATA_DIR: dataDir } });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr.trimEnd(), args.join(' ')).toMatch(message);
      expect(result.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
    }
    await expect(fs.access(dataDir)).rejects.toThrow();
  });

  it('refuses a port out of range from the environment with one line and a non-zero exit', async () => {
    for (const name of ['TENANTRY_PORT', 'PORT']) {
      const result = await complete(['serve'], { env: { [name]: '99999', TENANTRY_DATA_DIR: fresh() } });
      expect(result).toEqual({ code: 1, stdout: '', stderr: `error: ${name} must be a port number from 0 to 65535, got '99999'\n` });
    }
  });

  it('exits non-zero with one line when the port is taken, before opening storage', async () => {
    const held = await occupy();
    try {
      const dataDir = fresh();
      const result = await complete(['serve'], { env: { ...storage(dataDir), TENANTRY_PORT: String(held.port) } });
      expect(result).toEqual({ code: 1, stdout: '', stderr: `error: cannot listen on 127.0.0.1:${held.port}: address already in use\n` });
      await expect(fs.access(dataDir)).rejects.toThrow();
      // The same with the address given by flags.
      const flagged = await complete(['serve', '--host', '127.0.0.1', '--port', String(held.port)], { env: storage(dataDir) });
      expect(flagged).toEqual(result);
    } finally {
      await held.close();
    }
  });

  it('exits when the port is taken while storage opens, closing what it opened', async () => {
    // The port is free when serve starts and taken while the embedded database opens (seconds), so
    // the failure comes from listening itself, with storage, pools and child processes open. Embedded
    // on both backends' runs: a server opens too fast to take the port in between.
    const port = await freePort();
    const dataDir = fresh();
    const server = run(['serve'], { env: { TENANTRY_DATA_DIR: dataDir, TENANTRY_PORT: String(port) } });
    let held: Awaited<ReturnType<typeof occupy>> | undefined;
    try {
      await server.waitFor('stderr', 'generated the platform admin token');
      held = await occupy(port);
      expect(await exitWithin(server, 60_000), server.stderr()).toBe(1);
      expect(server.stderr().trimEnd().split('\n').at(-1)).toBe(`error: cannot listen on 127.0.0.1:${port}: address already in use`);
      expect(server.stdout()).toBe('');
    } finally {
      await held?.close();
    }
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
    const dataDir = fresh();
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

  it('shows the token itself only on a terminal', () => {
    const written: string[] = [];
    const fake = (isTTY: boolean) => ({ isTTY, write: (s: string) => written.push(s) }) as unknown as NodeJS.WritableStream & { isTTY?: boolean };
    announceAdminToken('the-token-value-itself-0123456789', '/data/admin-token', fake(true));
    expect(written.join('')).toContain('the-token-value-itself-0123456789');
    expect(written.join('')).toContain('/data/admin-token');
    written.length = 0;
    announceAdminToken('the-token-value-itself-0123456789', '/data/admin-token', fake(false));
    expect(written.join('')).toBe('tenantry: generated the platform admin token into /data/admin-token (mode 0600)\n');
  });

  it('reads PORT and .env from the current directory, without overriding what is set', async () => {
    const port = await freePort();
    const dataDir = fresh();
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
