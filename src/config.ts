import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseMasterKey } from './crypto/master-key.js';
import { ValidationError } from './errors.js';
import { checkDeploymentName } from './storage/names.js';

/** How log lines are written: `auto` is pretty on a terminal and JSON otherwise (TENANTRY_LOG_FORMAT). */
export type LogFormat = 'auto' | 'json' | 'pretty';
export const LOG_FORMATS: readonly LogFormat[] = ['auto', 'json', 'pretty'];
/** pino's levels (TENANTRY_LOG_LEVEL): checked here, so a typo is an error naming the variable, not pino's own. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** What a rate-limit decision Redis did not answer does (TENANTRY_REDIS_FAIL). */
export type RedisFailMode = 'open' | 'closed';
export const REDIS_FAIL_MODES: readonly RedisFailMode[] = ['open', 'closed'];
/**
 * Whether `tenantry serve` sheds the lowest plans' non-critical requests under overload
 * (TENANTRY_LOAD_SHEDDING, src/api/load-shedding.ts): `auto` is on when every cluster is a PostgreSQL
 * server and off with embedded PGlite, whose queries run on the event loop the delay is measured on.
 */
export type LoadSheddingMode = 'auto' | 'on' | 'off';
export const LOAD_SHEDDING_MODES: readonly LoadSheddingMode[] = ['auto', 'on', 'off'];
/**
 * Who may scrape `/metrics` on the API's port (TENANTRY_METRICS_AUTH): `none` (API.md's operations
 * endpoints: no token; the series naming tenants are left out unless the admin token is sent) or
 * `admin` (the platform admin token, for every series).
 */
export type MetricsAuth = 'none' | 'admin';
export const METRICS_AUTH_MODES: readonly MetricsAuth[] = ['none', 'admin'];

/** One PostgreSQL cluster (or the embedded PGlite "cluster") that tenants can be placed on. */
export interface ClusterConfig {
  name: string;
  /** `postgres://…` for a server; undefined for an embedded PGlite cluster (under the data directory). */
  url?: string;
  /** Labels such as `region=eu` (TENANTRY_CLUSTER_LABELS): a tenant's `region` setting places it only on clusters with that region. */
  labels?: Record<string, string>;
}

