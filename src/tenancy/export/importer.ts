import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { checkJson, checkJsonNumbers } from '../../api/plugins/json-limits.js';
import { TenantryError, ValidationError } from '../../errors.js';
import { artifactProblem } from '../../ml/artifact.js';
import type { Collection, Collections } from '../../records/collections.js';
import { decodeRecords, keysFrom, type KeySource } from '../../records/codec.js';
import type { TenantInfo, TenantScope } from '../../storage/scope.js';
import type { Tenantry } from '../../tenantry.js';
import { checkScheduleInterval, checkWorkflow, type WorkflowDefinition } from '../../workflows/definition.js';
import { MAX_OUTPUT_BYTES } from '../../workflows/runs.js';
import type { Schedules } from '../../workflows/schedules.js';
import { planLimits, type PlanLimits } from '../plans.js';
import {
  COUNT_KEYS,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  LINE_TYPES,
  MAX_LINE_BYTES,
  MAX_ROW_LINE_BYTES,
  lineProblem,
  zeroCounts,
  type ExportCounts,
  type ExportEnd,
  type ExportHeader,
  type ExportLine,
  type LineType,
  type AuditRow,
  type ModelRow,
  type RunRow,
  OPTIONAL_COUNTS,
} from './format.js';
import { AuditCarrier } from './audit-carrier.js';
import { ndjsonLines, type NdjsonLine } from './ndjson.js';

/** What an import restored. */
export interface ImportSummary {
  tenantId: string;
  /** Lines read, header and end line included, and bytes. */
  lines: number;
  bytes: number;
  /** Rows written, by type. */
  counts: ExportCounts;
  /**
   * Work that was under way when the tenant was exported and arrives stopped, since what was running
   * it (queue items, a training process) does not travel: runs that were queued or running arrive
   * `cancelled` (their unfinished steps too), versions that were queued or training arrive `failed`.
   */
  interrupted: { runs: number; modelVersions: number };
  /** Whether the tenant's settings were replaced by the file's. */
  settingsRestored: boolean;
}

export interface ImportProgress {
  /** `checking`: reading and checking the file (nothing written yet); `writing`: storing it. */
  phase: 'checking' | 'writing';
  lines: number;
  bytes: number;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Check each record against its collection's schema (default true). False restores records that do
   * not match it — as an export holds after `PATCH /v1/collections/{name}?validate=false` — and skips
   * only that check: schemas still compile, encrypted fields still open, limits and the checksum hold.
   */
  validate?: boolean;
}

export interface ImportDependencies {
  tenantry: Pick<Tenantry, 'withTenant' | 'tenants' | 'syncRecordIndexes' | 'checkIndexBudget' | 'config' | 'keys'>;
  /** Records are checked against their collection's schema as writes check them (inline or in the sandbox). */
  schemas: Pick<Collections, 'firstMismatch'>;
  /** Where workflow schedules go once their definitions are stored. */
  schedules: Pick<Schedules, 'sync'>;
}

type Ref = { id: string; generation: number };

/** Rows per INSERT at most, and bytes of their lines. */
const WRITE_ROWS = 500;
const WRITE_BYTES = 4 * 1024 * 1024;
/** Records checked against their schema at once at most, and bytes of their lines. */
const CHECK_ROWS = 500;
const CHECK_BYTES = 4 * 1024 * 1024;
/** Spooled lines are written to the temporary file in chunks of about this many bytes. */
const SPOOL_CHUNK = 1024 * 1024;

const SECTIONS = ['collections and records', 'models and versions', 'workflows', 'runs and steps', 'the audit trail'];
const INTERRUPTED_RUN = new Set(['queued', 'running']);
const INTERRUPTED_STEP = new Set(['pending', 'queued', 'running']);
const INTERRUPTED_VERSION = new Set(['queued', 'training']);
const INTERRUPTED_TRAINING = 'training was under way when the tenant was exported; train the model again';

const invalid = (line: number, message: string) => new ValidationError(`line ${line}: ${message}`);

/**
 * Restore an export (format.ts) into an empty tenant of any strategy, all or nothing, in two passes:
 *
 * 1. **Check** — the file is read once, line by line (each line bounded, the whole bounded by
 *    TENANTRY_IMPORT_MAX_BYTES), into a temporary file, and every line is checked: JSON the API would
 *    store, the line's shape, its place (a record right after its collection's line or another record
 *    of it, …), what the normal write paths check (collection schemas compile and their records match
 *    them, workflow definitions, model artifacts), and the target's plan (collections, indexes,
 *    workflows, schedules, storage); `validate: false` skips only the records-against-schema check.
 *    Nothing is written until the end line's counts and checksum agree: a truncated or altered file is
 *    refused whole.
 * 2. **Write** — the checked file is stored in one transaction of the tenant's scope (so a failure, or
 *    a crash, leaves the tenant as it was), in INSERTs of bounded size, each under the tenant's
 *    statement timeout. Then the collections' indexes are built and the workflows' schedules set.
 *
 * The transaction holds one connection of the tenant for the whole write (on embedded PGlite, the
 * only one: other requests wait for it). The target must be empty — no collections, models, workflows
 * or runs — and stays so on any refusal.
 */
