/**
 * The built CLI (`dist/src/cli/main.js`) as a user runs it: a child process with piped stdio, its exit
 * code, what it prints where. `serve` runs on the backend under test (a fresh data directory, or the
 * environment's PostgreSQL database).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceAdminToken } from '../src/server.js';
import { backend, createTestEnv, uniq, type TestEnv } from './support/harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/src/cli/main.js');

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

/** SIGTERM and wait (at most 30 s); a running server shuts down cleanly, with code 0. */
async function stop(child: Child): Promise<number | null | 'still running'> {
  if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGTERM');
  return exitWithin(child, 30_000);
}

describe(`the tenantry command, as a process (${backend})`, () => {
  let env: TestEnv;
  let scratch: string;
  /** The environment for a child on this backend: its own data directory, and the test database on PostgreSQL. */
  const storage = (dataDir: string): Record<string, string> => ({
    TENANTRY_DATA_DIR: dataDir,
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
});
