/**
 * The built CLI as a user runs it, where the backend plays no part: its version, usage errors and
 * refusals that come before storage is opened, the embedded start that loses its port, and how a
 * generated admin token is announced. One run of the suite (vitest.config.ts BACKEND_INDEPENDENT);
 * test/cli-process.test.ts has what runs on each backend.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceAdminToken } from '../src/server.js';
import { children, complete, exitWithin, freePort, occupy, run, VERSION } from './support/cli.js';
import { seedPgliteTemplate, uniq } from './support/harness.js';
import { scratchRoot } from './support/scratch.js';

describe('the tenantry command: usage, version and refusals before storage', () => {
  let scratch: string;
  const fresh = () => path.join(scratch, `data-${uniq()}`);

  beforeAll(async () => {
    scratch = await fs.mkdtemp(path.join(scratchRoot, 'tenantry-cli-'));
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await fs.rm(scratch, { recursive: true, force: true });
  });

  it('prints its version', async () => {
    for (const flag of ['--version', '-V']) {
      expect(await complete([flag])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    }
  });

  it("describes the worker's --port as its health and metrics port, serve's as the API's", async () => {
    const worker = await complete(['worker', '--help']);
    expect(worker.code).toBe(0);
    // The option's own line (and its wrapped continuation), not the command's description.
    const option = (help: string) => help.slice(help.indexOf('\n  --port'), help.indexOf('\n  --host')).replace(/\s+/g, ' ');
    expect(option(worker.stdout)).toContain('TENANTRY_WORKER_PORT; default 3001');
    expect(option(worker.stdout)).not.toContain('3000');
    const serve = await complete(['serve', '--help']);
    expect(option(serve.stdout)).toContain('TENANTRY_PORT, PORT; default 3000');
  });

  it('exits 2 with one line on stderr for usage errors, before touching storage', async () => {
    const dataDir = fresh();
    for (const [args, message] of [
      [['tenant', 'create', 'acme-x', '--tier', 'platinum'], /^error: unknown tier 'platinum'; choose one of free, pro, enterprise$/],
      [['tenant', 'create', 'acme-x', '--isolation', 'mixed'], /^error: unknown isolation 'mixed'; choose one of pooled, schema, database$/],
      [['tenant', 'delete', 'acme-x'], /^error: refusing to delete tenant 'acme-x' without --yes$/],
      [['serve', '--port', '99999'], /^error: option '--port <port>' argument '99999' is invalid/],
      [['serve', '--load-shedding', 'maybe'], /^error: unknown load-shedding mode 'maybe'; choose one of auto, on, off$/],
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
      const result = await complete(['serve'], { env: { TENANTRY_DATA_DIR: dataDir, TENANTRY_PORT: String(held.port) } });
      expect(result).toEqual({ code: 1, stdout: '', stderr: `error: cannot listen on 127.0.0.1:${held.port}: address already in use\n` });
      await expect(fs.access(dataDir)).rejects.toThrow();
      // The same with the address given by flags.
      const flagged = await complete(['serve', '--host', '127.0.0.1', '--port', String(held.port)], { env: { TENANTRY_DATA_DIR: dataDir } });
      expect(flagged).toEqual(result);
    } finally {
      await held.close();
    }
  });

  it('exits when the port is taken while storage opens, closing what it opened', async () => {
    // The port is free when serve starts and taken while the embedded database opens (seconds), so
    // the failure comes from listening itself, with storage, pools and child processes open. Embedded:
    // a server opens too fast to take the port in between.
    // The run's PGlite template in the data directory spares the start an initdb (tens of seconds on a
    // busy machine): opening the database and migrating the catalog still take seconds.
    const port = await freePort();
    const dataDir = fresh();
    await seedPgliteTemplate(dataDir);
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