export class TenantImporter {
  constructor(private readonly deps: ImportDependencies) {}

  async import(tenantId: string, input: AsyncIterable<Buffer | string>, options: ImportOptions = {}): Promise<ImportSummary> {
    const { tenantry } = this.deps;
    const tenant = await tenantry.tenants.get(tenantId);
    const ref: Ref = { id: tenant.id, generation: tenant.generation };
    await tenantry.withTenant(ref, (scope) => refuseUnlessEmpty(scope), { allowSuspended: true });

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tenantry-import-'));
    try {
      const spool = path.join(dir, 'import.ndjson');
      const check = new FileCheck(tenant, planLimits(tenant), this.deps.schemas, keysFrom(tenantry.keys), options.validate ?? true);
      const read = await this.#checkInto(spool, input, check, options.onProgress);
      await check.finish(read.lines);
      const indexed = [...check.collections].filter(([, c]) => c.indexes.length > 0);
      if (indexed.length > 0) {
        await tenantry.checkIndexBudget(
          tenant.id,
          indexed[0]![0],
          indexed.flatMap(([, c]) => c.indexes),
        );
      }

      const written = await tenantry.withTenant(ref, (scope) => this.#write(scope, spool, read, check.header!, options.onProgress), { allowSuspended: true });
      for (const [name] of indexed) await tenantry.syncRecordIndexes(tenant.id, name);
      for (const [name, definition] of check.scheduled) await this.deps.schedules.sync(ref, name, definition);
      // The region is where the target lives (placement, like its cluster), not the file's to change.
      const { region: _fileRegion, ...restored } = check.header!.tenant.settings;
      const settings = tenant.settings.region === undefined ? restored : { ...restored, region: tenant.settings.region };
      const settingsRestored = JSON.stringify(settings) !== JSON.stringify(tenant.settings);
      if (settingsRestored) await tenantry.tenants.update(tenant.id, { settings });
      return { tenantId: tenant.id, lines: read.lines, bytes: read.bytes, counts: check.counts, interrupted: written.interrupted, settingsRestored };
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  /** Pass 1: every line checked, and copied to `spool`. */
  async #checkInto(
    spool: string,
    input: AsyncIterable<Buffer | string>,
    check: FileCheck,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<{ lines: number; bytes: number }> {
    const file = await fs.open(spool, 'w');
    let buffered: Buffer[] = [];
    let bufferedBytes = 0;
    let lines = 0;
    let bytes = 0;
    const NEWLINE = Buffer.from('\n');
    try {
      for await (const line of ndjsonLines(input, { maxBytes: this.deps.tenantry.config.importMaxBytes, maxLineBytes: MAX_LINE_BYTES })) {
        await check.line(line);
        lines = line.number;
        bytes += line.bytes.length + (line.newline ? 1 : 0);
        buffered.push(line.bytes, NEWLINE);
        bufferedBytes += line.bytes.length + 1;
        if (bufferedBytes >= SPOOL_CHUNK) {
          await file.write(Buffer.concat(buffered));
          buffered = [];
          bufferedBytes = 0;
          onProgress?.({ phase: 'checking', lines, bytes });
        }
      }
      if (bufferedBytes > 0) await file.write(Buffer.concat(buffered));
    } finally {
      await file.close();
    }
    onProgress?.({ phase: 'checking', lines, bytes });
    return { lines, bytes };
  }

  /** Pass 2, in the tenant's scope: the checked file, stored. */
  async #write(
    scope: TenantScope,
    spool: string,
    read: { lines: number; bytes: number },
    header: ExportHeader,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<{ interrupted: ImportSummary['interrupted'] }> {
    // Under the locks the tenant's own collection and workflow changes take, so none lands meanwhile.
    for (const what of ['collections', 'workflows']) {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`tenantry:${what}:${scope.tenantId}`}, 0))`.execute(scope.db);
    }
    await refuseUnlessEmpty(scope);
    const writer = new RowWriter(scope);
    const audit = new AuditCarrier(scope, header.tenant.id, header.auditHead ?? null);
    const now = new Date().toISOString();
    const interrupted = { runs: 0, modelVersions: 0 };
    let cancelling: string | undefined;
    let bytes = 0;
    for await (const line of ndjsonLines(createReadStream(spool), { maxBytes: Infinity, maxLineBytes: MAX_LINE_BYTES })) {
      bytes += line.bytes.length + 1;
      if (line.number === 1 || line.number === read.lines) continue; // the header and the end line
      const row = JSON.parse(line.text) as ExportLine;
      if (row.type === 'run') {
        cancelling = INTERRUPTED_RUN.has(row.status) ? row.id : undefined;
        if (cancelling) {
          interrupted.runs++;
          Object.assign(row, { status: 'cancelled', finishedAt: row.finishedAt ?? now });
        }
      } else if (row.type === 'runStep' && row.runId === cancelling && INTERRUPTED_STEP.has(row.status)) {
        Object.assign(row, { status: 'cancelled', finishedAt: row.finishedAt ?? now });
      } else if (row.type === 'audit') {
        await audit.place(row);
      } else if (row.type === 'modelVersion' && INTERRUPTED_VERSION.has(row.status)) {
        interrupted.modelVersions++;
        Object.assign(row, { status: 'failed', error: INTERRUPTED_TRAINING, finishedAt: row.finishedAt ?? now });
      }
      if (await writer.add(row, line)) onProgress?.({ phase: 'writing', lines: line.number, bytes });
    }
    await writer.flushAll();
    // The chain's head where the carried entries end, and the import recorded as its next entry.
    await audit.finish();
    onProgress?.({ phase: 'writing', lines: read.lines, bytes: read.bytes });
    return { interrupted };
  }
}

/** 409 unless the tenant has no collections, models, workflows or runs (records and versions need those). */
async function refuseUnlessEmpty(scope: TenantScope): Promise<void> {
  const any = (table: string) => sql`EXISTS (SELECT 1 FROM ${sql.table(table)} WHERE tenant_id = ${scope.tenantId})`;
  const { rows } = await sql<{ used: boolean }>`SELECT ${any('collections')} OR ${any('models')} OR ${any('workflows')} OR ${any('runs')} AS used`.execute(
    scope.db,
  );
  if (rows[0]?.used) {
    throw new TenantryError(
      'tenant_not_empty',
      `tenant '${scope.tenantId}' already has data (collections, models, workflows or runs); an import restores into an empty tenant only`,
    );
  }
}

/** The insert of each row type: its table, the columns of jsonb_to_recordset, and the row as they name it. */
const TABLES: Record<LineType, { parent?: LineType; insert: (rows: string) => ReturnType<typeof sql>; row: (line: never) => Record<string, unknown> }> = {
  collection: {
    insert: (rows) => sql`INSERT INTO collections (name, schema, indexes, encrypted, created_at, updated_at)
      SELECT name, schema, indexes, encrypted, created_at, updated_at
        FROM jsonb_to_recordset(${rows}::jsonb) AS r (name text, schema jsonb, indexes jsonb, encrypted jsonb, created_at timestamptz, updated_at timestamptz)`,
    row: (l: Extract<ExportLine, { type: 'collection' }>) => ({
      name: l.name,
      schema: l.schema,
      indexes: l.indexes,
      encrypted: l.encrypted ?? [],
      created_at: l.createdAt,
      updated_at: l.updatedAt,
    }),
  },
  record: {
    parent: 'collection',
    insert: (rows) => sql`INSERT INTO records (collection, id, data, version, created_at, updated_at)
      SELECT collection, id, data, version, created_at, updated_at
        FROM jsonb_to_recordset(${rows}::jsonb) AS r (collection text, id uuid, data jsonb, version int, created_at timestamptz, updated_at timestamptz)`,
    row: (l: Extract<ExportLine, { type: 'record' }>) => ({
      collection: l.collection,
      id: l.id,
      data: l.data,
      version: l.version,
      created_at: l.createdAt,
      updated_at: l.updatedAt,
    }),
  },
  model: {
    insert: (rows) => sql`INSERT INTO models (name, kind, collection, features, target, options, created_at, updated_at)
      SELECT name, kind, collection, features, target, options, created_at, updated_at
        FROM jsonb_to_recordset(${rows}::jsonb)
          AS r (name text, kind text, collection text, features jsonb, target text, options jsonb, created_at timestamptz, updated_at timestamptz)`,
    row: (l: ModelRow) => ({
      name: l.name,
      kind: l.kind,
      collection: l.collection,
      features: l.features,
      target: l.target,
      options: l.options,
      created_at: l.createdAt,
      updated_at: l.updatedAt,
    }),
  },
  modelVersion: {
    parent: 'model',
    insert: (rows) => sql`INSERT INTO model_versions (model, version, status, error, metrics, artifact, created_at, finished_at)
      SELECT model, version, status, error, metrics, artifact, created_at, finished_at
        FROM jsonb_to_recordset(${rows}::jsonb)
          AS r (model text, version int, status text, error text, metrics jsonb, artifact jsonb, created_at timestamptz, finished_at timestamptz)`,
    row: (l: Extract<ExportLine, { type: 'modelVersion' }>) => ({
      model: l.model,
      version: l.version,
      status: l.status,
      error: l.error,
      metrics: l.metrics,
      artifact: l.artifact,
      created_at: l.createdAt,
      finished_at: l.finishedAt,
    }),
  },
  workflow: {
    insert: (rows) => sql`INSERT INTO workflows (name, definition, revision, created_at, updated_at)
      SELECT name, definition, revision, created_at, updated_at
        FROM jsonb_to_recordset(${rows}::jsonb) AS r (name text, definition jsonb, revision int, created_at timestamptz, updated_at timestamptz)`,
    row: (l: Extract<ExportLine, { type: 'workflow' }>) => ({
      name: l.name,
      definition: l.definition,
      revision: l.revision,
      created_at: l.createdAt,
      updated_at: l.updatedAt,
    }),
  },
  run: {
    insert: (rows) => sql`INSERT INTO runs (id, workflow, revision, definition, input, status, trigger, idempotency_key, created_at, started_at, finished_at)
      SELECT id, workflow, revision, definition, coalesce(input, 'null'::jsonb), status, trigger, idempotency_key, created_at, started_at, finished_at
        FROM jsonb_to_recordset(${rows}::jsonb)
          AS r (id uuid, workflow text, revision int, definition jsonb, input jsonb, status text, trigger text, idempotency_key text,
                created_at timestamptz, started_at timestamptz, finished_at timestamptz)`,
    row: (l: RunRow) => ({
      id: l.id,
      workflow: l.workflow,
      revision: l.revision,
      definition: l.definition,
      input: l.input,
      status: l.status,
      trigger: l.trigger,
      idempotency_key: l.idempotencyKey,
      created_at: l.createdAt,
      started_at: l.startedAt,
      finished_at: l.finishedAt,
    }),
  },
  audit: {
    insert: (rows) => sql`INSERT INTO audit_log (seq, at, actor, action, target, request_id, outcome, detail, hash)
      SELECT seq, at, actor, action, target, request_id, outcome, detail, decode(hash, 'hex')
        FROM jsonb_to_recordset(${rows}::jsonb)
          AS r (seq bigint, at timestamptz, actor text, action text, target text, request_id text, outcome text, detail jsonb, hash text)`,
    row: (l: AuditRow) => ({
      seq: l.seq,
      at: l.at,
      actor: l.actor,
      action: l.action,
      target: l.target,
      request_id: l.requestId,
      outcome: l.outcome,
      detail: l.detail,
      hash: l.hash,
    }),
  },
  runStep: {
    parent: 'run',
    insert: (rows) => sql`INSERT INTO run_steps (run_id, step_id, needs, status, attempts, output, error, wake_at, started_at, finished_at)
      SELECT run_id, step_id, ARRAY(SELECT jsonb_array_elements_text(r.needs)), status, attempts, output, error, wake_at, started_at, finished_at
        FROM jsonb_to_recordset(${rows}::jsonb)
          AS r (run_id uuid, step_id text, needs jsonb, status text, attempts int, output jsonb, error text,
                wake_at timestamptz, started_at timestamptz, finished_at timestamptz)`,
    row: (l: Extract<ExportLine, { type: 'runStep' }>) => ({
      run_id: l.runId,
      step_id: l.stepId,
      needs: l.needs,
      status: l.status,
      attempts: l.attempts,
      output: l.output,
      error: l.error,
      wake_at: l.wakeAt,
      started_at: l.startedAt,
      finished_at: l.finishedAt,
    }),
  },
};

/**
 * Rows buffered per table and inserted in bounded statements; a table's parent is flushed before it,
 * so every foreign key finds its row. A statement the database refuses (a repeated id, a value out of
 * range) is a 400 naming the lines it came from, never a 500 — and never says more than that.
 */
class RowWriter {
  readonly #buffers = new Map<LineType, { rows: Array<Record<string, unknown>>; bytes: number; first: number; last: number }>();

  constructor(private readonly scope: TenantScope) {}

  /** Buffer a row; true when that flushed a statement. */
  async add(row: ExportLine, line: NdjsonLine): Promise<boolean> {
    let buffer = this.#buffers.get(row.type);
    if (!buffer) this.#buffers.set(row.type, (buffer = { rows: [], bytes: 0, first: line.number, last: line.number }));
    if (buffer.rows.length === 0) buffer.first = line.number;
    buffer.rows.push((TABLES[row.type].row as (l: ExportLine) => Record<string, unknown>)(row));
    buffer.bytes += line.bytes.length;
    buffer.last = line.number;
    if (buffer.rows.length < WRITE_ROWS && buffer.bytes < WRITE_BYTES) return false;
    await this.#flush(row.type);
    return true;
  }

  async flushAll(): Promise<void> {
    for (const type of Object.keys(TABLES) as LineType[]) await this.#flush(type);
  }

  async #flush(type: LineType): Promise<void> {
    const parent = TABLES[type].parent;
    if (parent) await this.#flush(parent);
    const buffer = this.#buffers.get(type);
    if (!buffer || buffer.rows.length === 0) return;
    const rows = JSON.stringify(buffer.rows);
    const lines = buffer.first === buffer.last ? `line ${buffer.first}` : `lines ${buffer.first}-${buffer.last}`;
    buffer.rows = [];
    buffer.bytes = 0;
    try {
      await TABLES[type].insert(rows).execute(this.scope.db);
    } catch (error) {
      throw refusedRows(error, lines) ?? error;
    }
  }
}

/** A database refusal of imported rows as a 400 (SQLSTATE classes 22, data, and 23, integrity), or undefined. */
function refusedRows(error: unknown, lines: string): ValidationError | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  const why: Record<string, string> = {
    '23505': 'a row repeats one the file already holds (the same record id, run id, step or idempotency key)',
    '23503': 'a row refers to one the file does not hold',
    '23502': 'a row lacks a value its table requires',
    '23514': 'a row holds a value its table does not allow',
  };
  if (why[code]) return new ValidationError(`${lines}: ${why[code]}`);
  if (code.startsWith('22') || code.startsWith('23')) return new ValidationError(`${lines}: a value cannot be stored (${(error as Error).message})`);
  return undefined;
}

/**
 * Pass 1's state: what the file has shown so far, bounded by the target's plan (collection and
 * workflow names, the current collection's records awaiting their schema check, the current run's
 * steps), never by the file's size.
 */
class FileCheck {
  header: ExportHeader | undefined;
  end: { line: number; value: ExportEnd } | undefined;
  readonly counts = zeroCounts();
  /** Collections by name: the line each came on and the indexes it declares. */
  readonly collections = new Map<string, { line: number; indexes: string[] }>();
  /** Workflows with a schedule: set once their definitions are stored. */
  readonly scheduled = new Map<string, WorkflowDefinition>();
  readonly #hash = createHash('sha256');
  #section = 0;
  #indexes = 0;
  #recordBytes = 0;
  #collection: Collection | undefined;
  #pending: Array<{ line: number; id: string; data: Record<string, unknown> }> = [];
  #pendingBytes = 0;
  readonly #models = new Map<string, number>();
  #model: { name: string; kind: ModelRow['kind']; version: number } | undefined;
  readonly #workflows = new Map<string, number>();
  #run: { id: string; line: number; steps: Set<string>; seen: Set<string> } | undefined;
  #lastRun = '';
  #lastAudit = 0;
  /** Run definitions already checked (runs of one revision share theirs), by their JSON text. */
  readonly #checkedDefinitions = new Set<string>();

  constructor(
    private readonly tenant: TenantInfo,
    private readonly limits: PlanLimits,
    private readonly schemas: Pick<Collections, 'firstMismatch'>,
    /** The target tenant's keys: encrypted fields must open under them (checked, then stored as they came). */
    private readonly keys: KeySource,
    /** Whether records are checked against their collection's schema (ImportOptions.validate). */
    private readonly validate: boolean,
  ) {}

  async line({ number: n, text, bytes }: NdjsonLine): Promise<void> {
    if (this.end) throw invalid(n, `nothing may follow the end line (line ${this.end.line})`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw invalid(n, `not JSON (${(error as Error).message})`);
    }
    // Only a model version's line may be longer than this (its artifact).
    if (bytes.length > MAX_ROW_LINE_BYTES && (value as { type?: unknown } | null)?.type !== 'modelVersion') {
      throw invalid(n, `${bytes.length} bytes long; only a model version's line may be longer than ${MAX_ROW_LINE_BYTES} bytes`);
    }
    checkJsonNumbers(text, `line ${n}`);
    checkJson(value, `line ${n}`);
    if (n === 1) {
      this.#header(value);
      return;
    }
    const type = (value as { type?: unknown } | null)?.type;
    if (type === 'end') {
      const problem = lineProblem('end', value);
      if (problem) throw invalid(n, `(the end line) ${problem}`);
      await this.#closeSection();
      this.end = { line: n, value: value as ExportEnd };
      return;
    }
    if (typeof type !== 'string' || !Object.hasOwn(LINE_TYPES, type)) {
      throw invalid(n, `unknown type ${JSON.stringify(type) ?? 'undefined'}; a line is one of ${Object.keys(LINE_TYPES).join(', ')}, or the end line`);
    }
    const problem = lineProblem(type as LineType, value);
    if (problem) throw invalid(n, `(${type}) ${problem}`);
    this.#hash.update(bytes).update('\n');
    const row = value as ExportLine;
    const { section, count } = LINE_TYPES[row.type];
    if (section < this.#section) throw invalid(n, `a ${row.type} line after the ${SECTIONS[this.#section]}: sections come in the order ${SECTIONS.join('; ')}`);
    this.#section = section;
    this.counts[count]++;
    if (row.type !== 'record') await this.#flushRecords();
    if (row.type !== 'runStep') this.#closeRun();
    switch (row.type) {
      case 'collection':
        return this.#collectionLine(n, row);
      case 'record':
        return this.#recordLine(n, row, bytes.length);
      case 'model':
        return this.#modelLine(n, row);
      case 'modelVersion':
        return this.#versionLine(n, row);
      case 'workflow':
        return this.#workflowLine(n, row);
      case 'run':
        return this.#runLine(n, row);
      case 'runStep':
        return this.#stepLine(n, row);
      case 'audit':
        return this.#auditLine(n, row);
    }
  }

  /** At the end of the input: the file was whole (its end line's counts and checksum agree). */
  async finish(lines: number): Promise<void> {
    if (!this.header) throw new ValidationError('the file is empty');
    await this.#closeSection();
    if (!this.end) throw new ValidationError(`the file ends at line ${lines} without its end line: it is truncated`);
    for (const key of COUNT_KEYS) {
      const counted = this.end.value.counts[key] ?? (OPTIONAL_COUNTS.has(key) ? 0 : undefined);
      if (counted !== this.counts[key]) {
        throw new ValidationError(`the end line counts ${counted} ${key} but the file holds ${this.counts[key]}: lines were lost or added`);
      }
    }
    if (this.#hash.digest('hex') !== this.end.value.sha256)
      throw new ValidationError("the file's checksum does not match its end line: it was changed or damaged");
  }

  #header(value: unknown): void {
    const { format, version } = (value ?? {}) as { format?: unknown; version?: unknown };
    if (format !== EXPORT_FORMAT) throw invalid(1, `not the header of a tenant export ({"format": "${EXPORT_FORMAT}", "version": ${EXPORT_VERSION}, …})`);
    if (version !== EXPORT_VERSION) throw invalid(1, `export format version ${JSON.stringify(version)}; this server reads version ${EXPORT_VERSION}`);
    const problem = lineProblem('header', value);
    if (problem) throw invalid(1, `(the header) ${problem}`);
    this.header = value as ExportHeader;
  }

  async #closeSection(): Promise<void> {
    await this.#flushRecords();
    this.#closeRun();
  }

