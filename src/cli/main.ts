#!/usr/bin/env node
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import { ApiKeys, ROLES } from '../auth/api-keys.js';
import { TenantryError } from '../errors.js';
import { LOAD_SHEDDING_MODES, loadConfig, loadDotEnv, parsePort, type LoadSheddingMode, type TenantryConfig } from '../config.js';
import { ISOLATIONS } from '../storage/placement.js';
import { tenantJson } from '../tenancy/catalog.js';
import { OPERATION_STATUSES, operationJson, type Operation, type OperationStatus } from '../tenancy/operations.js';
import type { MigrateReport } from '../tenancy/migrate.js';
import { TIERS } from '../tenancy/tiers.js';
import type { Tenantry } from '../tenantry.js';
import { addExportCommands } from './export-commands.js';
import { addAuditCommands } from './audit-commands.js';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  /** What `tenant import` reads without --input (process.stdin when not given). */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Used instead of loadConfig(env) (tests). */
  config?: TenantryConfig;
}

/** A usage error (exit code 2), as commander's own are: the command line asked for something it cannot. */
class UsageError extends Error {}

/** The package's version, from its package.json (above dist/src/cli when built, src/cli when not). */
export function packageVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'tenantry' && pkg.version) return pkg.version;
    } catch {
      // none here: look further up
    }
    const up = path.dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
}

/** An option value from a fixed list; anything else is a usage error naming the choices. */
function oneOf(what: string, choices: readonly string[]): (value: string) => string {
  return (value) => {
    if (!choices.includes(value)) throw new UsageError(`unknown ${what} '${value}'; choose one of ${choices.join(', ')}`);
    return value;
  };
}

function port(value: string): number {
  try {
    return parsePort(value, '--port');
  } catch {
    throw new InvalidArgumentError('Not a port number (0 to 65535).');
  }
}

/** `--port`, `--host`, `--data-dir` of serve and worker: the same as their environment variables, which they override. */
interface ListenFlags {
  port?: number;
  host?: string;
  dataDir?: string;
  /** serve's --load-shedding (TENANTRY_LOAD_SHEDDING). */
  loadShedding?: LoadSheddingMode;
}

