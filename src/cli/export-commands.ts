import type { ReadStream, WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { ValidationError } from '../errors.js';
import type { Services } from '../services.js';
import type { ExportCounts } from '../tenancy/export/format.js';
import type { Tenantry } from '../tenantry.js';

export interface ExportCommandsContext {
  /** The Tenantry the command line opened (closed by the caller). */
  open: () => Promise<Tenantry>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** A usage error (exit code 2). */
  usage: (message: string) => Error;
}

/** `3 collections, 61 records, 1 model (2 versions), 1 workflow, 1 run (2 steps)`. */
function describeCounts(c: ExportCounts): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  return [
    `${n(c.collections, 'collection')}, ${n(c.records, 'record')}`,
    `${n(c.models, 'model')} (${n(c.modelVersions, 'version')})`,
    n(c.workflows, 'workflow'),
    `${n(c.runs, 'run')} (${n(c.runSteps, 'step')})`,
  ].join(', ');
}

/** A file that cannot be opened: one line naming it and why (`cannot write 'x/y.ndjson': ENOENT`), not Node's message. */
function cannot(what: 'read' | 'write', file: string): (error: NodeJS.ErrnoException) => never {
  return (error) => {
    throw new ValidationError(`cannot ${what} '${file}': ${error.code ?? error.message}`);
  };
}

/** Run `fn` with the services over the command's Tenantry (the importer checks schemas in their sandbox), closed after. */
async function withServices<T>(ctx: ExportCommandsContext, fn: (services: Services) => Promise<T>): Promise<T> {
  const services = (await import('../services.js')).Services.over(await ctx.open());
  try {
    return await fn(services);
  } finally {
    await services.close();
  }
}

/**
 * `tenantry tenant export <id>` and `tenantry tenant import <id>`: the same code as `GET
 * /v1/tenants/{id}/export` and `POST /v1/tenants/{id}/import`, with a progress bar on stderr when it is
 * a terminal. The export streams to stdout (or `--output`), so stdout carries nothing else.
 */
export function addExportCommands(tenant: Command, ctx: ExportCommandsContext): void {
  const bar = (format: string): SingleBar | undefined =>
    ctx.stderr.isTTY ? new SingleBar({ stream: ctx.stderr, format, hideCursor: true, etaBuffer: 50 }) : undefined;

  tenant
    .command('export <id>')
    .description('write everything a tenant owns as NDJSON to stdout (or --output); API keys are not exported')
    .option('--output <file>', 'write the export to this file instead of stdout')
    .option('--json', 'print a summary as JSON: on stdout with --output, else on stderr', false)
    .action(async (id: string, opts: { output?: string; json: boolean }) => {
      // The file is opened before the export begins: a path that cannot be written (no such folder, a
      // folder) is one clear line, and no export operation streams the whole tenant into nowhere and
      // then reports success. Opened to append (not truncated) until the export has begun, so that a
      // refusal (an unknown tenant) leaves a file that was there as it was.
      const existed =
        opts.output !== undefined &&
        (await fs.stat(opts.output).then(
          () => true,
          () => false,
        ));
      const handle = opts.output === undefined ? undefined : await fs.open(opts.output, 'a').catch(cannot('write', opts.output));
      await withServices(ctx, async (services) => {
        const started = await services.tenantExports.export(id);
        await handle?.truncate(0);
        const total = Object.values(started.header.counts).reduce((a, b) => a + b, 2);
        const progress = opts.json ? undefined : bar(`exporting ${id} [{bar}] {value}/{total} lines`);
        progress?.start(total, 0);
        const out = handle ? handle.createWriteStream() : ctx.stdout;
        try {
          for await (const chunk of started.chunks) {
            if (!out.write(chunk)) await once(out, 'drain');
            progress?.setTotal(Math.max(total, started.progress.lines));
            progress?.update(started.progress.lines);
          }
          if (opts.output) {
            out.end();
            await finished(out);
          }
        } catch (error) {
          // A file without its end line would be refused by an import anyway: leave none behind.
          if (opts.output) {
            (out as WriteStream).destroy();
            await fs.rm(opts.output, { force: true });
          }
          throw error;
        } finally {
          progress?.stop();
        }
        const { counts, lines, bytes, sha256 } = started.progress;
        const summary = { tenantId: id, lines, bytes, counts, sha256 };
        const where = opts.output ? ctx.stdout : ctx.stderr;
        if (opts.json) where.write(`${JSON.stringify(summary)}\n`);
        else where.write(`exported tenant ${id}${opts.output ? ` to ${opts.output}` : ''}: ${describeCounts(counts)}; ${lines} lines, ${bytes} bytes\n`);
      }).catch(async (error: unknown) => {
        // Refused before a line was written (an unknown tenant, another operation under way): the file
        // opened above is closed, and removed if this command made it (a failure mid-way removed it already).
        if (handle && opts.output) {
          await handle.close().catch(() => {});
          if (!existed) await fs.rm(opts.output, { force: true });
        }
        throw error;
      });
    });

  tenant
    .command('import <id>')
    .description('restore an export (NDJSON on stdin, or --input) into an empty tenant of any isolation, all or nothing')
    .option('--input <file>', 'read the export from this file instead of stdin')
    .option('--no-validate', "restore records that do not match their collection's schema as they are (only that check is skipped)")
    .option('--json', 'print the summary as JSON', false)
    .action(async (id: string, opts: { input?: string; validate: boolean; json: boolean }) => {
      let input: AsyncIterable<Buffer | string>;
      let file: ReadStream | undefined;
      if (opts.input) {
        const handle = await fs.open(opts.input, 'r').catch(cannot('read', opts.input));
        // A folder opens, and fails only at the first read, inside the import's operation.
        if ((await handle.stat()).isDirectory()) {
          await handle.close();
          throw new ValidationError(`cannot read '${opts.input}': EISDIR (a directory)`);
        }
        input = file = handle.createReadStream();
      } else {
        if (ctx.stdin.isTTY) throw ctx.usage('pipe an export into stdin (tenantry tenant import <id> < file.ndjson), or name it with --input');
        input = ctx.stdin as AsyncIterable<Buffer | string>;
      }
      // An import refused before it read the file to its end (a target that is not empty, a bad line)
      // leaves the stream open: destroying it closes the file (not the garbage collector, which warns).
      await withServices(ctx, async (services) => {
        const progress = opts.json ? undefined : bar(`importing ${id} ({phase}) {value} lines`);
        progress?.start(0, 0, { phase: 'checking' });
        let summary;
        try {
          summary = await services.tenantExports.import(id, input, {
            validate: opts.validate,
            onProgress: (p) => progress?.update(p.lines, { phase: p.phase }),
          });
        } finally {
          progress?.stop();
        }
        if (opts.json) return void ctx.stdout.write(`${JSON.stringify(summary)}\n`);
        const { runs, modelVersions } = summary.interrupted;
        const note = runs + modelVersions > 0 ? ` (${runs} unfinished runs arrived cancelled, ${modelVersions} unfinished trainings failed)` : '';
        ctx.stdout.write(`imported into tenant ${id}: ${describeCounts(summary.counts)}${note}\n`);
      }).finally(() => file?.destroy());
    });
}
