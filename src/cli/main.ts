#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import { loadConfig, loadDotEnv, type TenantryConfig } from '../config.js';
import { TenantryError } from '../errors.js';
import { ISOLATIONS } from '../storage/placement.js';
import { tenantJson } from '../tenancy/catalog.js';
import type { MigrateReport } from '../tenancy/migrate.js';
import { TIERS } from '../tenancy/tiers.js';
import { Tenantry } from '../tenantry.js';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** Used instead of loadConfig(env) (tests). */
  config?: TenantryConfig;
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

/** Run the CLI; resolves the exit code. Errors are one line on stderr and a non-zero code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const out = (text: string) => io.stdout.write(text);
  let tenantry: Tenantry | undefined;
  const open = async (): Promise<Tenantry> => (tenantry ??= await Tenantry.open({ config: io.config ?? loadConfig(io.env), onError: () => {} }));
  let exitCode = 0;

  const program = new Command('tenantry')
    .description('Multi-tenant SaaS backend: tenant catalog, isolation strategies, migrations')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('serve')
    .description('serve the HTTP API (embedded PGlite unless TENANTRY_DATABASE_URL is set)')
    .action(async () => {
      const { serve } = await import('../server.js');
      await serve(io.config ?? loadConfig(io.env));
      exitCode = -1; // keep running
    });

  program
    .command('worker')
    .description('run workflow steps only (no HTTP); TENANTRY_WORKERS sets how many at once (default 8)')
    .action(async () => {
      const { runWorker } = await import('../worker.js');
      await runWorker(io.config ?? loadConfig(io.env));
      exitCode = -1; // keep running
    });

  program
    .command('migrate')
    .description('apply pending tenant migrations to every location (pool, tenant schemas, tenant databases)')
    .addOption(new Option('--concurrency <n>', 'locations migrated at once').default(4).argParser(positiveInt))
    .option('--dry-run', 'list what would be applied; change nothing', false)
    .action(async (opts: { concurrency: number; dryRun: boolean }) => {
      const t = await open();
      const report = await migrateWithProgress(t, opts, io);
      exitCode = report.failed.length > 0 ? 1 : 0;
    });

  const tenant = program.command('tenant').description('manage tenants');

  tenant
    .command('create <id>')
    .description('provision a tenant')
    .option('--name <name>', 'display name (default: the id)')
    .addOption(new Option('--tier <tier>', `tier: ${TIERS.join(', ')}`).default('free'))
    .addOption(new Option('--isolation <isolation>', `isolation: ${ISOLATIONS.join(', ')} (default: by tier)`))
    .option('--cluster <cluster>', 'cluster to place it on (default: the first configured)')
    .option('--json', 'print JSON', false)
    .action(async (id: string, opts: { name?: string; tier: string; isolation?: string; cluster?: string; json: boolean }) => {
      const t = await open();
      const created = await t.tenants.create({ id, name: opts.name, tier: opts.tier, isolation: opts.isolation, cluster: opts.cluster });
      if (opts.json) out(JSON.stringify(tenantJson(created)) + '\n');
      else out(`created tenant ${created.id} (tier ${created.tier}, ${created.isolation} on ${created.cluster})\n`);
    });

  tenant
    .command('list')
    .description('list tenants')
    .option('--json', 'print JSON', false)
    .action(async (opts: { json: boolean }) => {
      const t = await open();
      const tenants = await t.catalog.list();
      if (opts.json) return void out(JSON.stringify(tenants.map(tenantJson)) + '\n');
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
      if (opts.json) return void out(JSON.stringify(tenantJson(found)) + '\n');
      const rows = Object.entries(tenantJson(found)).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
      out(table(rows));
    });

  for (const [action, done, description] of [
    ['suspend', 'suspended', 'suspend a tenant: its scopes are refused until resumed'],
    ['resume', 'resumed', 'resume a suspended tenant'],
  ] as const) {
    tenant
      .command(`${action} <id>`)
      .description(description)
      .action(async (id: string) => {
        await (await open()).tenants[action](id);
        out(`${done} tenant ${id}\n`);
      });
  }

  tenant
    .command('delete <id>')
    .description('delete a tenant and all of its data (irreversible; needs --yes)')
    .option('--yes', 'confirm the deletion', false)
    .action(async (id: string, opts: { yes: boolean }) => {
      if (!opts.yes) throw new TenantryError('validation_failed', `refusing to delete tenant '${id}' without --yes`);
      await (await open()).tenants.delete(id);
      out(`deleted tenant ${id}\n`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      exitCode = error.exitCode === 0 ? 0 : 2;
    } else {
      io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      exitCode = 1;
    }
  } finally {
    if (exitCode !== -1) await tenantry?.close();
  }
  return exitCode;
}

async function migrateWithProgress(t: Tenantry, opts: { concurrency: number; dryRun: boolean }, io: CliIo): Promise<MigrateReport> {
  const tty = Boolean(io.stdout.isTTY);
  let bar: SingleBar | undefined;
  const report = await t.migrate({
    concurrency: opts.concurrency,
    dryRun: opts.dryRun,
    onProgress: ({ done, total, result }) => {
      if (tty) {
        bar ??= new SingleBar({
          stream: io.stdout,
          format: `${opts.dryRun ? 'checking' : 'migrating'} [{bar}] {value}/{total} locations | {key}`,
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
      io.stdout.write(`[${done}/${total}] ${result.key}: ${what}\n`);
    },
  });
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
