import { ValidationError } from '../errors.js';
import type { Isolation } from '../storage/placement.js';
import type { Tier } from './tiers.js';

/**
 * One table of what each plan (tier) may use of what all tenants share: request rate, database time
 * and connections, indexes on shared tables, workflow slots and schedules, training time and size,
 * evaluator time, history kept, scans of unindexed queries at once. A tenant's `limits` overrides any of these keys (the control plane's
 * PATCH /v1/tenants/{id}); unknown keys and values out of range are refused there, so a typo never
 * silently leaves the default in force.
 */
export interface PlanLimits {
  /** Requests per minute: a token bucket per tenant (src/api/rate-limit.ts). */
  requestsPerMinute: number;
  /** Workflow steps of the tenant running at once, across all worker processes. */
  workflowConcurrency: number;
  /** Collections the tenant may have. */
  maxCollections: number;
  /** Declared record indexes, over all the tenant's collections. */
  maxIndexes: number;
  /** Longest a single database statement of the tenant may run (PostgreSQL `statement_timeout`). */
  statementTimeoutMs: number;
  /** Share (0–1] of any one connection pool the tenant may hold at once; at least one connection. */
  poolShare: number;
  /**
   * Cost budget of a record query that no index narrows: filter conditions × bytes of the
   * collection's data scanned. A query over it is refused (400) before it runs.
   */
  queryCost: number;
  /**
   * Record queries no index narrows (scans: src/records/scans.ts) the tenant runs at once in this
   * process; the rest wait their turn, in the tenant's own queue, without a connection. A scan runs
   * without parallel workers, so this is the cores of the database its scans can take at once.
   */
  concurrentScans: number;
  /** Workflow definitions the tenant may have. */
  maxWorkflows: number;
  /** Shortest interval between two slots of a workflow schedule. */
  minScheduleIntervalMs: number;
  /**
   * Longest one evaluation of tenant-supplied logic may run in the sandbox: a JSONata expression (a
   * transform step, a `{"$expr"}` parameter), or a JSON Schema check too large or recursive for the
   * request thread.
   */
  evaluationTimeoutMs: number;
  /** Longest one model training may run (reading rows and fitting). */
  trainingTimeMs: number;
  /** Largest training design: rows × encoded columns. */
  trainingCells: number;
  /** Largest model: encoded columns × (classes − 1) — the fit's cost is cubic in it. */
  trainingWidth: number;
  /** Finished workflow runs are deleted this many days after they finished. */
  runRetentionDays: number;
  /** Versions kept per model: older ones beyond this are deleted when a new one is ready. */
  modelVersionsKept: number;
  /**
   * Bytes of record data the tenant may store; past it, writes that add records are refused. Measured
   * (records × average size of a sample) at most once a minute per process, so it is approximate.
   */
  storageBytes: number;
  /** Records the tenant may have: counted by the database on every insert and delete (tenant migration 9). */
  maxRecords: number;
  /** Models the tenant may have: counted the same way. */
  maxModels: number;
  /**
   * Load pressure at which the tenant's non-critical requests are shed (503 `overloaded`): a multiple
   * of the process's overload thresholds (src/api/load-shedding.ts), 0 = never shed.
   */
  shedAt: number;
}

/** Where a tenant of each plan is placed unless its creation names an isolation (moving is its own operation). */
export const PLAN_ISOLATION: Record<Tier, Isolation> = {
  free: 'pooled',
  pro: 'schema',
  enterprise: 'database',
};

export const PLAN_LIMITS = {
  free: {
    requestsPerMinute: 600,
    workflowConcurrency: 8,
    maxCollections: 20,
    maxIndexes: 8,
    statementTimeoutMs: 5_000,
    poolShare: 0.4,
    queryCost: 400_000_000,
    concurrentScans: 1,
    maxWorkflows: 20,
    minScheduleIntervalMs: 60_000,
    evaluationTimeoutMs: 1_000,
    trainingTimeMs: 60_000,
    trainingCells: 10_000_000,
    trainingWidth: 500,
    runRetentionDays: 7,
    modelVersionsKept: 3,
    storageBytes: 1_000_000_000,
    maxRecords: 10_000_000,
    maxModels: 20,
    shedAt: 1,
  },
  pro: {
    requestsPerMinute: 3_000,
    workflowConcurrency: 32,
    maxCollections: 200,
    maxIndexes: 64,
    statementTimeoutMs: 15_000,
    poolShare: 0.6,
    queryCost: 2_000_000_000,
    concurrentScans: 2,
    maxWorkflows: 200,
    minScheduleIntervalMs: 30_000,
    evaluationTimeoutMs: 2_000,
    trainingTimeMs: 300_000,
    trainingCells: 40_000_000,
    trainingWidth: 2_000,
    runRetentionDays: 30,
    modelVersionsKept: 10,
    storageBytes: 50_000_000_000,
    maxRecords: 1_000_000_000,
    maxModels: 200,
    shedAt: 2,
  },
  enterprise: {
    requestsPerMinute: 12_000,
    workflowConcurrency: 64,
    maxCollections: 2_000,
    maxIndexes: 256,
    statementTimeoutMs: 30_000,
    poolShare: 0.8,
    queryCost: 10_000_000_000,
    concurrentScans: 4,
    maxWorkflows: 2_000,
    minScheduleIntervalMs: 10_000,
    evaluationTimeoutMs: 5_000,
    trainingTimeMs: 900_000,
    trainingCells: 100_000_000,
    trainingWidth: 4_000,
    runRetentionDays: 90,
    modelVersionsKept: 50,
    storageBytes: 500_000_000_000,
    maxRecords: 100_000_000_000,
    maxModels: 2_000,
    shedAt: 0,
  },
} as const satisfies Record<string, PlanLimits>;