export interface TenantryConfig {
  /** Directory for embedded PGlite data and generated secrets. */
  dataDir: string;
  /** Clusters by name; the first is the control-plane cluster and the default placement. */
  clusters: ClusterConfig[];
  /**
   * This deployment's name, carried by every role and database it creates on a server (storage/names.ts
   * DeploymentNames). Unset: the name the catalog recorded at its first start, which was derived from
   * the control-plane database's name (none for an embedded deployment, or one made before deployment
   * names). Set, it must equal the recorded one, or be the first.
   */
  deployment?: string;
  /** At most this many tenant databases (PGlite instances or pg pools) open at once. */
  maxOpenDatabases: number;
  /** Close a tenant database unused for this long, in milliseconds. */
  databaseIdleMs: number;
  /**
   * shared_buffers of each embedded PGlite instance (a cluster's main database, each tenant database),
   * in MB; unset: PGlite's (128). Each start zeroes them: smaller opens faster and holds less memory.
   */
  pgliteSharedBuffersMb?: number;
  /** Connections per pool for a cluster's main database. */
  poolSize: number;
  /** Server connections this process holds open at most, every pool of every cluster together. */
  maxConnections: number;
  /**
   * Record queries no index narrows (scans) this process runs at once on one cluster, all tenants
   * together (TENANTRY_MAX_CONCURRENT_SCANS); each tenant's own budget is its plan's `concurrentScans`.
   */
  maxConcurrentScans: number;
  /** Connections per pool for one `database`-strategy tenant. */
  tenantPoolSize: number;
  /** How long tenant metadata (strategy, status) is cached in process, in milliseconds. */
  catalogCacheMs: number;
  /**
   * How often a process adds what it metered (usage counters) and the failed authentications it
   * counted to the catalog; what is left is written on graceful shutdown.
   */
  usageFlushMs: number;
  /**
   * How long a process's claim on an operation holds without renewal (renewed every third of it): how
   * soon another process resumes an operation whose process died.
   */
  operationLeaseMs: number;
  /** Record indexes the shared pooled table of a cluster may hold, over all pooled tenants. */
  poolMaxIndexes: number;
  /** Largest tenant import (`POST /v1/tenants/{id}/import`, `tenantry tenant import`), in bytes of NDJSON. */
  importMaxBytes: number;
  host: string;
  port: number;
  /**
   * Which proxies to believe about the client's address (Fastify's `trustProxy`): per-address limits
   * count `request.ip`, which behind a load balancer is the balancer's address unless this is set.
   */
  trustProxy: boolean | number | string[];
  /**
   * Browser origins allowed to call the API (CORS): exact origins like `https://app.example.com`, or
   * `*` for any; none by default (browsers then refuse cross-origin calls; servers are unaffected).
   */
  corsOrigins: string[];
  logLevel: string;
  /** Platform admin token; unset → generated once into the data directory. */
  adminToken?: string;
  /**
   * The admin token being replaced (TENANTRY_ADMIN_TOKEN_PREVIOUS): accepted too, so a rotation needs
   * no downtime — set the new token with the old one as previous, update the clients, then unset it.
   */
  adminTokenPrevious?: string;
  /** The master key (base64, 32 bytes) wrapping every tenant data key: TENANTRY_MASTER_KEY; unset → generated once into the data directory. */
  masterKey?: string;
  /** A file holding the master key in base64 (TENANTRY_MASTER_KEY_FILE: a mounted Kubernetes Secret). */
  masterKeyFile?: string;
  /** The master key being replaced (TENANTRY_MASTER_KEY_PREVIOUS[_FILE]): unwraps until `tenantry keys rotate-master` re-wraps under the new one. */
  masterKeyPrevious?: string;
  masterKeyPreviousFile?: string;
  /** Key signing list cursors; unset → generated once into the data directory. */
  cursorSecret?: string;
  /** `{tenant}.<baseDomain>` names a tenant by subdomain. */
  baseDomain?: string;
  /** Workflow steps one process runs at once (`tenantry serve` runs none when 0). */
  workers: number;
  /** A worker's claim on a step lasts this long without a heartbeat, in milliseconds. */
  workerLeaseMs: number;
  /** How often an idle worker looks for work, in milliseconds. */
  workerPollMs: number;
  /** Hosts `http.request` steps may reach even on loopback or private addresses. */
  egressAllow: string[];
  /** How log lines are written (TENANTRY_LOG_FORMAT): `auto` is pretty on a terminal, JSON otherwise. */
  logFormat: LogFormat;
  /** Tenant ids listed in `tenantry_tenant_requests_total` (this process's busiest); 0 lists none. */
  metricsTopTenants: number;
  /** Whether `/metrics` on the API's port needs the admin token (`admin`) or not (`none`, the tenant-naming series then left out). */
  metricsAuth: MetricsAuth;
  /** A second, internal listener serving /metrics (without the admin token), /healthz and /readyz; none when unset. */
  metricsPort?: number;
  /** `tenantry worker`'s /healthz, /readyz and /metrics listener (TENANTRY_WORKER_PORT); 0 picks a free port. */
  workerPort: number;
  /** On SIGTERM, keep serving this long with /readyz failing, so load balancers stop sending first (ms). */
  shutdownDelayMs: number;
  /** Then at most this long for in-flight requests and steps to finish before exiting anyway (ms). */
  shutdownTimeoutMs: number;
  /** Redis holding the per-tenant rate-limit buckets of every replica; in process when unset. */
  redisUrl?: string;
  /** When Redis does not answer: `open` decides with this process's own bucket, `closed` refuses (503). */
  redisFail: RedisFailMode;
  /** How long a Redis command may take before it counts as unanswered (ms). */
  redisTimeoutMs: number;
  /** Load shedding under overload (TENANTRY_LOAD_SHEDDING): auto, on or off. */
  loadShedding: LoadSheddingMode;
  /** Mean event-loop delay (ms) over a window that counts as pressure 1: the free plan's non-critical requests are shed from there. */
  shedEventLoopDelayMs: number;
  /** Requests waiting for a database connection that count as pressure 1. */
  shedDbWaiting: number;
  /** How often the overload signals are read (ms). */
  shedSampleMs: number;
  /** Tenant JWTs (src/auth/jwt.ts); unset key → JWTs are not accepted. */
  jwt: { secret?: string; publicKey?: string; jwksUrl?: string; issuer?: string; audience?: string };
}

