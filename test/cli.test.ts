import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import type { TenantryConfig } from '../src/config.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function cli(config: TenantryConfig, ...argv: string[]): Promise<Run> {
  const out = collect();
  const err = collect();
  const code = await runCli(argv, { stdout: out.stream, stderr: err.stream, env: {}, config });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe(`tenantry CLI (${backend})`, () => {
  let env: TestEnv;
  const acme = tenantId('acme');
  const globex = tenantId('globex');

  beforeAll(async () => {
    env = await createTestEnv();
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('creates, lists, shows, suspends, resumes and deletes tenants', async () => {
    const created = await cli(env.config, 'tenant', 'create', acme, '--name', 'Acme Inc', '--tier', 'pro');
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toContain(`created tenant ${acme} (tier pro, schema on main)`);
    expect((await cli(env.config, 'tenant', 'create', globex, '--isolation', 'pooled', '--json')).stdout).toContain(`"id":"${globex}"`);

    const list = await cli(env.config, 'tenant', 'list');
    expect(list.stdout).toMatch(/^ID\s+NAME\s+TIER\s+ISOLATION\s+CLUSTER\s+STATUS\s+CREATED/);
    expect(list.stdout).toContain('Acme Inc');
    const json = JSON.parse((await cli(env.config, 'tenant', 'list', '--json')).stdout) as Array<{ id: string }>;
    expect(json.map((t) => t.id).sort()).toEqual([acme, globex].sort());

    expect(await cli(env.config, 'tenant', 'suspend', acme)).toEqual({ code: 0, stdout: `suspended tenant ${acme}\n`, stderr: '' });
    const shown = JSON.parse((await cli(env.config, 'tenant', 'show', acme, '--json')).stdout) as Record<string, unknown>;
    expect(shown).toMatchObject({ id: acme, status: 'suspended' });
    // --json is the tenant as GET /v1/tenants/{id} shows it: those fields, no more (README, CLI).
    expect(Object.keys(shown).sort()).toEqual(['cluster', 'createdAt', 'id', 'isolation', 'limits', 'name', 'settings', 'status', 'tier', 'updatedAt']);
    expect(Object.keys(json[0]!).sort()).toEqual(Object.keys(shown).sort());
    expect(await cli(env.config, 'tenant', 'resume', acme)).toEqual({ code: 0, stdout: `resumed tenant ${acme}\n`, stderr: '' });
    expect((await cli(env.config, 'tenant', 'show', acme)).stdout).toMatch(/status\s+active/);

    const refused = await cli(env.config, 'tenant', 'delete', globex);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toBe(`error: refusing to delete tenant '${globex}' without --yes\n`);
    const deleted = await cli(env.config, 'tenant', 'delete', globex, '--yes');
    expect(deleted.code, deleted.stderr).toBe(0);
    // Off a terminal: one line per step of the operation, then the outcome.
    expect(deleted.stdout).toBe(
      `[0/4] shutting the tenant out\n[1/4] destroying its data keys\n[2/4] dropping its storage\n[3/4] removing it from the catalog\n[4/4] deleted\ndeleted tenant ${globex}\n`,
    );
    expect((await cli(env.config, 'operations')).stdout).toMatch(new RegExp(`^\\S+\\s+delete\\s+${globex}\\s+succeeded\\s+4/4`, 'm'));
    expect((await cli(env.config, 'tenant', 'show', globex)).stderr).toBe(`error: tenant '${globex}' does not exist\n`);
  });

  it('reports bad input as one line and a non-zero exit, creating nothing', async () => {
    const before = (await cli(env.config, 'tenant', 'list', '--json')).stdout;
    for (const [args, message, code] of [
      [['tenant', 'create', 'No'], /^error: invalid tenant id 'No'/, 1],
      [['tenant', 'create', acme], new RegExp(`^error: tenant '${acme}' already exists`), 1],
      // A value outside an option's fixed choices is a usage error, like commander's own (exit 2).
      [['tenant', 'create', tenantId('x'), '--tier', 'platinum'], /^error: unknown tier 'platinum'/, 2],
      [['tenant', 'create', tenantId('x'), '--isolation', 'mixed'], /^error: unknown isolation 'mixed'/, 2],
      [['tenant', 'create', tenantId('x'), '--cluster', 'mars'], /^error: unknown cluster 'mars'/, 1],
    ] as Array<[string[], RegExp, number]>) {
      const run = await cli(env.config, ...args);
      expect(run.code, args.join(' ')).toBe(code);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await cli(env.config, 'tenant', 'list', '--json')).stdout).toBe(before);
    for (const args of [['tenant', 'frobnicate'], ['migrate', '--concurrency', '0'], ['fronbicate'], ['key', 'create', acme]]) {
      const run = await cli(env.config, ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('prints JSON with --json from every command that prints data, and errors as one JSON line on stderr', async () => {
    const id = tenantId('jsonco');
    const parsed = async (...args: string[]) => {
      const run = await cli(env.config, ...args, '--json');
      expect(run, args.join(' ')).toMatchObject({ code: 0, stderr: expect.not.stringMatching(/error/) });
      return JSON.parse(run.stdout) as Record<string, unknown>;
    };
    expect(await parsed('tenant', 'create', id, '--isolation', 'pooled')).toMatchObject({ id, status: 'active', isolation: 'pooled' });
    expect(await parsed('tenant', 'suspend', id)).toMatchObject({ id, status: 'suspended' });
    expect(await parsed('tenant', 'resume', id)).toMatchObject({ id, status: 'active' });
    expect(await parsed('key', 'create', id, '--role', 'viewer')).toMatchObject({ role: 'viewer', key: expect.stringMatching(/^tnty_/) });
    expect(await parsed('clusters')).toEqual([
      { name: 'main', kind: backend === 'pglite' ? 'pglite' : 'postgres', labels: {}, tenants: { pooled: 1, schema: 1, database: 0 }, total: 2 },
    ]);
    expect(await parsed('migrate', '--dry-run')).toMatchObject({ dryRun: true, total: expect.any(Number), failed: [] });
    expect(await parsed('tenant', 'delete', id, '--yes')).toMatchObject({ kind: 'delete', tenantId: id, status: 'succeeded', progress: { done: 4, total: 4 } });
    const listed = (await parsed('operations', '--tenant', id)) as unknown as Array<{ id: string; kind: string; status: string }>;
    expect(listed).toEqual([expect.objectContaining({ kind: 'delete', status: 'succeeded' })]);
    expect(await parsed('operations', 'show', listed[0]!.id)).toMatchObject({ id: listed[0]!.id, tenantId: id });

    for (const [args, code, exit] of [
      [['tenant', 'show', id], 'tenant_not_found', 1],
      [['tenant', 'create', 'No'], 'invalid_tenant_id', 1],
      [['tenant', 'delete', acme], 'usage', 2],
      [['tenant', 'create', tenantId('x'), '--tier', 'platinum'], 'usage', 2],
      [['tenant', 'list', '--bogus'], 'usage', 2],
      [['operations', 'show', 'nope'], 'usage', 2],
      [['operations', 'show', '0190a1b2-0000-7000-8000-000000000000'], 'not_found', 1],
      [['operations', '--status', 'sleeping'], 'usage', 2],
    ] as Array<[string[], string, number]>) {
      const run = await cli(env.config, ...args, '--json');
      expect(run.code, args.join(' ')).toBe(exit);
      expect(run.stdout, args.join(' ')).toBe('');
      const lines = run.stderr.trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      const { error } = JSON.parse(lines[0]!) as { error: { code: string; message: string } };
      expect(error.code, args.join(' ')).toBe(code);
      expect(error.message.length).toBeGreaterThan(0);
    }
  });

  it('migrate prints one plain line per location off a terminal and a summary', async () => {
    const run = await cli(env.config, 'migrate', '--concurrency', '2');
    expect(run.code).toBe(0);
    expect(run.stdout, run.stderr).toMatch(/^\[1\/2\] main\/(pooled|schema\/t_acme-[0-9a-f]+): up to date \(ETA \d+s\)$/m);
    expect(run.stdout, run.stderr).toMatch(/^\[2\/2\] main\/(pooled|schema\/t_acme-[0-9a-f]+): up to date$/m);
    expect(run.stdout, run.stderr).toMatch(/^2 locations, 0 migrated, 0 failed$/m);
    const dry = await cli(env.config, 'migrate', '--dry-run');
    expect(dry.stdout, dry.stderr).toMatch(/^dry run: 2 locations, 0 with pending migrations, 0 failed$/m);
  });
});
