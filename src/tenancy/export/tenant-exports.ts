import { Collections } from '../../records/collections.js';
import { RecordSizes } from '../../records/sizes.js';
import type { Sandbox } from '../../sandbox/sandbox.js';
import type { Tenantry } from '../../tenantry.js';
import type { Schedules } from '../../workflows/schedules.js';
import { TenantExporter, type TenantExport } from './exporter.js';
import { TenantImporter, type ImportProgress, type ImportSummary } from './importer.js';

export type { TenantExport } from './exporter.js';
export type { ImportProgress, ImportSummary } from './importer.js';

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

  constructor(tenantry: Tenantry, sandbox: Sandbox, schedules: Pick<Schedules, 'sync'>) {
    this.#exporter = new TenantExporter(tenantry);
    // The records' schema checks of the write path, with caches of their own.
    const schemas = new Collections(tenantry, sandbox, new RecordSizes());
    this.#importer = new TenantImporter({ tenantry, schemas, schedules });
  }

  /** Start exporting a tenant: the header is ready (404 for an unknown tenant), the lines follow as they are read. */
  export(tenantId: string): Promise<TenantExport> {
    return this.#exporter.export(tenantId);
  }

  /** Restore an export into an empty tenant, all or nothing (TenantImporter). */
  import(tenantId: string, input: AsyncIterable<Buffer | string>, options?: { onProgress?: (progress: ImportProgress) => void }): Promise<ImportSummary> {
    return this.#importer.import(tenantId, input, options);
  }
}