export const CLUSTER_NAME_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;
/** The platform admin token guards every tenant; a generated one has 43 characters. */
export const ADMIN_TOKEN_MIN_LENGTH = 16;

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    throw new ValidationError(`${name} must be an integer >= ${min}, got '${raw}'`);
  }
  return n;
}

/** `main=postgres://…,cell2=postgres://…` → clusters; `name=embedded` is a PGlite cluster in the data directory. */
export function parseClusters(raw: string): ClusterConfig[] {
  const clusters: ClusterConfig[] = [];
  for (const part of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new ValidationError(`TENANTRY_CLUSTERS entry '${part.split('@').pop()}' is not name=url`);
    const name = part.slice(0, eq);
    const url = part.slice(eq + 1);
    if (!CLUSTER_NAME_PATTERN.test(name)) throw new ValidationError(`cluster name '${name}' must match ${CLUSTER_NAME_PATTERN}`);
    if (url !== 'embedded' && !/^postgres(ql)?:\/\//.test(url)) throw new ValidationError(`cluster '${name}' needs a postgres:// URL or 'embedded'`);
    if (clusters.some((c) => c.name === name)) throw new ValidationError(`cluster '${name}' is named twice`);
    clusters.push(url === 'embedded' ? { name } : { name, url });
  }
  return clusters;
}

const LABEL_KEY = /^[a-z][a-z0-9_.-]{0,62}$/;
/** A label value, and so a tenant's `region` setting: letters, digits, `_`, `.`, `-`. */
export const LABEL_VALUE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/**
 * `TENANTRY_CLUSTER_LABELS`: `cluster:key=value;key=value` entries, comma-separated, e.g.
 * `main:region=eu,us1:region=us;disk=ssd`. Every cluster named must be configured.
 */
export function parseClusterLabels(raw: string, clusters: readonly ClusterConfig[]): ClusterConfig[] {
  const labels = new Map<string, Record<string, string>>();
  for (const entry of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(':');
    const name = colon > 0 ? entry.slice(0, colon) : '';
    if (!clusters.some((c) => c.name === name)) {
      throw new ValidationError(
        `TENANTRY_CLUSTER_LABELS entry '${entry}' must start with a configured cluster's name and a colon (clusters: ${clusters.map((c) => c.name).join(', ')})`,
      );
    }
    if (labels.has(name)) throw new ValidationError(`TENANTRY_CLUSTER_LABELS: cluster '${name}' is labelled twice`);
    const set: Record<string, string> = {};
    for (const pair of entry.slice(colon + 1).split(';')) {
      const [key = '', value = '', ...rest] = pair.trim().split('=');
      if (!LABEL_KEY.test(key) || !LABEL_VALUE.test(value) || rest.length > 0) {
        throw new ValidationError(`TENANTRY_CLUSTER_LABELS: '${pair.trim()}' of cluster '${name}' is not key=value (letters, digits, '_', '.', '-')`);
      }
      set[key] = value;
    }
    labels.set(name, set);
  }
  return clusters.map((c) => (labels.has(c.name) ? { ...c, labels: labels.get(c.name) } : c));
}

/**
 * `?pgbouncer=transaction` (or `session`) on a cluster URL says PgBouncer is in front of the server in
 * that mode (storage/backends/postgres.ts pgbouncerMode); statement mode cannot carry a scope's
 * transaction, and anything else is a typo.
 */
function checkPgbouncerMode(cluster: ClusterConfig): void {
  let mode: string | null;
  try {
    mode = new URL(cluster.url!).searchParams.get('pgbouncer');
  } catch {
    return; // the driver says what is wrong with it, as before
  }
  if (mode !== null && mode !== 'transaction' && mode !== 'session') {
    throw new ValidationError(
      `cluster '${cluster.name}': ?pgbouncer= takes 'transaction' or 'session', not '${mode}'${mode === 'statement' ? ' (statement pooling cannot carry transactions)' : ''}`,
    );
  }
}

/** `TENANTRY_CORS_ORIGINS`: comma-separated origins (`scheme://host[:port]`), or `*`. */
export function parseCorsOrigins(raw: string | undefined): string[] {
  const list = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of list) {
    if (origin === '*') continue;
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin.replace(/\/$/, '')) {
      throw new ValidationError(`TENANTRY_CORS_ORIGINS: '${origin}' is not an origin (scheme://host[:port], no path) nor *`);
    }
  }
  return list.map((o) => o.replace(/\/$/, ''));
}