  async #collectionLine(n: number, c: Extract<ExportLine, { type: 'collection' }>): Promise<void> {
    const seen = this.collections.get(c.name);
    if (seen) throw invalid(n, `collection '${c.name}' is on line ${seen.line} already`);
    if (this.collections.size >= this.limits.maxCollections) {
      throw new TenantryError(
        'limit_reached',
        `the file holds more than ${this.limits.maxCollections} collections, this tenant's plan's limit (maxCollections)`,
      );
    }
    this.#indexes += c.indexes.length;
    if (this.#indexes > this.limits.maxIndexes) {
      throw new TenantryError(
        'limit_reached',
        `the file's collections declare more than ${this.limits.maxIndexes} indexes, this tenant's plan's limit (maxIndexes)`,
      );
    }
    this.collections.set(c.name, { line: n, indexes: c.indexes });
    for (const field of c.encrypted ?? []) {
      if (c.indexes.some((i) => i.split('.')[0] === field)) throw invalid(n, `collection '${c.name}' indexes its encrypted field '${field}'`);
    }
    this.#collection = { name: c.name, schema: c.schema, indexes: c.indexes, encrypted: c.encrypted ?? [], createdAt: c.createdAt, updatedAt: c.updatedAt };
    try {
      await this.schemas.firstMismatch(this.tenant, this.#collection, []); // compiles the schema: within bounds, valid
    } catch (error) {
      if (error instanceof ValidationError) throw invalid(n, `the schema of collection '${c.name}': ${error.message}`);
      throw error;
    }
  }

