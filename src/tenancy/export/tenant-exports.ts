import { Collections } from '../../records/collections.js';
import { RecordSizes } from '../../records/sizes.js';
import type { Sandbox } from '../../sandbox/sandbox.js';
import type { Tenantry } from '../../tenantry.js';
import type { Schedules } from '../../workflows/schedules.js';
import type { Operation, Operations } from '../operations.js';
import { TenantExporter, type TenantExport } from './exporter.js';
import { TenantImporter, type ImportOptions, type ImportSummary } from './importer.js';

export type { TenantExport } from './exporter.js';
export type { ImportOptions, ImportProgress, ImportSummary } from './importer.js';

/**
 * Export and import of whole tenants (format.ts): what `GET /v1/tenants/{id}/export`, `POST
 * /v1/tenants/{id}/import` and `tenantry tenant export|import` run. Built once, in Services.
 *
 * What travels is what the tenant owns in its own tables — collections, records, models and their
 * versions, workflows, runs and their steps — and, in the header, its catalog entry's name, tier,
 * isolation, settings and limits. An import restores the data and the settings (the tenant's
 * customisation); the target keeps its own name, tier, limits and placement, which are the
 * platform's to decide. API keys are not exported: a key is a credential of one tenant (its id is
 * global, its hash opens that tenant), and copying it would let one secret open two tenants — clients
 * of a restored tenant get new keys.
 */
export class TenantExports {
  readonly #exporter: TenantExporter;
  readonly #importer: TenantImporter;

  readonly #operations: Operations;
  readonly #tenants: Tenantry['tenants'];

  constructor(tenantry: Tenantry, sandbox: Sandbox, schedules: Pick<Schedules, 'sync'>) {
    this.#operations = tenantry.operations;
    this.#tenants = tenantry.tenants;
    this.#exporter = new TenantExporter(tenantry);
    // The records' schema checks of the write path, with caches of their own.
    const schemas = new Collections(tenantry, sandbox, new RecordSizes());
    this.#importer = new TenantImporter({ tenantry, schemas, schedules });
  }

  /**
   * Start exporting a tenant: the header is ready (404 for an unknown tenant), the lines follow as
   * they are read. The export is an operation (kind `export`) from here until the last line has been
   * read, or the reader stopped (failed: `the reader stopped before the end`), with the lines written
   * as its progress; another unfinished operation of the tenant is a 409 `tenant_not_ready`.
   */
  async export(tenantId: string): Promise<TenantExport & { operation: Promise<Operation> }> {
    const started = await this.#exporter.export(tenantId);
    const { header, progress } = started;
    const total = 2 + Object.values(header.counts).reduce((a, b) => a + b, 0);
    let finish!: (error?: unknown) => void;
    const ended = new Promise<void>((resolve, reject) => (finish = (error) => (error === undefined ? resolve() : reject(error))));
    let operationId: ((id: string) => void) | undefined;
    const running = new Promise<string>((resolve) => (operationId = resolve));
    const operation = this.#operations
      .runHere('export', header.tenant.id, {}, async (ctx) => {
        operationId?.(ctx.operation.id);
        await ctx.progress({ done: 0, total, step: 'streaming' });
        const timer = setInterval(() => void ctx.progress({ done: progress.lines }).catch(() => {}), PROGRESS_EVERY_MS);
        try {
          await ended;
        } finally {
          clearInterval(timer);
        }
        await ctx.progress({ done: progress.lines, step: 'exported' });
      })
      .then((r) => r.operation);
    // Refused (another operation under way) before anything was sent: the caller hears it now.
    await Promise.race([running, operation]);
    const chunks = started.chunks;
    async function* tracked(): AsyncGenerator<string> {
      let complete = false;
      try {
        for await (const chunk of chunks) yield chunk;
        complete = true;
        finish();
        // The response ends once the operation says so: whoever reads to the end may act on the tenant next.
        await operation.catch(() => {});
      } catch (error) {
        finish(error);
        throw error;
      } finally {
        if (!complete) finish(new Error('the reader stopped before the end'));
      }
    }
    // Its outcome is the stream's to tell; a rejection here has nobody else to hear it.
    operation.catch(() => {});
    return { ...started, chunks: tracked(), operation };
  }

  /**
   * Restore an export into an empty tenant, all or nothing (TenantImporter), as an operation (kind
   * `import`) with the lines read as its progress; another unfinished operation of the tenant is a
   * 409 `tenant_not_ready`.
   */
  async import(tenantId: string, input: AsyncIterable<Buffer | string>, options: ImportOptions = {}): Promise<ImportSummary> {
    await this.#tenants.get(tenantId); // 404 before anything is recorded
    const { result } = await this.#operations.runHere('import', tenantId, options.validate === false ? { validate: false } : {}, async (ctx) => {
      let last = 0;
      const summary = await this.#importer.import(tenantId, input, {
        validate: options.validate,
        onProgress: (p) => {
          options.onProgress?.(p);
          if (Date.now() - last < PROGRESS_EVERY_MS) return;
          last = Date.now();
          void ctx.progress({ done: p.lines, step: p.phase }).catch(() => {});
        },
      });
      await ctx.progress({ done: summary.lines, total: summary.lines, step: 'imported' });
      return summary;
    });
    return result;
  }
}

/** How often a running export or import writes its progress to its operation. */
const PROGRESS_EVERY_MS = 500;
