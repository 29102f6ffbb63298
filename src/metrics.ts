/**
 * Prometheus metrics (prom-client), one Registry per Services — never the global default, so several
 * apps in one process (the tests) each count their own. Instruments are recorded where things happen
 * (the HTTP hooks, scopes, the workflow engine, the rate limiter); gauges of state (pools, queue depth,
 * trainings, operations) are read when scraped, from the sources Services gives.
 *
 * Cardinality is bounded by construction: routes are patterns (`/v1/records/:collection`), never URLs;
 * tiers, statuses and clusters are few; tenant ids appear only in `tenantry_tenant_requests_total`,
 * for the `topTenants` busiest tenants of this process (TopTenants), never anywhere else.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { TIERS } from './tenancy/tiers.js';
import type { CostTotals } from './usage/costs.js';

/** What the gauges read when scraped; each may be absent (a process that has no such thing). */
export interface MetricSources {
  /** Connections of each cluster's main database pools (PoolStats per pool). */
  pools?: () => Array<{ cluster: string; pool: string; total: number; idle: number; waiting: number }>;
  /** The process's connection budget over every pool, tenant databases' included (TENANTRY_MAX_CONNECTIONS). */
  connections?: () => { held: number; waiting: number; max: number } | undefined;
  /** Record queries no index narrows (scans) running and waiting in this process, and its cap per cluster. */
  scans?: () => { running: number; waiting: number; max: number };
  /** Workflow work items per tier: waiting to be claimed, and claimed (running). */
  queueDepth?: () => Promise<Array<{ tier: string; queued: number; running: number }>>;
  /** Trainings running in this process. */
  trainings?: () => number;
  /** Control-plane operations queued or running, over all processes. */
  operations?: () => Promise<Array<{ kind: string; status: string; count: number }>>;
  /** What this process's cost attribution adds up to (src/usage/costs.ts): totals, no tenant labels. */
  costs?: () => CostTotals;
}

/** What the load-shedding gauges read (src/api/load-shedding.ts LoadShedder). */
export interface LoadSource {
  pressure: number;
  signals: { eventLoopDelayMs: number; dbWaiting: number };
}

export interface MetricsOptions {
  /** Tenant ids shown in `tenantry_tenant_requests_total` (the busiest of this process); default 10. */
  topTenants?: number;
  /** Node's process metrics (CPU, memory, event loop lag, …); for a process's own registry, not tests'. */
  processMetrics?: boolean;
  sources?: MetricSources;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STEP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * The busiest tenants by requests, in bounded memory (the Space-Saving algorithm, Metwally et al.
 * 2005): at most `capacity` counters; a tenant not tracked when all are taken replaces the smallest,
 * inheriting its count (an over-estimate by at most that count). Any tenant with more than
 * total/capacity requests is always tracked, so the top few are right where it matters.
 */
export class TopTenants {
  readonly #counts = new Map<string, number>();

  constructor(readonly capacity: number) {}