  async #recordLine(n: number, r: Extract<ExportLine, { type: 'record' }>, bytes: number): Promise<void> {
    if (this.#collection?.name !== r.collection) {
      throw invalid(
        n,
        this.collections.has(r.collection)
          ? `record ${r.id} of collection '${r.collection}' is not among that collection's lines (records follow their collection's line)`
          : `record ${r.id} belongs to collection '${r.collection}', which is not in the file`,
      );
    }
    this.#recordBytes += bytes;
    if (this.#recordBytes > this.limits.storageBytes) {
      throw new TenantryError(
        'limit_reached',
        `the file's records are larger than ${this.limits.storageBytes} bytes, this tenant's plan's limit (storageBytes)`,
      );
    }
    const clear = this.#collection.encrypted.find((f) => Object.hasOwn(r.data, f));
    if (clear) throw invalid(n, `record ${r.id} carries encrypted field '${clear}' of '${r.collection}' in clear`);
    this.#pending.push({ line: n, id: r.id, data: r.data });
    this.#pendingBytes += bytes;
    if (this.#pending.length >= CHECK_ROWS || this.#pendingBytes >= CHECK_BYTES) await this.#flushRecords();
  }

  /** The records waiting for their schema check, checked as a write of them would be. */
  async #flushRecords(): Promise<void> {
    const pending = this.#pending;
    const collection = this.#collection;
    this.#pending = [];
    this.#pendingBytes = 0;
    if (pending.length === 0 || !collection) return;
    // Encrypted fields must open under this tenant's keys — so an export comes back only into the
    // tenant it was taken from (the AAD names the tenant; its keys are its own), and not once that
    // tenant was deleted (its keys destroyed) — and the schema applies to what they hold.
    const plain: Array<Record<string, unknown>> = [];
    const place = { tenantId: this.tenant.id, generation: this.tenant.generation, collection: collection.name };
    for (const p of pending) {
      try {
        plain.push(
          (await decodeRecords(this.keys, place, [{ id: p.id, data: p.data, version: 1, created_at: new Date(0), updated_at: new Date(0) }]))[0]!.data,
        );
      } catch (error) {
        if (!(error instanceof TenantryError) || (error.code !== 'data_corrupt' && error.code !== 'key_unavailable')) throw error;
        throw invalid(
          p.line,
          `the encrypted fields of record ${p.id} do not open with this tenant's keys: an export carries them as ciphertext bound to the tenant it was taken from, ` +
            `which can be imported back only while that tenant's keys exist (${error.message})`,
        );
      }
    }
    if (!collection.schema || !this.validate) return;
    let miss: { index: number; message: string } | null;
    try {
      miss = await this.schemas.firstMismatch(this.tenant, collection, plain);
    } catch (error) {
      if (error instanceof ValidationError) throw invalid(pending[0]!.line, error.message);
      throw error;
    }
    if (miss) {
      const at = pending[miss.index]!;
      // A collection whose schema was changed with ?validate=false exports records that do not match it.
      throw invalid(
        at.line,
        `record ${at.id} does not match the schema of '${collection.name}': ${miss.message}. ` +
          'To restore the file as it is (an export of a collection whose schema was changed with ?validate=false holds such records), ' +
          'import it with ?validate=false (tenantry tenant import --no-validate): only this check is skipped',
      );
    }
  }

  #auditLine(n: number, a: Extract<ExportLine, { type: 'audit' }>): void {
    if (a.seq <= this.#lastAudit) throw invalid(n, `audit entry ${a.seq} after entry ${this.#lastAudit}: entries come in increasing order, each once`);
    const head = this.header?.auditHead;
    if (!head || a.seq > head.seq) throw invalid(n, `audit entry ${a.seq} is past the chain's head in the header (${head ? head.seq : 'none'})`);
    this.#lastAudit = a.seq;
  }

  #modelLine(n: number, m: ModelRow): void {
    const seen = this.#models.get(m.name);
    if (seen) throw invalid(n, `model '${m.name}' is on line ${seen} already`);
    const problem = modelProblem(m);
    if (problem) throw invalid(n, `model '${m.name}': ${problem}`);
    this.#models.set(m.name, n);
    this.#model = { name: m.name, kind: m.kind, version: 0 };
  }

  #versionLine(n: number, v: Extract<ExportLine, { type: 'modelVersion' }>): void {
    const model = this.#model;
    if (model?.name !== v.model) {
      throw invalid(
        n,
        this.#models.has(v.model)
          ? `version ${v.version} of model '${v.model}' is not among that model's lines (versions follow their model's line)`
          : `version ${v.version} belongs to model '${v.model}', which is not in the file`,
      );
    }
    if (v.version <= model.version)
      throw invalid(n, `version ${v.version} of model '${v.model}' after version ${model.version}: versions come in increasing order`);
    model.version = v.version;
    const problem = v.status === 'ready' ? artifactProblem(model.kind, v.artifact) : v.artifact === null ? null : 'only a ready version has an artifact';
    if (problem) throw invalid(n, `version ${v.version} of model '${v.model}': ${problem}`);
  }

  #workflowLine(n: number, w: Extract<ExportLine, { type: 'workflow' }>): void {
    const seen = this.#workflows.get(w.name);
    if (seen) throw invalid(n, `workflow '${w.name}' is on line ${seen} already`);
    if (this.#workflows.size >= this.limits.maxWorkflows) {
      throw new TenantryError('limit_reached', `the file holds more than ${this.limits.maxWorkflows} workflows, this tenant's plan's limit (maxWorkflows)`);
    }
    this.#workflows.set(w.name, n);
    const definition = w.definition as WorkflowDefinition;
    this.#checkDefinition(n, `workflow '${w.name}'`, definition);
    if (definition.schedule) {
      try {
        checkScheduleInterval(definition.schedule, this.limits.minScheduleIntervalMs);
      } catch (error) {
        if (error instanceof ValidationError) throw new TenantryError('limit_reached', `line ${n}: workflow '${w.name}': ${error.message}`);
        throw error;
      }
      this.scheduled.set(w.name, definition);
    }
  }

  #runLine(n: number, r: RunRow): void {
    if (r.id <= this.#lastRun) throw invalid(n, `run ${r.id} after run ${this.#lastRun}: runs come in increasing order of id, each once`);
    this.#lastRun = r.id;
    const definition = r.definition as WorkflowDefinition;
    const text = JSON.stringify(definition);
    if (!this.#checkedDefinitions.has(text)) {
      this.#checkDefinition(n, `run ${r.id}`, definition);
      if (this.#checkedDefinitions.size >= 100) this.#checkedDefinitions.clear();
      this.#checkedDefinitions.add(text);
    }
    this.#checkSize(n, `the input of run ${r.id}`, r.input);
    this.#run = { id: r.id, line: n, steps: new Set(definition.steps.map((s) => s.id)), seen: new Set() };
  }

  #stepLine(n: number, s: Extract<ExportLine, { type: 'runStep' }>): void {
    const run = this.#run;
    if (run?.id !== s.runId) throw invalid(n, `step '${s.stepId}' of run ${s.runId} does not follow that run's line (steps follow their run's line)`);
    if (!run.steps.has(s.stepId)) throw invalid(n, `run ${run.id} has no step '${s.stepId}' in its definition`);
    if (run.seen.has(s.stepId)) throw invalid(n, `step '${s.stepId}' of run ${run.id} is there twice`);
    run.seen.add(s.stepId);
    this.#checkSize(n, `the output of step '${s.stepId}'`, s.output);
  }

  /** A run's lines are over: it must have had every step of its definition. */
  #closeRun(): void {
    const run = this.#run;
    this.#run = undefined;
    if (!run || run.seen.size === run.steps.size) return;
    const missing = [...run.steps].filter((s) => !run.seen.has(s));
    throw invalid(run.line, `run ${run.id} lacks the lines of its step${missing.length > 1 ? 's' : ''} ${missing.map((s) => `'${s}'`).join(', ')}`);
  }

  #checkDefinition(n: number, what: string, definition: WorkflowDefinition): void {
    try {
      checkWorkflow(definition);
    } catch (error) {
      if (error instanceof ValidationError) throw invalid(n, `${what}: ${error.message}`);
      throw error;
    }
  }

  #checkSize(n: number, what: string, value: unknown): void {
    const size = Buffer.byteLength(JSON.stringify(value ?? null));
    if (size > MAX_OUTPUT_BYTES) throw invalid(n, `${what} is ${size} bytes of JSON; the limit is ${MAX_OUTPUT_BYTES}`);
  }
}

/** What ModelsService checks of a definition before storing it, for one that arrives stored. */
function modelProblem(m: ModelRow): string | null {
  if (m.kind === 'recommendation') {
    if (!m.options.fields) return 'a recommendation model needs options.fields: {user, item, weight?}';
    if (m.features.length > 0 || m.target !== null) return 'a recommendation model takes fields, not features or target';
    return null;
  }
  if (m.options.fields) return `a ${m.kind} model takes features and target, not fields`;
  if (m.features.length === 0) return `a ${m.kind} model needs at least one feature`;
  if (m.target === null) return `a ${m.kind} model needs a target`;
  if (m.features.includes(m.target)) return `the target '${m.target}' cannot also be a feature`;
  return null;
}
