import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { TenantScope } from '../../storage/scope.js';
import type { Tenantry } from '../../tenantry.js';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  LINE_TYPES,
  TIMESTAMP_SQL,
  zeroCounts,
  type CollectionRow,
  type ExportCounts,
  type ExportEnd,
  type ExportHeader,
  type ExportLine,
  type ModelRow,
  type ModelVersionRow,
  type RecordRow,
  type RunRow,
  type RunStepRow,
  type WorkflowRow,
  type AuditRow,
} from './format.js';
import { auditRecord } from '../../audit/tenant-audit.js';

/** Rows read per scope at most … */
const PAGE_ROWS = 500;
/** … and runs (each with its steps). */
const PAGE_RUNS = 100;
/**
 * … and JSON bytes per scope at most (past the first row of a page): a page of 500 records of 1 MiB
 * each would otherwise sit in memory at once. The largest single row is the real bound.
 */
const PAGE_BYTES = 8 * 1024 * 1024;

/** A tenant's export, being written: its header, then its lines as the destination takes them. */
export interface TenantExport {
  readonly header: ExportHeader;
  /**
   * The file as NDJSON text, a page of lines at a time (header first, end line last). Each page is read
   * in a scope of its own when the previous one has been taken, so a slow destination holds no
   * connection and the export holds at most one page in memory.
   */
  readonly chunks: AsyncIterable<string>;
  /** What has been written so far: lines by type, bytes, and, once the end line is out, its checksum. */
  readonly progress: { readonly counts: ExportCounts; readonly lines: number; readonly bytes: number; readonly sha256: string | null };
}

type Scopes = Pick<Tenantry, 'withTenant' | 'tenants'>;
type Ref = { id: string; generation: number };

const ts = (column: string) => sql.raw(TIMESTAMP_SQL(column));

/**
 * `inner` (a page ordered by `order`, with a `size` column of JSON bytes) cut after the row that
 * takes the page past PAGE_BYTES: always at least one row.
 */
function capped<R>(inner: RawBuilder<unknown>, order: string): RawBuilder<R> {
  return sql<R>`SELECT * FROM (SELECT p.*, sum(p.size) OVER (ORDER BY ${sql.raw(order)}) AS upto FROM (${inner}) p) s
    WHERE s.upto - s.size < ${PAGE_BYTES} ORDER BY ${sql.raw(order)}`;
}

/**
 * Everything a tenant owns, as the export format (format.ts), read through its scopes only. The
 * tenant is read page by page, each page in a scope (a transaction) of its own, never one snapshot of
 * the whole: a tenant written to while it is exported yields a file in which each page is consistent
 * and later pages may hold changes made after earlier ones were read. Children are read with or right
 * after their parent (a run's steps in the same statement), so the file is always importable. For a
 * point-in-time export, suspend the tenant first (exports read suspended tenants).
 */
export class TenantExporter {
  constructor(private readonly tenantry: Scopes) {}

  /**
   * Start exporting `tenantId`: the header (counts as of now) is ready when this resolves — an unknown
   * tenant is refused here, before anything is written — and `chunks` yields the rest.
   */
  async export(tenantId: string): Promise<TenantExport> {
    const tenant = await this.tenantry.tenants.get(tenantId);
    const ref: Ref = { id: tenant.id, generation: tenant.generation };
    const { counts, auditHead } = await this.#scope(ref, (scope) => this.#count(scope));
    const header: ExportHeader = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      tenant: { id: tenant.id, name: tenant.name, tier: tenant.tier, isolation: tenant.isolation, settings: tenant.settings, limits: tenant.limits },
      exportedAt: new Date().toISOString(),
      counts,
      auditHead,
    };
    const progress = { counts: zeroCounts(), lines: 0, bytes: 0, sha256: null as string | null };
    return { header, chunks: this.#chunks(ref, header, progress), progress };
  }

