import { Ajv, type ValidateFunction } from 'ajv';
import { Type, type Static, type TSchema } from 'typebox';
import { COLLECTION_NAME_PATTERN, FIELD_PATH_PATTERN } from '../../storage/names.js';
import { MAX_STEPS, STEP_KINDS } from '../../workflows/definition.js';

/**
 * The tenant export format, version 1: NDJSON, one JSON object per line (UTF-8, `\n` after each).
 *
 * - Line 1, the header: `{"format": "tenantry-export", "version": 1, "tenant": {id, name, tier,
 *   isolation, settings, limits}, "exportedAt", "counts"}` — counts as they were when the export began.
 * - Then one line per row the tenant owns, by `type`, in sections: each `collection` followed by its
 *   `record`s; each `model` followed by its `modelVersion`s; the `workflow`s; each `run` followed by
 *   its `runStep`s; last the tenant's audit trail, its `audit` entries in chain order (up to the chain's
 *   head as the export began, which the header carries as `auditHead`). A child line always follows
 *   its parent's, so a file can be checked line by line.
 * - Last, `{"type": "end", "counts", "sha256"}`: the lines actually written by type, and the SHA-256 (hex)
 *   of every byte between the header and this line (each line with its `\n`). Without it (a truncated
 *   file), or when either disagrees, an import is refused. The header is left out of the checksum, so
 *   two exports of the same data carry the same one, whichever tenant they came from and when.
 *
 * Timestamps are RFC 3339 in UTC with the database's microseconds (`2025-01-02T03:04:05.123456Z`), so a
 * row keeps its exact times; ids, versions, revisions and JSON values are as stored. Nothing in a line
 * names the tenant but the header: a file restores into a tenant of any id.
 */
export const EXPORT_FORMAT = 'tenantry-export';
export const EXPORT_VERSION = 1;
/**
 * Longest line an import accepts: a model version's, whose artifact only the plan's training limits
 * bound (a recommendation model over many users runs to tens of MB) …
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
/**
 * … and any other line's. What the API stores arrives in bodies of at most 1 MiB (a record's data, a
 * collection's schema, a workflow's definition; a step's output is at most 256 KiB), which a line may
 * spell longer (`1e20` is exported as `100000000000000000000`): room for that, not for a 100 MB record.
 */
export const MAX_ROW_LINE_BYTES = 8 * 1024 * 1024;

export const COUNT_KEYS = ['collections', 'records', 'models', 'modelVersions', 'workflows', 'runs', 'runSteps', 'auditEntries'] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
export type ExportCounts = Record<CountKey, number>;
/** Counts a file written before the audit trail was exported may lack (read as 0). */
export const OPTIONAL_COUNTS: ReadonlySet<CountKey> = new Set(['auditEntries']);

export function zeroCounts(): ExportCounts {
  return { collections: 0, records: 0, models: 0, modelVersions: 0, workflows: 0, runs: 0, runSteps: 0, auditEntries: 0 };
}

/**
 * The timestamp text of the format, as PostgreSQL writes it from a timestamptz column (`column` is a
 * trusted identifier from this code); null stays null.
 */
export const TIMESTAMP_SQL = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?Z$/;