/** `portHelp`: what --port is for this command (the worker's is its health and metrics port, not the API's). */
function addListenFlags(command: Command, portHelp = 'port to listen on (TENANTRY_PORT, PORT; default 3000)'): Command {
  return command
    .addOption(new Option('--port <port>', portHelp).argParser(port))
    .option('--host <host>', 'address to listen on (TENANTRY_HOST, HOST; default 127.0.0.1)')
    .option('--data-dir <dir>', 'embedded data and generated secrets (TENANTRY_DATA_DIR; default ./.tenantry)');
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return (
    rows
      .map((r) =>
        r
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

/**
 * Run the CLI; resolves the exit code. Errors are one line on stderr and a non-zero code; with
 * `--json` anywhere on the line, that line is a JSON object `{"error": {code, message, status?}}`
 * (stdout then carries only the command's JSON data).
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const out = (text: string) => io.stdout.write(text);
  const json = argv.includes('--json');
  const printJson = (value: unknown) => out(JSON.stringify(value) + '\n');
  const fail = (code: string, message: string, status?: number) =>
    io.stderr.write(json ? JSON.stringify({ error: { code, message, ...(status !== undefined && { status }) } }) + '\n' : `error: ${message}\n`);
  let tenantry: Tenantry | undefined;
  // Storage (and everything it imports, about a second of a start) is loaded by the commands that open
  // it, as serve and worker load theirs: --version, --help and usage errors answer without it.
  const open = async (): Promise<Tenantry> =>
    (tenantry ??= await (await import('../tenantry.js')).Tenantry.open({ config: io.config ?? loadConfig(io.env), onError: () => {} }));
  // Flags win over the environment: they replace its variables before the configuration is read (so a
  // bad TENANTRY_PORT does not matter when --port is given), or the given configuration's fields.
  const configWith = (flags: ListenFlags): TenantryConfig => {
    if (io.config) {
      return {
        ...io.config,
        ...(flags.port !== undefined && { port: flags.port }),
        ...(flags.host !== undefined && { host: flags.host }),
        ...(flags.dataDir !== undefined && { dataDir: path.resolve(flags.dataDir) }),
        ...(flags.loadShedding !== undefined && { loadShedding: flags.loadShedding }),
      };
    }
    return loadConfig({
      ...io.env,
      ...(flags.port !== undefined && { TENANTRY_PORT: String(flags.port) }),
      ...(flags.host !== undefined && { TENANTRY_HOST: flags.host }),
      ...(flags.dataDir !== undefined && { TENANTRY_DATA_DIR: flags.dataDir }),
      ...(flags.loadShedding !== undefined && { TENANTRY_LOAD_SHEDDING: flags.loadShedding }),
    });
  };
  let exitCode = 0;

  const program = new Command('tenantry')
    .description('Multi-tenant SaaS backend: tenant catalog, isolation strategies, migrations')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // Usage errors are one line (commander puts suggestions on a line of their own).
      outputError: (s, write) => {
        const line = s.trim().replace(/\s*\n\s*/g, ' ');
        write(json ? JSON.stringify({ error: { code: 'usage', message: line.replace(/^error: /, '') } }) + '\n' : `${line} (run with --help for usage)\n`);
      },
    });

  addListenFlags(program.command('serve'))
    .description('serve the HTTP API (embedded PGlite unless TENANTRY_DATABASE_URL is set)')
    .addOption(
      new Option(
        '--load-shedding <mode>',
        `shed the lowest plans' non-critical requests under overload: ${LOAD_SHEDDING_MODES.join(', ')} (TENANTRY_LOAD_SHEDDING; default auto: on with PostgreSQL, off with embedded PGlite)`,
      ).argParser(oneOf('load-shedding mode', LOAD_SHEDDING_MODES)),
    )
    .action(async (flags: ListenFlags) => {
      const { serve } = await import('../server.js');
      await serve(configWith(flags));
      exitCode = -1; // keep running
    });

  addListenFlags(program.command('worker'), 'health and metrics port (TENANTRY_WORKER_PORT; default 3001)')
    .description(
      'run workflow steps only, with /healthz, /readyz and /metrics on --port (TENANTRY_WORKER_PORT; default 3001); TENANTRY_WORKERS sets how many steps at once (default 8)',
    )
    .action(async (flags: ListenFlags) => {
      const { runWorker } = await import('../worker.js');
      // The worker's --port is its health and metrics port, not the API's.
      const { port: workerPort, ...rest } = flags;
      const config = configWith(rest);
      await runWorker(workerPort === undefined ? config : { ...config, workerPort });
      exitCode = -1; // keep running
    });

  program
    .command('migrate')
    .description('apply pending tenant migrations to every location (pool, tenant schemas, tenant databases)')
    .addOption(new Option('--concurrency <n>', 'locations migrated at once').default(4).argParser(positiveInt))
    .option('--dry-run', 'list what would be applied; change nothing', false)
    .option('--json', 'print the report as JSON (progress as JSON lines on stderr)', false)
    .action(async (opts: { concurrency: number; dryRun: boolean; json: boolean }) => {
      const t = await open();
      const report = await migrateWithProgress(t, opts, io);
      if (opts.json) printJson(migrateReportJson(report));
      exitCode = report.failed.length > 0 ? 1 : 0;
    });

  program
    .command('doctor')
    .description(
      'check the deployment: configuration, each database (reachable, roles, connections, clock), pending migrations, master key, shared secrets, Redis; exits 1 if a check fails',
    )
    .option('--json', 'print the report as JSON: {ok, checks: [{name, status, message}]}', false)
    .action(async (opts: { json: boolean }) => {
      const { doctorText, runDoctor } = await import('./doctor.js');
      const report = await runDoctor(io.env, io.config);
      if (opts.json) printJson(report);
      else out(doctorText(report));
      exitCode = report.ok ? 0 : 1;
    });

  const tenant = program.command('tenant').description('manage tenants');

  tenant
    .command('create <id>')
    .description('provision a tenant')
    .option('--name <name>', 'display name (default: the id)')
    .addOption(new Option('--tier <tier>', `tier: ${TIERS.join(', ')}`).default('free').argParser(oneOf('tier', TIERS)))
    .addOption(new Option('--isolation <isolation>', `isolation: ${ISOLATIONS.join(', ')} (default: by tier)`).argParser(oneOf('isolation', ISOLATIONS)))
    .option('--cluster <cluster>', 'cluster to place it on (default: the one with the fewest tenants of its strategy)')
    .option('--region <region>', 'keep it on clusters labelled region=<region> (TENANTRY_CLUSTER_LABELS); sets settings.region')
    .option('--json', 'print JSON', false)
    .action(async (id: string, opts: { name?: string; tier: string; isolation?: string; cluster?: string; region?: string; json: boolean }) => {
      const t = await open();
      const created = await t.tenants.create({
        id,
        name: opts.name,
        tier: opts.tier,
        isolation: opts.isolation,
        cluster: opts.cluster,
        ...(opts.region !== undefined && { settings: { region: opts.region } }),
      });
      if (opts.json) printJson(tenantJson(created));
      else out(`created tenant ${created.id} (tier ${created.tier}, ${created.isolation} on ${created.cluster})\n`);
    });

  tenant
    .command('list')
    .description('list tenants')
    .option('--json', 'print JSON', false)
    .action(async (opts: { json: boolean }) => {
      const t = await open();
      const tenants = await t.catalog.list();
      if (opts.json) return void printJson(tenants.map(tenantJson));
      if (tenants.length === 0) return void out('no tenants\n');
      out(
        table([
          ['ID', 'NAME', 'TIER', 'ISOLATION', 'CLUSTER', 'STATUS', 'CREATED'],
          ...tenants.map((x) => [x.id, x.name, x.tier, x.isolation, x.cluster, x.status, x.createdAt.toISOString()]),
        ]),
      );
    });

  tenant
    .command('show <id>')
    .description('show one tenant')
    .option('--json', 'print JSON', false)
    .action(async (id: string, opts: { json: boolean }) => {
      const found = await (await open()).tenants.get(id);
      if (opts.json) return void printJson(tenantJson(found));
      // The text view also shows the catalog's generation and placement epoch (for operators); --json is the API's shape.
      const shown = { ...tenantJson(found), generation: found.generation, placementEpoch: found.placementEpoch };
      const rows = Object.entries(shown).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
      out(table(rows));
    });

  for (const [action, done, description] of [
    ['suspend', 'suspended', 'suspend a tenant: its scopes are refused until resumed'],
    ['resume', 'resumed', 'resume a suspended tenant'],
  ] as const) {
    tenant
      .command(`${action} <id>`)
      .description(description)
      .option('--json', 'print the tenant as JSON', false)
      .action(async (id: string, opts: { json: boolean }) => {
        const t = await open();
        await t.tenants[action](id);
        if (opts.json) return void printJson(tenantJson(await t.tenants.get(id)));
        out(`${done} tenant ${id}\n`);
      });
  }

  tenant
    .command('delete <id>')
    .description('delete a tenant and all of its data, as an operation (irreversible; needs --yes)')
    .option('--yes', 'confirm the deletion', false)
    .option('--json', 'print the finished operation as JSON', false)
    .action(async (id: string, opts: { yes: boolean; json: boolean }) => {
      if (!opts.yes) throw new UsageError(`refusing to delete tenant '${id}' without --yes`);
      const t = await open();
      const { operation } = await t.tenants.requestDelete(id);
      // Run here (or follow the process that runs it, e.g. a server on the same database).
      const finished = await followOperation(t, operation, opts.json, io);
      if (opts.json) printJson(operationJson(finished));
      if (finished.status === 'failed')
        throw new Error(`deleting tenant ${id} failed: ${finished.error} (operation ${finished.id}; run the command again to resume)`);
      if (!opts.json) out(`deleted tenant ${id}\n`);
    });

  program
    .command('clusters')
    .description('list the configured clusters, their labels and how many tenants of each strategy each holds')
    .option('--json', 'print JSON', false)
    .action(async (opts: { json: boolean }) => {
      const rows = await (await open()).tenants.clusters();
      if (opts.json) return void printJson(rows);
      out(
        table([
          ['NAME', 'KIND', 'LABELS', 'POOLED', 'SCHEMA', 'DATABASE', 'TOTAL'],
          ...rows.map((r) => [
            r.name,
            r.kind,
            Object.entries(r.labels)
              .map(([k, v]) => `${k}=${v}`)
              .join(',') || '-',
            String(r.tenants.pooled),
            String(r.tenants.schema),
            String(r.tenants.database),
            String(r.total),
          ]),
        ]),
      );
    });

  tenant
    .command('move <id>')
    .description('move a tenant online to another strategy and/or cluster, as an operation (as POST /v1/tenants/{id}/move)')
    .addOption(new Option('--isolation <isolation>', `where to: ${ISOLATIONS.join(', ')}`).argParser(oneOf('isolation', ISOLATIONS)))
    .option('--cluster <cluster>', 'which cluster (default: where it is)')
    .option('--json', 'print the finished operation as JSON', false)
    .action(async (id: string, opts: { isolation?: string; cluster?: string; json: boolean }) => {
      if (!opts.isolation && !opts.cluster) throw new UsageError('say where to: --isolation and/or --cluster');
      const t = await open();
      const { operation } = await t.tenants.requestMove(id, { isolation: opts.isolation, cluster: opts.cluster });
      const finished = await followOperation(t, operation, opts.json, io);
      if (opts.json) printJson(operationJson(finished));
      if (finished.status === 'failed')
        throw new Error(
          `moving tenant ${id} failed: ${finished.error} (operation ${finished.id}); the tenant is where it was unless the operation says it switched`,
        );
      if (!opts.json) {
        const now = await t.tenants.get(id);
        out(`moved tenant ${id} to ${now.isolation} on ${now.cluster}\n`);
      }
    });
  addExportCommands(tenant, { open, stdout: io.stdout, stderr: io.stderr, stdin: io.stdin ?? process.stdin, usage: (m) => new UsageError(m) });

  addAuditCommands(program, { open, stdout: io.stdout, exitCode: (code) => (exitCode = code), usage: (m) => new UsageError(m) });

  const operations = program.command('operations').description('long-running control-plane work: deletions, …');
  operations
    .command('list', { isDefault: true })
    .description('list operations, newest first')
    .option('--tenant <id>', "only this tenant's")
    .addOption(new Option('--status <status>', `only in this status: ${OPERATION_STATUSES.join(', ')}`).argParser(oneOf('status', OPERATION_STATUSES)))
    .addOption(new Option('--limit <n>', 'at most this many').default(50).argParser(positiveInt))
    .option('--json', 'print JSON', false)
    .action(async (opts: { tenant?: string; status?: OperationStatus; limit: number; json: boolean }) => {
      const t = await open();
      const list = await t.operations.list({ tenantId: opts.tenant, status: opts.status && [opts.status], limit: opts.limit });
      if (opts.json) return void printJson(list.map(operationJson));
      if (list.length === 0) return void out('no operations\n');
      out(
        table([
          ['ID', 'KIND', 'TENANT', 'STATUS', 'PROGRESS', 'STEP', 'CREATED'],
          ...list.map((o) => [o.id, o.kind, o.tenantId ?? '-', o.status, progressText(o), o.error ?? o.step ?? '', o.createdAt.toISOString()]),
        ]),
      );
    });
  operations
    .command('show <id>')
    .description('show one operation')
    .option('--json', 'print JSON', false)
    .action(async (id: string, opts: { json: boolean }) => {
      if (!UUID.test(id)) throw new UsageError(`'${id}' is not an operation id (a UUID)`);
      const op = await (await open()).operations.get(id);
      if (!op) throw new TenantryError('not_found', `operation '${id}' does not exist`);
      if (opts.json) return void printJson(operationJson(op));
      out(table(Object.entries(operationJson(op)).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])));
    });

  const keys = program.command('keys').description("tenants' data keys (encrypted fields) and the master key wrapping them");
  keys
    .command('rotate <tenant>')
    .description('add a new data key version for a tenant and re-encrypt its records under it, as an operation; older versions are destroyed at the end')
    .option('--json', 'print the finished operation as JSON', false)
    .action(async (id: string, opts: { json: boolean }) => {
      const t = await open();
      const { operation, version } = await t.keyRotation.request(id);
      const finished = await followOperation(t, operation, opts.json, io);
      if (opts.json) printJson(operationJson(finished));
      if (finished.status === 'failed')
        throw new Error(`rotating the keys of tenant ${id} failed: ${finished.error} (operation ${finished.id}; run the command again to resume)`);
      if (!opts.json) out(`tenant ${id} encrypts under data key version ${version}; every record re-encrypted, older versions destroyed\n`);
    });
  keys
    .command('rotate-master')
    .description('re-wrap every tenant data key under the master key in TENANTRY_MASTER_KEY(_FILE); the old one must be in TENANTRY_MASTER_KEY_PREVIOUS(_FILE)')
    .option('--json', 'print {rewrapped, total, masterKeyId} as JSON', false)
    .action(async (opts: { json: boolean }) => {
      const t = await open();
      const result = await t.keys.rewrapAll((done, total) => {
        if (!opts.json) io.stderr.write(`\rre-wrapped ${done}/${total}`);
      });
      if (!opts.json && result.total > 0) io.stderr.write('\n');
      if (opts.json) return void printJson({ ...result, masterKeyId: t.keys.masterKeyId });
      out(
        `re-wrapped ${result.rewrapped} of ${result.total} tenant data keys under master key ${t.keys.masterKeyId}; TENANTRY_MASTER_KEY_PREVIOUS can now be removed\n`,
      );
    });
  keys
    .command('list <tenant>')
    .description("a tenant's data key versions (never the keys) and the master key wrapping each")
    .option('--json', 'print JSON', false)
    .action(async (id: string, opts: { json: boolean }) => {
      const t = await open();
      const versions = await t.keys.versions(await t.tenants.get(id));
      if (opts.json) return void printJson(versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })));
      out(table([['VERSION', 'MASTER KEY', 'CREATED'], ...versions.map((v) => [String(v.version), v.masterKeyId, v.createdAt.toISOString()])]));
    });

  program
    .command('key')
    .description("manage tenants' API keys")
    .command('create <tenant>')
    .description('create an API key for a tenant, as POST /v1/tenants/{id}/api-keys does (the key is printed once)')
    .addOption(new Option('--role <role>', `role: ${ROLES.join(', ')}`).makeOptionMandatory().argParser(oneOf('role', ROLES)))
    .option('--name <name>', 'name of the key', 'cli')
    .option('--json', 'print JSON: {id, name, role, createdAt, expiresAt, lastUsedAt, replacedBy, key}', false)
    .action(async (id: string, opts: { role: string; name: string; json: boolean }) => {
      const t = await open();
      // The control plane's own path: the tenant (with its generation), then ApiKeys.create.
      const created = await new ApiKeys(t.catalog).create(await t.tenants.get(id), opts.name, opts.role);
      if (opts.json) return void printJson(created);
      out(`created API key ${created.id} (role ${created.role}) for tenant ${id}; it is shown only this once:\n${created.key}\n`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      exitCode = error.exitCode === 0 ? 0 : 2;
    } else if (error instanceof UsageError) {
      fail('usage', error.message);
      exitCode = 2;
    } else if (error instanceof TenantryError) {
      fail(error.code, error.message, error.status);
      exitCode = 1;
    } else {
      fail('internal', error instanceof Error ? error.message : String(error));
      exitCode = 1;
    }
  } finally {
    if (exitCode !== -1) await tenantry?.close();
  }
  return exitCode;
}

