import type { Command } from 'commander';
import type { Verification } from '../audit/chain.js';
import type { Tenantry } from '../tenantry.js';
import { METRICS } from '../usage/meter.js';
import type { UsageReport } from '../usage/usage.js';

export interface AuditCommandsContext {
  /** The Tenantry the command line opened (closed by the caller). */
  open: () => Promise<Tenantry>;
  stdout: NodeJS.WritableStream;
  /** Exit with this code once the command is done (a broken chain: 1). */
  exitCode: (code: number) => void;
  usage: (message: string) => Error;
}

/** `tenantry audit verify [<tenant>]` and `tenantry usage`. */
export function addAuditCommands(program: Command, ctx: AuditCommandsContext): void {
  const out = (text: string) => ctx.stdout.write(text);

  program
    .command('audit')
    .description('audit trails: hash chains of every write')
    .command('verify [tenant]')
    .description(
      "recompute a tenant's audit chain (or, without a tenant, the platform's) and name the first entry altered, removed or reordered; exit 1 if one is",
    )
    .option('--json', 'print JSON: {ok, entries, head, firstBroken}', false)
    .action(async (id: string | undefined, opts: { json: boolean }) => {
      const t = await ctx.open();
      let result: Verification;
      if (id === undefined) result = await t.platformAudit.verify();
      else {
        const tenant = await t.tenants.get(id);
        result = await t.audit.verify({ id: tenant.id, generation: tenant.generation });
      }
      const chain = id === undefined ? 'the platform audit chain' : `tenant ${id}'s audit chain`;
      if (opts.json) out(JSON.stringify(result) + '\n');
      else if (result.ok) out(`${chain} is intact: ${result.entries} entries\n`);
      else out(`${chain} is BROKEN at entry ${result.firstBroken!.seq}: ${result.firstBroken!.reason} (${result.entries} entries before it verified)\n`);
      if (!result.ok) ctx.exitCode(1);
    });

  program
    .command('usage')
    .description(
      "metered usage in a month: API requests, model trainings, workflow step-seconds, database seconds, CPU seconds (every tenant's, or one's with what it holds now)",
    )
    .option('--tenant <id>', 'one tenant')
    .option('--month <YYYY-MM>', 'the month (UTC); default this month')
    .option('--csv', 'print CSV: tenant,hour,metric,n', false)
    .option('--json', 'print JSON', false)
    .action(async (opts: { tenant?: string; month?: string; csv: boolean; json: boolean }) => {
      if (opts.csv && opts.json) throw ctx.usage('choose one of --csv and --json');
      const t = await ctx.open();
      const services = (await import('../services.js')).Services.over(t);
      let report: UsageReport;
      try {
        const tenant = opts.tenant === undefined ? undefined : await t.tenants.get(opts.tenant);
        report = await services.usage.report(tenant && { id: tenant.id, generation: tenant.generation }, opts.month);
      } finally {
        await services.close();
      }
      if (opts.json) return void out(JSON.stringify(report) + '\n');
      if (opts.csv) {
        out('tenant,hour,metric,n\n');
        for (const h of report.hours) out(`${h.tenantId},${h.hour},${h.metric},${h.n}\n`);
        return;
      }
      // Per tenant, the month's totals.
      const totals = new Map<string, Record<string, number>>();
      for (const h of report.hours) {
        const row = totals.get(h.tenantId) ?? Object.fromEntries(METRICS.map((m) => [m, 0]));
        row[h.metric] = (row[h.metric] ?? 0) + h.n;
        totals.set(h.tenantId, row);
      }
      const rows = [['TENANT', ...METRICS.map((m) => m.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase())]];
      // Seconds to the millisecond (CPU and database time are often fractions of a second); counts whole.
      const shown = (m: string, n: number) => String(m.endsWith('Seconds') ? Math.round(n * 1000) / 1000 : Math.round(n * 100) / 100);
      for (const [tenant, row] of totals) rows.push([tenant, ...METRICS.map((m) => shown(m, row[m]!))]);
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      out(`usage in ${report.month}\n`);
      out(
        rows
          .map((r) =>
            r
              .map((c, i) => c.padEnd(widths[i]!))
              .join('  ')
              .trimEnd(),
          )
          .join('\n') + '\n',
      );
      if (report.current) {
        const c = report.current;
        out(`now: ${c.records} records, ${c.collections} collections, ${c.models} models, ~${c.storageBytes} bytes of record data\n`);
      }
    });
}