/** The range each override may take: integers unless the key is fractional. */
const RANGES: Record<keyof PlanLimits, { min: number; max: number; fraction?: true }> = {
  requestsPerMinute: { min: 1, max: 1e12 },
  workflowConcurrency: { min: 1, max: 100_000 },
  maxCollections: { min: 1, max: 1_000_000 },
  maxIndexes: { min: 0, max: 100_000 },
  statementTimeoutMs: { min: 100, max: 3_600_000 },
  poolShare: { min: 0.01, max: 1, fraction: true },
  queryCost: { min: 1, max: 1e15 },
  concurrentScans: { min: 1, max: 1_000 },
  maxWorkflows: { min: 1, max: 1_000_000 },
  minScheduleIntervalMs: { min: 1_000, max: 86_400_000 },
  evaluationTimeoutMs: { min: 10, max: 60_000 },
  trainingTimeMs: { min: 1_000, max: 86_400_000 },
  trainingCells: { min: 1_000, max: 1e10 },
  trainingWidth: { min: 2, max: 20_000 },
  runRetentionDays: { min: 1, max: 36_500 },
  modelVersionsKept: { min: 1, max: 10_000 },
  storageBytes: { min: 1_000, max: 1e15 },
  maxRecords: { min: 0, max: 1e15 },
  maxModels: { min: 0, max: 1_000_000 },
  shedAt: { min: 0, max: 1_000, fraction: true },
};

export const PLAN_LIMIT_KEYS = Object.keys(RANGES) as Array<keyof PlanLimits>;

/** planLimits' answer per tenant object (a catalog entry, reused by every request while it is cached). */
const MERGED = new WeakMap<object, { tier: string; limits: Record<string, unknown>; merged: PlanLimits }>();

/** What a tenant may use: its tier's limits with the tenant's own overrides applied. */
export function planLimits(tenant: { tier: string; limits: Record<string, unknown> }): PlanLimits {
  // Every scope asks, for the same cached entry: merged once per entry (and again if its tier or its
  // limits object is replaced), so the answer is also one object, whose counted quotas are memoised.
  const known = MERGED.get(tenant);
  if (known !== undefined && known.tier === tenant.tier && known.limits === tenant.limits) return known.merged;
  const merged = mergeLimits(tenant);
  MERGED.set(tenant, { tier: tenant.tier, limits: tenant.limits, merged });
  return merged;
}

function mergeLimits(tenant: { tier: string; limits: Record<string, unknown> }): PlanLimits {
  const base: PlanLimits = PLAN_LIMITS[tenant.tier as keyof typeof PLAN_LIMITS] ?? PLAN_LIMITS.free;
  let merged: PlanLimits | undefined;
  for (const key of PLAN_LIMIT_KEYS) {
    const own = tenant.limits[key];
    if (own === undefined || !validLimit(key, own)) continue;
    merged ??= { ...base };
    merged[key] = own as number;
  }
  return merged ?? base;
}

function validLimit(key: keyof PlanLimits, value: unknown): boolean {
  const range = RANGES[key];
  return typeof value === 'number' && (range.fraction || Number.isInteger(value)) && value >= range.min && value <= range.max;
}

/** Refuse a `limits` object with an unknown key or a value out of range, naming each problem. */
export function checkLimits(limits: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(limits)) {
    if (!(key in RANGES)) throw new ValidationError(`limits.${key} is not a limit; limits are ${PLAN_LIMIT_KEYS.join(', ')}`);
    const range = RANGES[key as keyof PlanLimits];
    if (!validLimit(key as keyof PlanLimits, value)) {
      throw new ValidationError(
        `limits.${key} must be ${range.fraction ? 'a number' : 'an integer'} from ${range.min} to ${range.max}, got ${JSON.stringify(value)}`,
      );
    }
  }
}

const QUOTAS = new WeakMap<PlanLimits, string>();

/**
 * The quotas the database counts and enforces itself, under concurrency (tenant migration 9,
 * `count_quota`): the JSON a scope sets as `tenantry.quotas`. Keys are the counted kinds.
 */
export function countedQuotas(limits: PlanLimits): string {
  let text = QUOTAS.get(limits);
  if (text === undefined) {
    text = JSON.stringify({ records: limits.maxRecords, collections: limits.maxCollections, models: limits.maxModels });
    QUOTAS.set(limits, text);
  }
  return text;
}