/** The migration report as --json prints it. */
function migrateReportJson(report: MigrateReport) {
  return {
    dryRun: report.dryRun,
    total: report.total,
    results: report.results,
    failed: report.failed,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function progressText(op: Operation): string {
  return op.progress.total === null ? `${op.progress.done}` : `${op.progress.done}/${op.progress.total}`;
}

/**
 * Run an operation in this process — or follow the process that runs it — to its end: a progress bar
 * on a terminal, one line per step otherwise, JSON lines on stderr under --json.
 */
async function followOperation(t: Tenantry, operation: Operation, json: boolean, io: CliIo): Promise<Operation> {
  const tty = Boolean(io.stdout.isTTY) && !json;
  let bar: SingleBar | undefined;
  let lastStep: string | null = null;
  const finished = await t.operations.wait(operation.id, (op) => {
    if (json) {
      io.stderr.write(JSON.stringify({ progress: { operation: op.id, status: op.status, step: op.step, ...op.progress } }) + '\n');
      return;
    }
    if (tty && op.progress.total !== null) {
      bar ??= new SingleBar({ stream: io.stdout, format: `${op.kind} ${op.tenantId ?? ''} [{bar}] {value}/{total} | {step}`, hideCursor: true });
      if (!bar.isActive) bar.start(op.progress.total, 0, { step: '' });
      bar.update(op.progress.done, { step: op.step ?? '' });
      if (op.status === 'succeeded' || op.status === 'failed') bar.stop();
      return;
    }
    if (!tty && op.step !== null && op.step !== lastStep) io.stdout.write(`[${progressText(op)}] ${op.step}\n`);
    lastStep = op.step;
  });
  bar?.stop();
  return finished;
}

async function migrateWithProgress(t: Tenantry, opts: { concurrency: number; dryRun: boolean; json: boolean }, io: CliIo): Promise<MigrateReport> {
  const tty = Boolean(io.stdout.isTTY) && !opts.json;
  let bar: SingleBar | undefined;
  const started = Date.now();
  /** Time left at the pace so far, e.g. `12s`, `3m05s`. */
  const eta = (done: number, total: number) => {
    const seconds = Math.round((((Date.now() - started) / done) * (total - done)) / 1000);
    return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
  };
  const report = await t.migrate({
    concurrency: opts.concurrency,
    dryRun: opts.dryRun,
    onProgress: ({ done, total, result }) => {
      if (opts.json) {
        io.stderr.write(
          JSON.stringify({ progress: { done, total, key: result.key, versions: result.versions, ...(result.error && { error: result.error }) } }) + '\n',
        );
        return;
      }
      if (tty) {
        bar ??= new SingleBar({
          stream: io.stdout,
          format: `${opts.dryRun ? 'checking' : 'migrating'} [{bar}] {value}/{total} locations | ETA {eta_formatted} | {key}`,
          etaBuffer: 50,
          hideCursor: true,
        });
        if (done === 1) bar.start(total, 0, { key: '' });
        bar.update(done, { key: result.key });
        if (done === total) bar.stop();
        return;
      }
      const what = result.error
        ? `FAILED: ${result.error}`
        : result.versions.length === 0
          ? 'up to date'
          : `${opts.dryRun ? 'would apply' : 'applied'} ${result.versions.join(', ')}`;
      io.stdout.write(`[${done}/${total}] ${result.key}: ${what}${done < total ? ` (ETA ${eta(done, total)})` : ''}\n`);
    },
  });
  if (opts.json) return report;
  const changed = report.results.filter((r) => !r.error && r.versions.length > 0).length;
  io.stdout.write(
    `${report.dryRun ? 'dry run: ' : ''}${report.total} locations, ${changed} ${report.dryRun ? 'with pending migrations' : 'migrated'}, ${report.failed.length} failed\n`,
  );
  for (const f of report.failed) {
    io.stderr.write(`failed: ${f.key}${f.tenants.length ? ` (tenants: ${f.tenants.join(', ')})` : ''}: ${f.error}\n`);
  }
  return report;
}

function isMain(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  // Local development: variables from ./.env, never over those already set.
  try {
    loadDotEnv();
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
  if (code !== -1) process.exitCode = code;
}
