/**
 * The built CLI (`dist/src/cli/main.js`) as a child process with piped stdio: its exit code and what it
 * prints where (test/cli-process.test.ts, test/cli-usage.test.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_PGLITE_SHARED_BUFFERS_MB } from './scratch.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist/src/cli/main.js');
export const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface Child {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves once stdout or stderr contains `text` (rejects if the process exits first). */
  waitFor(stream: 'stdout' | 'stderr', text: string | RegExp): Promise<string>;
}

/** Variables of the developer's shell that would change what the CLI does. */
export const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(TENANTRY_|PORT$|HOST$)/.test(name)));

/** Every child started, so none outlives the file (a server that does not exit is killed). */
export const children = new Set<ChildProcess>();

export function run(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Child {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    // Embedded instances as small as the harness's (scratch.ts TEST_PGLITE_SHARED_BUFFERS_MB).
    env: { ...CLEAN_ENV, TENANTRY_LOG_LEVEL: 'info', TENANTRY_PGLITE_SHARED_BUFFERS_MB: String(TEST_PGLITE_SHARED_BUFFERS_MB), ...options.env },
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
export async function exitWithin(child: Child, ms: number): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([child.exited, new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), ms)))]);
  clearTimeout(timer);
  if (code === 'still running') child.child.kill('SIGKILL');
  return code;
}

/** Run to the end (at most a minute): exit code, stdout, stderr. */
export async function complete(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}) {
  const child = run(args, options);
  const code = await exitWithin(child, 60_000);
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

/** SIGTERM and wait (at most 30 s); a running server shuts down cleanly, with code 0. */
export async function stop(child: Child): Promise<number | null | 'still running'> {
  if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGTERM');
  return exitWithin(child, 30_000);
}

/** Hold a TCP port on 127.0.0.1 (a random free one unless given). */
export async function occupy(port = 0): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port }, resolve);
  });
  return { port: (server.address() as net.AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function freePort(): Promise<number> {
  const held = await occupy();
  await held.close();
  return held.port;
}