/** `true`, a hop count, or addresses and CIDR ranges (comma-separated); unset or `false`: trust none. */
export function parseTrustProxy(raw: string | undefined): boolean | number | string[] {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list) {
    const [address, bits] = entry.split('/');
    if (net.isIP(address ?? '') === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
      throw new ValidationError(`TENANTRY_TRUST_PROXY: '${entry}' is not an address or CIDR range (or use true, false or a hop count)`);
    }
  }
  return list;
}

/**
 * Scans of all tenants at once on one cluster by default: one less than this machine's cores, at least
 * one — the database server's cores where it runs beside the process (the embedded database, a single
 * VM), so that scans leave a core for everyone's indexed work; set TENANTRY_MAX_CONCURRENT_SCANS for a
 * database server of its own (its cores less one, divided among the replicas).
 */
export function defaultMaxConcurrentScans(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

/**
 * Every default, stated once: what `loadConfig` falls back to for each unset variable, and what tests,
 * benchmarks and library callers start from. `overrides` replace fields whole.
 */
export function defaultConfig(overrides: Partial<TenantryConfig> = {}): TenantryConfig {
  return {
    dataDir: path.resolve('./.tenantry'),
    clusters: [{ name: 'main' }],
    maxOpenDatabases: 4,
    databaseIdleMs: 60_000,
    poolSize: 10,
    maxConnections: 50,
    maxConcurrentScans: defaultMaxConcurrentScans(),
    tenantPoolSize: 2,
    catalogCacheMs: 1000,
    usageFlushMs: 10_000,
    operationLeaseMs: 30_000,
    poolMaxIndexes: 64,
    importMaxBytes: 1024 ** 3,
    host: '127.0.0.1',
    trustProxy: false,
    corsOrigins: [],
    port: 3000,
    logLevel: 'info',
    workers: 8,
    workerLeaseMs: 30_000,
    workerPollMs: 50,
    egressAllow: [],
    logFormat: 'auto',
    metricsTopTenants: 10,
    metricsAuth: 'none',
    workerPort: 3001,
    shutdownDelayMs: 0,
    shutdownTimeoutMs: 25_000,
    redisFail: 'open',
    redisTimeoutMs: 250,
    loadShedding: 'auto',
    shedEventLoopDelayMs: 200,
    shedDbWaiting: 50,
    shedSampleMs: 500,
    jwt: {},
    ...overrides,
  };
}

/** A value from a fixed list (unset: the fallback). */
function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, choices: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!choices.includes(raw as T)) throw new ValidationError(`${name} must be one of ${choices.join(', ')}, got '${raw}'`);
  return raw as T;
}

/** A TCP port, 0 (any free port) to 65535. */
export function parsePort(raw: string, name: string): number {
  const n = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n > 65535) throw new ValidationError(`${name} must be a port number from 0 to 65535, got '${raw}'`);
  return n;
}

/** `TENANTRY_PORT`, else `PORT` (the convention of PaaS hosts), else the default. */
function listenPort(env: NodeJS.ProcessEnv, fallback: number): number {
  for (const name of ['TENANTRY_PORT', 'PORT']) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') return parsePort(raw, name);
  }
  return fallback;
}

/**
 * Load `.env` from the current directory into `process.env` (Node's own `process.loadEnvFile`), if
 * there is one; a variable already set in the environment keeps its value. Returns whether it loaded.
 */