  #scope<T>(ref: Ref, fn: (scope: TenantScope) => Promise<T>): Promise<T> {
    return this.tenantry.withTenant(ref, fn, { allowSuspended: true });
  }

  /** The counts as of now, and the audit chain's head: the file's audit section ends there. */
  async #count(scope: TenantScope): Promise<{ counts: ExportCounts; auditHead: ExportHeader['auditHead'] }> {
    const n = (table: string) => sql`(SELECT count(*) FROM ${sql.table(table)} WHERE tenant_id = ${scope.tenantId})::int`;
    const { rows } = await sql<ExportCounts & { head_seq: string | number | null; head_hash: string | null }>`
      SELECT ${n('collections')} AS collections, ${n('records')} AS records, ${n('models')} AS models, ${n('model_versions')} AS "modelVersions",
             ${n('workflows')} AS workflows, ${n('runs')} AS runs, ${n('run_steps')} AS "runSteps", ${n('audit_log')} AS "auditEntries",
             (SELECT seq FROM audit_chain WHERE tenant_id = ${scope.tenantId}) AS head_seq,
             (SELECT encode(hash, 'hex') FROM audit_chain WHERE tenant_id = ${scope.tenantId}) AS head_hash`.execute(scope.db);
    const { head_seq, head_hash, ...counts } = rows[0]!;
    return { counts, auditHead: head_seq === null ? null : { seq: Number(head_seq), hash: head_hash! } };
  }

  async *#chunks(
    ref: Ref,
    header: ExportHeader,
    progress: { counts: ExportCounts; lines: number; bytes: number; sha256: string | null },
  ): AsyncGenerator<string> {
    const hash = createHash('sha256');
    const text = (lines: ReadonlyArray<object>): string => {
      const out = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
      progress.lines += lines.length;
      progress.bytes += Buffer.byteLength(out);
      return out;
    };
    /** Lines of the file proper: counted, and in the checksum. */
    const emit = (lines: ReadonlyArray<ExportLine>): string => {
      for (const l of lines) progress.counts[LINE_TYPES[l.type].count]++;
      const out = text(lines);
      hash.update(out);
      return out;
    };
    yield text([header]);

    for await (const collection of this.#pages(
      ref,
      (scope, after: string | undefined) => this.#collections(scope, after),
      (c) => c.name,
    )) {
      yield emit([collection]);
      for await (const page of this.#batches(ref, (scope, after: [string, string] | undefined) => this.#records(scope, collection.name, after))) {
        yield emit(page.lines);
      }
    }
    for await (const model of this.#pages(
      ref,
      (scope, after: string | undefined) => this.#models(scope, after),
      (m) => m.name,
    )) {
      yield emit([model]);
      for await (const page of this.#batches(ref, (scope, after: number | undefined) => this.#versions(scope, model.name, after))) yield emit(page.lines);
    }
    for await (const page of this.#batches(ref, (scope, after: string | undefined) => this.#workflows(scope, after))) yield emit(page.lines);
    for await (const page of this.#batches(ref, (scope, after: string | undefined) => this.#runs(scope, after))) yield emit(page.lines);
    const last = header.auditHead?.seq ?? 0;
    for await (const page of this.#batches(ref, (scope, after: number | undefined) => this.#audit(scope, after ?? 0, last))) yield emit(page.lines);

    progress.sha256 = hash.digest('hex');
    const end: ExportEnd = { type: 'end', counts: { ...progress.counts }, sha256: progress.sha256 };
    yield text([end]);
  }

  /** Rows one at a time, read a page per scope (small rows: collections, models). */
  async *#pages<T, K>(ref: Ref, read: (scope: TenantScope, after: K | undefined) => Promise<T[]>, key: (row: T) => K): AsyncGenerator<T> {
    let after: K | undefined;
    for (;;) {
      const rows = await this.#scope(ref, (scope) => read(scope, after));
      if (rows.length === 0) return;
      yield* rows;
      after = key(rows.at(-1)!);
    }
  }

  /** Pages of lines, each read in a scope of its own, until a page comes back empty. */
  async *#batches<K>(
    ref: Ref,
    read: (scope: TenantScope, after: K | undefined) => Promise<{ lines: ExportLine[]; next: K }>,
  ): AsyncGenerator<{ lines: ExportLine[] }> {
    let after: K | undefined;
    for (;;) {
      const page = await this.#scope(ref, (scope) => read(scope, after));
      if (page.lines.length === 0) return;
      yield page;
      after = page.next;
    }
  }

  async #collections(scope: TenantScope, after: string | undefined): Promise<CollectionRow[]> {
    const { rows } = await sql<{
      name: string;
      schema: Record<string, unknown> | null;
      indexes: string[];
      encrypted: string[];
      created: string;
      updated: string;
    }>`
      SELECT name, schema, indexes, encrypted, ${ts('created_at')} AS created, ${ts('updated_at')} AS updated FROM collections
       WHERE tenant_id = ${scope.tenantId} ${after === undefined ? sql`` : sql`AND name > ${after}`}
       ORDER BY name LIMIT ${PAGE_ROWS}`.execute(scope.db);
    return rows.map((r) => ({
      type: 'collection',
      name: r.name,
      schema: r.schema ?? null,
      indexes: r.indexes,
      ...(r.encrypted.length > 0 && { encrypted: r.encrypted }),
      createdAt: r.created,
      updatedAt: r.updated,
    }));
  }

  /** A page of a collection's records in (created_at, id) order: the index every collection listing uses. */
  async #records(scope: TenantScope, collection: string, after: [string, string] | undefined): Promise<{ lines: RecordRow[]; next: [string, string] }> {
    const { rows } = await capped<{ id: string; data: Record<string, unknown>; version: number; created: string; updated: string }>(
      sql`SELECT id, data, version, created_at, ${ts('created_at')} AS created, ${ts('updated_at')} AS updated, octet_length(data::text) AS size
            FROM records
           WHERE tenant_id = ${scope.tenantId} AND collection = ${collection}
                 ${after === undefined ? sql`` : sql`AND (created_at, id) > (${after[0]}::timestamptz, ${after[1]}::uuid)`}
           ORDER BY created_at, id LIMIT ${PAGE_ROWS}`,
      'created_at, id',
    ).execute(scope.db);
    const last = rows.at(-1);
    return {
      lines: rows.map((r) => ({ type: 'record', collection, id: r.id, data: r.data, version: r.version, createdAt: r.created, updatedAt: r.updated })),
      next: last ? [last.created, last.id] : ['', ''],
    };
  }

  async #models(scope: TenantScope, after: string | undefined): Promise<ModelRow[]> {
    const { rows } = await sql<{
      name: string;
      kind: ModelRow['kind'];
      collection: string;
      features: string[];
      target: string | null;
      options: ModelRow['options'];
      created: string;
      updated: string;
    }>`
      SELECT name, kind, collection, features, target, options, ${ts('created_at')} AS created, ${ts('updated_at')} AS updated FROM models
       WHERE tenant_id = ${scope.tenantId} ${after === undefined ? sql`` : sql`AND name > ${after}`}
       ORDER BY name LIMIT ${PAGE_ROWS}`.execute(scope.db);
    return rows.map((r) => ({
      type: 'model',
      name: r.name,
      kind: r.kind,
      collection: r.collection,
      features: r.features,
      target: r.target,
      options: r.options,
      createdAt: r.created,
      updatedAt: r.updated,
    }));
  }

  async #versions(scope: TenantScope, model: string, after: number | undefined): Promise<{ lines: ModelVersionRow[]; next: number }> {
    const { rows } = await capped<{
      version: number;
      status: ModelVersionRow['status'];
      error: string | null;
      metrics: ModelVersionRow['metrics'];
      artifact: unknown;
      created: string;
      finished: string | null;
    }>(
      sql`SELECT version, status, error, metrics, artifact, ${ts('created_at')} AS created, ${ts('finished_at')} AS finished,
                 octet_length(coalesce(artifact::text, '')) + octet_length(coalesce(metrics::text, '')) + octet_length(coalesce(error, '')) AS size
            FROM model_versions
           WHERE tenant_id = ${scope.tenantId} AND model = ${model} ${after === undefined ? sql`` : sql`AND version > ${after}`}
           ORDER BY version LIMIT ${PAGE_ROWS}`,
      'version',
    ).execute(scope.db);
    return {
      lines: rows.map((r) => ({
        type: 'modelVersion',
        model,
        version: r.version,
        status: r.status,
        error: r.error,
        metrics: r.metrics ?? null,
        artifact: r.artifact ?? null,
        createdAt: r.created,
        finishedAt: r.finished,
      })),
      next: rows.at(-1)?.version ?? 0,
    };
  }

  async #workflows(scope: TenantScope, after: string | undefined): Promise<{ lines: WorkflowRow[]; next: string }> {
    const { rows } = await capped<{ name: string; definition: WorkflowRow['definition']; revision: number; created: string; updated: string }>(
      sql`SELECT name, definition, revision, ${ts('created_at')} AS created, ${ts('updated_at')} AS updated, octet_length(definition::text) AS size
            FROM workflows WHERE tenant_id = ${scope.tenantId} ${after === undefined ? sql`` : sql`AND name > ${after}`}
           ORDER BY name LIMIT ${PAGE_ROWS}`,
      'name',
    ).execute(scope.db);
    return {
      lines: rows.map((r) => ({ type: 'workflow', name: r.name, definition: r.definition, revision: r.revision, createdAt: r.created, updatedAt: r.updated })),
      next: rows.at(-1)?.name ?? '',
    };
  }

  /** A page of the audit trail in chain order, up to the head the export began with (entries appended since are left out). */
  async #audit(scope: TenantScope, after: number, last: number): Promise<{ lines: AuditRow[]; next: number }> {
    const { rows } = await sql<Parameters<typeof auditRecord>[0]>`
      SELECT seq, at, actor, action, target, request_id, outcome, detail, encode(hash, 'hex') AS hash
        FROM audit_log WHERE tenant_id = ${scope.tenantId} AND seq > ${after} AND seq <= ${last} ORDER BY seq LIMIT ${PAGE_ROWS}`.execute(scope.db);
    return {
      lines: rows.map((row) => {
        const { tenant: _, ...entry } = auditRecord(row, null);
        return { type: 'audit', ...entry };
      }),
      next: rows.length > 0 ? Number(rows.at(-1)!.seq) : last,
    };
  }

  /** A page of runs by id, each with its steps — read in the same statement, so a run never comes without them. */
  async #runs(scope: TenantScope, after: string | undefined): Promise<{ lines: Array<RunRow | RunStepRow>; next: string }> {
    const { rows } = await capped<{
      id: string;
      workflow: string;
      revision: number;
      definition: RunRow['definition'];
      input: unknown;
      status: RunRow['status'];
      trigger: RunRow['trigger'];
      idempotency_key: string | null;
      created: string;
      started: string | null;
      finished: string | null;
      steps: Array<Omit<RunStepRow, 'type' | 'runId'>>;
    }>(
      sql`SELECT r.id, r.workflow, r.revision, r.definition, r.input, r.status, r.trigger, r.idempotency_key,
                 ${ts('r.created_at')} AS created, ${ts('r.started_at')} AS started, ${ts('r.finished_at')} AS finished, st.steps,
                 octet_length(r.definition::text) + octet_length(r.input::text) + octet_length(st.steps::text) AS size
            FROM runs r
           CROSS JOIN LATERAL (
                 SELECT coalesce(jsonb_agg(jsonb_build_object(
                          'stepId', s.step_id, 'needs', to_jsonb(s.needs), 'status', s.status, 'attempts', s.attempts, 'output', s.output,
                          'error', s.error, 'wakeAt', ${ts('s.wake_at')}, 'startedAt', ${ts('s.started_at')}, 'finishedAt', ${ts('s.finished_at')})
                        ORDER BY s.step_id), '[]'::jsonb) AS steps
                   FROM run_steps s WHERE s.tenant_id = r.tenant_id AND s.run_id = r.id) st
           WHERE r.tenant_id = ${scope.tenantId} ${after === undefined ? sql`` : sql`AND r.id > ${after}::uuid`}
           ORDER BY r.id LIMIT ${PAGE_RUNS}`,
      'id',
    ).execute(scope.db);
    const lines: Array<RunRow | RunStepRow> = [];
    for (const r of rows) {
      lines.push({
        type: 'run',
        id: r.id,
        workflow: r.workflow,
        revision: r.revision,
        definition: r.definition,
        input: r.input,
        status: r.status,
        trigger: r.trigger,
        idempotencyKey: r.idempotency_key,
        createdAt: r.created,
        startedAt: r.started,
        finishedAt: r.finished,
      });
      for (const s of r.steps) {
        lines.push({
          type: 'runStep',
          runId: r.id,
          stepId: s.stepId,
          needs: s.needs,
          status: s.status,
          attempts: s.attempts,
          output: s.output,
          error: s.error,
          wakeAt: s.wakeAt,
          startedAt: s.startedAt,
          finishedAt: s.finishedAt,
        });
      }
    }
    return { lines, next: rows.at(-1)?.id ?? '' };
  }
}