  add(tenantId: string): void {
    const count = this.#counts.get(tenantId);
    if (count !== undefined) return void this.#counts.set(tenantId, count + 1);
    if (this.#counts.size < this.capacity) return void this.#counts.set(tenantId, 1);
    let smallest: string | undefined;
    let least = Infinity;
    for (const [id, n] of this.#counts) {
      if (n < least) {
        least = n;
        smallest = id;
      }
    }
    this.#counts.delete(smallest!);
    this.#counts.set(tenantId, least + 1);
  }

  /** The `n` largest counts, largest first. */
  top(n: number): Array<[string, number]> {
    return [...this.#counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
  }
}

/** How long an anonymous scrape's text is served to the scrapes after it (ms). */
const PUBLIC_SCRAPE_MS = 1000;

export class Metrics {
  readonly registry = new Registry();
  /** The series that name tenants (tenantry_tenant_requests_total): scraped only where allowed to (scrape). */
  readonly #tenantRegistry = new Registry();
  /** The last anonymous scrape (scrape without tenants), shared for PUBLIC_SCRAPE_MS. */
  #public: { at: number; body: Promise<string> } | undefined;
  readonly httpRequests: Counter<'method' | 'route' | 'status' | 'tier'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status' | 'tier'>;
  readonly rateLimited: Counter<'tier'>;
  readonly rateLimitStoreErrors: Counter<'outcome'>;
  readonly shedRequests: Counter<'tier'>;
  readonly scopeDuration: Histogram<'outcome'>;
  readonly stepDuration: Histogram<'tier' | 'outcome'>;
  readonly #top: TopTenants;
  #load: LoadSource | undefined;
  readonly #topN: number;

  constructor(options: MetricsOptions = {}) {
    const { topTenants = 10, processMetrics = false, sources = {} } = options;
    const registers = [this.registry];
    this.#topN = topTenants;
    this.#top = new TopTenants(Math.max(100, topTenants * 10));
    if (processMetrics) collectDefaultMetrics({ register: this.registry });

    this.httpRequests = new Counter({
      name: 'tenantry_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern, status and tenant tier (none: no tenant)',
      labelNames: ['method', 'route', 'status', 'tier'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'tenantry_http_request_duration_seconds',
      help: 'HTTP request latency, from receipt to the response sent, by method, route pattern, status and tier',
      labelNames: ['method', 'route', 'status', 'tier'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    const top = this.#top;
    const topN = this.#topN;
    new Counter({
      name: 'tenantry_tenant_requests_total',
      help: `Data-plane requests of the ${topTenants} busiest tenants of this process (bounded: other tenants are not listed)`,
      labelNames: ['tenant'],
      registers: [this.#tenantRegistry],
      collect() {
        this.reset();
        for (const [tenant, n] of top.top(topN)) this.inc({ tenant }, n);
      },
    });
    this.rateLimited = new Counter({
      name: 'tenantry_rate_limited_total',
      help: 'Data-plane requests refused by the per-tenant rate limit, by tier',
      labelNames: ['tier'],
      registers,
    });
    this.rateLimitStoreErrors = new Counter({
      name: 'tenantry_rate_limit_store_errors_total',
      help: 'Rate-limit decisions the shared store (Redis) could not make, by what was done instead (allowed: fail open; refused: fail closed)',
      labelNames: ['outcome'],
      registers,
    });
    this.shedRequests = new Counter({
      name: 'tenantry_shed_requests_total',
      help: 'Data-plane requests shed under overload (503 overloaded), by tier',
      labelNames: ['tier'],
      registers,
    });
    const load = () => this.#load;
    new Gauge({
      name: 'tenantry_load_pressure',
      help: 'Load pressure of the last sampling window: the larger overload signal as a multiple of its threshold (a tier sheds at its shedAt; 0 without load shedding)',
      registers,
      collect() {
        this.set(load()?.pressure ?? 0);
      },
    });
    new Gauge({
      name: 'tenantry_load_signal',
      help: 'Overload signals of the last sampling window: event_loop_delay_ms (mean), db_waiting (requests waiting for a connection)',
      labelNames: ['signal'],
      registers,
      collect() {
        const signals = load()?.signals;
        if (!signals) return;
        this.set({ signal: 'event_loop_delay_ms' }, signals.eventLoopDelayMs);
        this.set({ signal: 'db_waiting' }, signals.dbWaiting);
      },
    });
    this.scopeDuration = new Histogram({
      name: 'tenantry_scope_duration_seconds',
      help: 'Tenant scopes (a transaction bound to one tenant), from asking to the end, by outcome',
      labelNames: ['outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.stepDuration = new Histogram({
      name: 'tenantry_workflow_step_duration_seconds',
      help: 'Workflow step attempts run by this process, by tier and outcome',
      labelNames: ['tier', 'outcome'],
      buckets: STEP_BUCKETS,
      registers,
    });

    const { pools, connections, scans, queueDepth, trainings, operations, costs } = sources;
    if (costs) {
      // Totals only: per tenant these are in the usage table (GET /v1/tenants/{id}/usage), and a
      // tenant label here would grow with the number of tenants.
      new Counter({
        name: 'tenantry_attributed_cpu_seconds_total',
        help: "CPU seconds of this process apportioned to tenants' requests and steps (tenant), used while no tenant work was in flight (none), and measured in child processes for tenants' trainings and evaluations (child)",
        labelNames: ['to'],
        registers,
        collect() {
          const t = costs();
          this.reset();
          this.inc({ to: 'tenant' }, t.cpuSeconds);
          this.inc({ to: 'none' }, t.unattributedCpuSeconds);
          this.inc({ to: 'child' }, t.childCpuSeconds);
        },
      });
      new Counter({
        name: 'tenantry_tenant_database_seconds_total',
        help: "Wall time of tenant scopes' statements (round trips), every tenant together",
        registers,
        collect() {
          this.reset();
          this.inc(costs().databaseSeconds);
        },
      });
    }
    if (connections) {
      new Gauge({
        name: 'tenantry_db_connections',
        help: 'Server connections of this process, every pool of every cluster together (tenant databases included): open, waiting for a place in the budget, and the budget (TENANTRY_MAX_CONNECTIONS)',
        labelNames: ['state'],
        registers,
        collect() {
          const budget = connections();
          if (!budget) return;
          this.set({ state: 'open' }, budget.held);
          this.set({ state: 'waiting' }, budget.waiting);
          this.set({ state: 'limit' }, budget.max);
        },
      });
    }
    if (scans) {
      new Gauge({
        name: 'tenantry_scans',
        help: "Record queries no index narrows (scans) of this process: running, waiting for a place (their tenant's concurrentScans or the process's), and the process's cap per cluster (TENANTRY_MAX_CONCURRENT_SCANS)",
        labelNames: ['state'],
        registers,
        collect() {
          const now = scans();
          this.set({ state: 'running' }, now.running);
          this.set({ state: 'waiting' }, now.waiting);
          this.set({ state: 'limit' }, now.max);
        },
      });
    }
    if (pools) {
      const waiting = new Gauge({
        name: 'tenantry_db_pool_waiting',
        help: 'Requests waiting for a connection of a cluster main database pool',
        labelNames: ['cluster', 'pool'],
        registers,
      });
      new Gauge({
        name: 'tenantry_db_pool_connections',
        help: 'Connections of a cluster main database pool, by state (in_use, idle); PGlite has one, in use or not',
        labelNames: ['cluster', 'pool', 'state'],
        registers,
        collect() {
          this.reset();
          waiting.reset();
          for (const p of pools()) {
            this.set({ cluster: p.cluster, pool: p.pool, state: 'in_use' }, p.total - p.idle);
            this.set({ cluster: p.cluster, pool: p.pool, state: 'idle' }, p.idle);
            waiting.set({ cluster: p.cluster, pool: p.pool }, p.waiting);
          }
        },
      });
    }
    if (queueDepth) {
      new Gauge({
        name: 'tenantry_workflow_queue_depth',
        help: 'Workflow step attempts in the queue (all processes), by tier and state (queued: waiting for a worker; running: claimed)',
        labelNames: ['tier', 'state'],
        registers,
        async collect() {
          const rows = await queueDepth().catch(() => undefined);
          if (!rows) return;
          this.reset();
          for (const tier of TIERS) for (const state of ['queued', 'running']) this.set({ tier, state }, 0);
          for (const r of rows) {
            this.set({ tier: r.tier, state: 'queued' }, r.queued);
            this.set({ tier: r.tier, state: 'running' }, r.running);
          }
        },
      });
    }
    if (trainings) {
      new Gauge({
        name: 'tenantry_trainings_running',
        help: 'Model trainings running in this process',
        registers,
        collect() {
          this.set(trainings());
        },
      });
    }
    if (operations) {
      new Gauge({
        name: 'tenantry_operations_in_progress',
        help: 'Control-plane operations (deletions, moves, provisioning) queued or running, all processes, by kind and status',
        labelNames: ['kind', 'status'],
        registers,
        async collect() {
          const rows = await operations().catch(() => undefined);
          if (!rows) return;
          this.reset();
          for (const r of rows) this.set({ kind: r.kind, status: r.status }, r.count);
        },
      });
    }
  }

  /** One answered HTTP request (the onResponse hook). */
  request(labels: { method: string; route: string; status: number; tier: string; tenantId?: string }, seconds: number): void {
    const l = { method: labels.method, route: labels.route, status: String(labels.status), tier: labels.tier };
    this.httpRequests.inc(l);
    this.httpDuration.observe(l, seconds);
    if (labels.tenantId) this.#top.add(labels.tenantId);
  }

  /** The load shedder whose pressure and signals the gauges show (an app with load shedding on). */
  observeLoad(source: LoadSource | undefined): void {
    this.#load = source;
  }

  /**
   * The exposition text and its content type; without `tenants`, the series that name tenants are left
   * out (a scrape by a caller who is not the platform admin).
   */
  async scrape(options: { tenants?: boolean } = {}): Promise<{ contentType: string; body: string }> {
    if (options.tenants ?? true) {
      const body = (await this.registry.metrics()) + (await this.#tenantRegistry.metrics());
      return { contentType: this.registry.contentType, body };
    }
    // Anyone may ask for these (the API's port, no token), and the gauges read the database: callers
    // within PUBLIC_SCRAPE_MS of a scrape get its text, so a flood of scrapes costs one query a second.
    const now = performance.now();
    if (!this.#public || now - this.#public.at >= PUBLIC_SCRAPE_MS) {
      const body = this.registry.metrics();
      const entry = { at: now, body };
      this.#public = entry;
      body.catch(() => {
        if (this.#public === entry) this.#public = undefined;
      });
    }
    return { contentType: this.registry.contentType, body: await this.#public.body };
  }
}