/** A timestamp of the format that PostgreSQL stores as written: a real date and time, year 1 or later. */
function validTimestamp(text: string): boolean {
  const m = TIMESTAMP.exec(text);
  if (!m || m[1] === '0000') return false;
  const date = new Date(`${text.slice(0, 19)}Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 19) === text.slice(0, 19);
}

const Timestamp = Type.String({ format: 'timestamp' });
const MaybeTimestamp = Type.Union([Timestamp, Type.Null()]);
const Name = Type.String({ pattern: COLLECTION_NAME_PATTERN.source });
const FieldPath = Type.String({ pattern: FIELD_PATH_PATTERN.source, maxLength: 1000 });
const Uuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });
/** A PostgreSQL integer. */
const Int = (minimum: number) => Type.Integer({ minimum, maximum: 2_147_483_647 });
const JsonObject = Type.Unsafe<Record<string, unknown>>({ type: 'object' });
const Text = Type.Union([Type.String({ maxLength: 1_000_000 }), Type.Null()]);
const enumOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });

/** A workflow definition's shape (the route's body schema); its meaning is checkWorkflow's. */
const WorkflowDefinition = Type.Object(
  {
    steps: Type.Array(
      Type.Object(
        {
          id: Type.String({ maxLength: 63 }),
          kind: enumOf(STEP_KINDS),
          needs: Type.Optional(Type.Array(Type.String({ maxLength: 63 }), { maxItems: MAX_STEPS, uniqueItems: true })),
          with: Type.Optional(JsonObject),
          retry: Type.Optional(
            Type.Object(
              {
                attempts: Type.Integer({ minimum: 1, maximum: 20 }),
                backoff: Type.Optional(
                  Type.Object(
                    { type: enumOf(['exponential', 'fixed'] as const), delayMs: Type.Integer({ minimum: 1, maximum: 3_600_000 }) },
                    { additionalProperties: false },
                  ),
                ),
              },
              { additionalProperties: false },
            ),
          ),
          timeoutMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 86_400_000 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_STEPS },
    ),
    schedule: Type.Optional(
      Type.Object({ cron: Type.String({ maxLength: 120 }), timezone: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

const Counts = Type.Object(
  Object.fromEntries(COUNT_KEYS.map((k) => [k, OPTIONAL_COUNTS.has(k) ? Type.Optional(Type.Integer({ minimum: 0 })) : Type.Integer({ minimum: 0 })])) as Record<
    CountKey,
    ReturnType<typeof Type.Integer>
  >,
  { additionalProperties: false },
);
const Hash = Type.String({ pattern: '^[0-9a-f]{64}$' });

export const HeaderLine = Type.Object(
  {
    format: Type.Literal(EXPORT_FORMAT),
    version: Type.Integer(),
    tenant: Type.Object({
      id: Type.String(),
      name: Type.String(),
      tier: Type.String(),
      isolation: Type.String(),
      settings: JsonObject,
      limits: JsonObject,
    }),
    exportedAt: Timestamp,
    counts: Counts,
    /** The tenant's audit chain's head as the export began (its last sequence number and hash); null: no entries. */
    auditHead: Type.Optional(Type.Union([Type.Object({ seq: Type.Integer({ minimum: 1 }), hash: Hash }, { additionalProperties: false }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const EndLine = Type.Object({ type: Type.Literal('end'), counts: Counts, sha256: Hash }, { additionalProperties: false });

const line = <P extends Record<string, TSchema>, T extends string>(type: T, properties: P) =>
  Type.Object({ type: Type.Literal(type), ...properties }, { additionalProperties: false });

export const CollectionLine = line('collection', {
  name: Name,
  schema: Type.Union([JsonObject, Type.Null()]),
  indexes: Type.Array(FieldPath, { maxItems: 100_000 }),
  /** Top-level fields stored encrypted: the records carry them as ciphertext (in `$enc`), bound to the exported tenant. */
  encrypted: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), { maxItems: 100 })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const RecordLine = line('record', { collection: Name, id: Uuid, data: JsonObject, version: Int(1), createdAt: Timestamp, updatedAt: Timestamp });
export const ModelLine = line('model', {
  name: Name,
  kind: enumOf(['classification', 'regression', 'recommendation'] as const),
  collection: Name,
  features: Type.Array(FieldPath, { maxItems: 50, uniqueItems: true }),
  target: Type.Union([FieldPath, Type.Null()]),
  options: Type.Object(
    {
      l2: Type.Optional(Type.Number()),
      seed: Type.Optional(Type.Number()),
      fields: Type.Optional(Type.Object({ user: FieldPath, item: FieldPath, weight: Type.Optional(FieldPath) }, { additionalProperties: false })),
    },
    { additionalProperties: false },
  ),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const ModelVersionLine = line('modelVersion', {
  model: Name,
  version: Int(1),
  status: enumOf(['queued', 'training', 'ready', 'failed'] as const),
  error: Text,
  metrics: Type.Union([Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])), Type.Null()]),
  artifact: Type.Unknown(),
  createdAt: Timestamp,
  finishedAt: MaybeTimestamp,
});
export const WorkflowLine = line('workflow', { name: Name, definition: WorkflowDefinition, revision: Int(1), createdAt: Timestamp, updatedAt: Timestamp });
export const RunLine = line('run', {
  id: Uuid,
  workflow: Name,
  revision: Int(1),
  definition: WorkflowDefinition,
  input: Type.Unknown(),
  status: enumOf(['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const),
  trigger: enumOf(['manual', 'schedule'] as const),
  idempotencyKey: Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]),
  createdAt: Timestamp,
  startedAt: MaybeTimestamp,
  finishedAt: MaybeTimestamp,
});
export const RunStepLine = line('runStep', {
  runId: Uuid,
  stepId: Type.String({ maxLength: 63 }),
  needs: Type.Array(Type.String({ maxLength: 63 }), { maxItems: MAX_STEPS, uniqueItems: true }),
  status: enumOf(['pending', 'queued', 'running', 'succeeded', 'failed', 'skipped', 'cancelled'] as const),
  attempts: Int(0),
  output: Type.Unknown(),
  error: Text,
  wakeAt: MaybeTimestamp,
  startedAt: MaybeTimestamp,
  finishedAt: MaybeTimestamp,
});

/** An entry of the tenant's audit trail, as it was hashed (src/audit/chain.ts), with its place and hash. */
export const AuditLine = line('audit', {
  seq: Type.Integer({ minimum: 1 }),
  at: Timestamp,
  actor: Type.String({ maxLength: 1000 }),
  action: Type.String({ maxLength: 1000 }),
  target: Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()]),
  requestId: Type.Union([Type.String({ maxLength: 1000 }), Type.Null()]),
  outcome: Type.String({ maxLength: 100 }),
  detail: Type.Union([JsonObject, Type.Null()]),
  hash: Hash,
});

export type ExportHeader = Static<typeof HeaderLine>;
export type ExportEnd = Static<typeof EndLine>;
export type CollectionRow = Static<typeof CollectionLine>;
export type RecordRow = Static<typeof RecordLine>;
export type ModelRow = Static<typeof ModelLine>;
export type ModelVersionRow = Static<typeof ModelVersionLine>;
export type WorkflowRow = Static<typeof WorkflowLine>;
export type RunRow = Static<typeof RunLine>;
export type RunStepRow = Static<typeof RunStepLine>;
export type AuditRow = Static<typeof AuditLine>;
export type ExportLine = CollectionRow | RecordRow | ModelRow | ModelVersionRow | WorkflowRow | RunRow | RunStepRow | AuditRow;
export type LineType = ExportLine['type'];

/** Each row type: the count it adds to and the section it belongs to (sections come in this order). */
export const LINE_TYPES: Record<LineType, { count: CountKey; section: number; schema: TSchema }> = {
  collection: { count: 'collections', section: 0, schema: CollectionLine },
  record: { count: 'records', section: 0, schema: RecordLine },
  model: { count: 'models', section: 1, schema: ModelLine },
  modelVersion: { count: 'modelVersions', section: 1, schema: ModelVersionLine },
  workflow: { count: 'workflows', section: 2, schema: WorkflowLine },
  run: { count: 'runs', section: 3, schema: RunLine },
  runStep: { count: 'runSteps', section: 3, schema: RunStepLine },
  audit: { count: 'auditEntries', section: 4, schema: AuditLine },
};

/** The line validators, compiled on first use: compiling them costs ~0.1 s, which every process importing this module (the CLI, the server) would pay at start. */
let validators: Map<string, ValidateFunction> | undefined;

function validator(kind: string): ValidateFunction {
  if (!validators) {
    const ajv = new Ajv({ strict: false, allErrors: false });
    ajv.addFormat('timestamp', { type: 'string', validate: validTimestamp });
    validators = new Map<string, ValidateFunction>([
      ['header', ajv.compile(HeaderLine)],
      ['end', ajv.compile(EndLine)],
      ...Object.entries(LINE_TYPES).map(([type, { schema }]) => [type, ajv.compile(schema)] as const),
    ]);
  }
  return validators.get(kind)!;
}

/**
 * Why `value` is not a line of `kind` ('header', 'end' or a row type) — the first problem, with where
 * in the line — or null when it is one.
 */
export function lineProblem(kind: 'header' | 'end' | LineType, value: unknown): string | null {
  const validate = validator(kind);
  if (validate(value)) return null;
  const error = validate.errors?.[0];
  if (!error) return 'is not valid';
  const where = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') return `${where}: unknown property '${String(error.params.additionalProperty)}'`;
  if (error.keyword === 'enum') return `${where} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (error.keyword === 'format') return `${where} must be a timestamp like 2025-01-02T03:04:05.123456Z`;
  return `${where} ${error.message ?? 'is not valid'}`;
}