export function loadDotEnv(file = '.env'): boolean {
  try {
    process.loadEnvFile(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new ValidationError(`cannot load ${file}: ${(error as Error).message}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TenantryConfig {
  const d = defaultConfig();
  const dataDir = env.TENANTRY_DATA_DIR ? path.resolve(env.TENANTRY_DATA_DIR) : d.dataDir;
  // Cluster `main` always exists and comes first (it holds the catalog): from TENANTRY_DATABASE_URL,
  // from a `main=` entry of TENANTRY_CLUSTERS, or embedded.
  const extra = env.TENANTRY_CLUSTERS ? parseClusters(env.TENANTRY_CLUSTERS) : [];
  const listedMain = extra.find((c) => c.name === 'main');
  if (listedMain && env.TENANTRY_DATABASE_URL) throw new ValidationError('cluster main is set by both TENANTRY_DATABASE_URL and TENANTRY_CLUSTERS');
  const main: ClusterConfig = env.TENANTRY_DATABASE_URL ? { name: 'main', url: env.TENANTRY_DATABASE_URL } : (listedMain ?? { name: 'main' });
  const listed = [main, ...extra.filter((c) => c.name !== 'main')];
  for (const c of listed) if (c.url) checkPgbouncerMode(c);
  const clusters = env.TENANTRY_CLUSTER_LABELS ? parseClusterLabels(env.TENANTRY_CLUSTER_LABELS, listed) : listed;
  const deployment = env.TENANTRY_DEPLOYMENT || undefined;
  if (deployment !== undefined) checkDeploymentName(deployment);
  const adminToken = env.TENANTRY_ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && adminToken.length < ADMIN_TOKEN_MIN_LENGTH) {
    throw new ValidationError(`TENANTRY_ADMIN_TOKEN must be at least ${ADMIN_TOKEN_MIN_LENGTH} characters (unset it to have one generated)`);
  }
  const adminTokenPrevious = env.TENANTRY_ADMIN_TOKEN_PREVIOUS || undefined;
  if (adminTokenPrevious !== undefined && adminTokenPrevious.length < ADMIN_TOKEN_MIN_LENGTH) {
    throw new ValidationError(`TENANTRY_ADMIN_TOKEN_PREVIOUS must be at least ${ADMIN_TOKEN_MIN_LENGTH} characters`);
  }
  // Checked here (a clear error at startup); files are read when Tenantry opens.
  if (env.TENANTRY_MASTER_KEY) parseMasterKey(env.TENANTRY_MASTER_KEY, 'TENANTRY_MASTER_KEY');
  if (env.TENANTRY_MASTER_KEY_PREVIOUS) parseMasterKey(env.TENANTRY_MASTER_KEY_PREVIOUS, 'TENANTRY_MASTER_KEY_PREVIOUS');
  return {
    dataDir,
    clusters,
    deployment,
    adminTokenPrevious,
    masterKey: env.TENANTRY_MASTER_KEY || undefined,
    masterKeyFile: env.TENANTRY_MASTER_KEY_FILE || undefined,
    masterKeyPrevious: env.TENANTRY_MASTER_KEY_PREVIOUS || undefined,
    masterKeyPreviousFile: env.TENANTRY_MASTER_KEY_PREVIOUS_FILE || undefined,
    maxOpenDatabases: positiveInt(env, 'TENANTRY_MAX_OPEN_DATABASES', d.maxOpenDatabases),
    databaseIdleMs: positiveInt(env, 'TENANTRY_DATABASE_IDLE_MS', d.databaseIdleMs, 100),
    pgliteSharedBuffersMb: env.TENANTRY_PGLITE_SHARED_BUFFERS_MB ? positiveInt(env, 'TENANTRY_PGLITE_SHARED_BUFFERS_MB', 0) : d.pgliteSharedBuffersMb,
    poolSize: positiveInt(env, 'TENANTRY_POOL_SIZE', d.poolSize),
    maxConnections: positiveInt(env, 'TENANTRY_MAX_CONNECTIONS', d.maxConnections, 4),
    maxConcurrentScans: positiveInt(env, 'TENANTRY_MAX_CONCURRENT_SCANS', d.maxConcurrentScans),
    tenantPoolSize: positiveInt(env, 'TENANTRY_TENANT_POOL_SIZE', d.tenantPoolSize),
    catalogCacheMs: positiveInt(env, 'TENANTRY_CATALOG_CACHE_MS', d.catalogCacheMs, 0),
    usageFlushMs: positiveInt(env, 'TENANTRY_USAGE_FLUSH_MS', d.usageFlushMs, 100),
    operationLeaseMs: positiveInt(env, 'TENANTRY_OPERATION_LEASE_MS', d.operationLeaseMs, 300),
    poolMaxIndexes: positiveInt(env, 'TENANTRY_POOL_MAX_INDEXES', d.poolMaxIndexes, 0),
    importMaxBytes: positiveInt(env, 'TENANTRY_IMPORT_MAX_BYTES', d.importMaxBytes),
    host: env.TENANTRY_HOST || env.HOST || d.host,
    trustProxy: parseTrustProxy(env.TENANTRY_TRUST_PROXY),
    corsOrigins: parseCorsOrigins(env.TENANTRY_CORS_ORIGINS),
    port: listenPort(env, d.port),
    logLevel: oneOf(env, 'TENANTRY_LOG_LEVEL', LOG_LEVELS, d.logLevel as (typeof LOG_LEVELS)[number]),
    workers: positiveInt(env, 'TENANTRY_WORKERS', d.workers, 0),
    workerLeaseMs: positiveInt(env, 'TENANTRY_WORKER_LEASE_MS', d.workerLeaseMs, 1000),
    workerPollMs: positiveInt(env, 'TENANTRY_WORKER_POLL_MS', d.workerPollMs, 5),
    egressAllow: (env.TENANTRY_EGRESS_ALLOW ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    logFormat: oneOf(env, 'TENANTRY_LOG_FORMAT', LOG_FORMATS, d.logFormat),
    metricsTopTenants: positiveInt(env, 'TENANTRY_METRICS_TOP_TENANTS', d.metricsTopTenants, 0),
    metricsAuth: oneOf(env, 'TENANTRY_METRICS_AUTH', METRICS_AUTH_MODES, d.metricsAuth),
    metricsPort: env.TENANTRY_METRICS_PORT ? parsePort(env.TENANTRY_METRICS_PORT, 'TENANTRY_METRICS_PORT') : undefined,
    workerPort: env.TENANTRY_WORKER_PORT ? parsePort(env.TENANTRY_WORKER_PORT, 'TENANTRY_WORKER_PORT') : d.workerPort,
    shutdownDelayMs: positiveInt(env, 'TENANTRY_SHUTDOWN_DELAY_MS', d.shutdownDelayMs, 0),
    shutdownTimeoutMs: positiveInt(env, 'TENANTRY_SHUTDOWN_TIMEOUT_MS', d.shutdownTimeoutMs, 100),
    redisUrl: redisUrl(env.TENANTRY_REDIS_URL),
    redisFail: oneOf(env, 'TENANTRY_REDIS_FAIL', REDIS_FAIL_MODES, d.redisFail),
    redisTimeoutMs: positiveInt(env, 'TENANTRY_REDIS_TIMEOUT_MS', d.redisTimeoutMs, 10),
    loadShedding: oneOf(env, 'TENANTRY_LOAD_SHEDDING', LOAD_SHEDDING_MODES, d.loadShedding),
    shedEventLoopDelayMs: positiveInt(env, 'TENANTRY_SHED_EVENT_LOOP_DELAY_MS', d.shedEventLoopDelayMs, 1),
    shedDbWaiting: positiveInt(env, 'TENANTRY_SHED_DB_WAITING', d.shedDbWaiting, 1),
    shedSampleMs: positiveInt(env, 'TENANTRY_SHED_SAMPLE_MS', d.shedSampleMs, 10),
    adminToken,
    cursorSecret: env.TENANTRY_CURSOR_SECRET || undefined,
    baseDomain: env.TENANTRY_BASE_DOMAIN?.toLowerCase() || undefined,
    jwt: {
      secret: env.TENANTRY_JWT_SECRET || undefined,
      publicKey: env.TENANTRY_JWT_PUBLIC_KEY || undefined,
      jwksUrl: env.TENANTRY_JWT_JWKS_URL || undefined,
      issuer: env.TENANTRY_JWT_ISSUER || undefined,
      audience: env.TENANTRY_JWT_AUDIENCE || undefined,
    },
  };
}

/** Whether load shedding is on for this configuration (`auto`: on when no cluster is embedded PGlite). */
export function loadSheddingOn(config: Pick<TenantryConfig, 'loadShedding' | 'clusters'>): boolean {
  return config.loadShedding === 'on' || (config.loadShedding === 'auto' && config.clusters.every((c) => c.url !== undefined));
}

/** `redis://` or `rediss://` (TLS), with an optional password and database number. */
function redisUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^rediss?:\/\/[^\s]+$/.test(raw)) throw new ValidationError('TENANTRY_REDIS_URL must be a redis:// or rediss:// URL');
  return raw;
}
