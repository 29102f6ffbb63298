import type { ControlDb } from '../storage/control-db.js';
import { quoteIdent } from '../storage/names.js';
import { CostAttribution } from './costs.js';

/**
 * What is counted per tenant and hour (usage.metric): requests, trainings, workflow steps' wall time,
 * and the attributed costs — statement time and CPU time (costs.ts says how each is measured).
 */
export const METRICS = ['apiRequests', 'modelTrainings', 'workflowStepSeconds', 'databaseSeconds', 'cpuSeconds'] as const;
export type Metric = (typeof METRICS)[number];

const HOUR_MS = 3_600_000;

export interface UsageRow {
  tenantId: string;
  /** The hour's start (RFC 3339). */
  hour: string;
  metric: Metric;
  n: number;
}

/**
 * Metering without a database write per request: counts accumulate in memory per tenant, hour and
 * metric, and are added to the catalog's `usage` table (catalog migration 9) every `flushMs` in one
 * statement, `n = n + excluded.n`, so any number of processes' counts add up. `close()` (Services.close,
 * Tenantry.close) flushes what is left; counts a failed flush could not write are kept for the next.
 */
export class Meter {
  readonly #control: ControlDb;
  readonly #table: string;
  #pending = new Map<string, number>();
  readonly #timer: NodeJS.Timeout;
  #flushing: Promise<void> = Promise.resolve();
  /** Database and CPU time per tenant (costs.ts), handed to this meter every tick. */
  readonly costs: CostAttribution;

  constructor(control: ControlDb, flushMs = 10_000) {
    this.#control = control;
    this.costs = new CostAttribution((tenantId, metric, n) => this.add(tenantId, metric, n));
    this.#table = `${quoteIdent(control.schema)}.usage`;
    this.#timer = setInterval(() => void this.flush().catch(() => {}), flushMs);
    this.#timer.unref();
  }

  /** Count `n` of `metric` for the tenant, in the current hour. No I/O. */
  add(tenantId: string, metric: Metric, n = 1): void {
    const key = `${tenantId}\n${Math.floor(Date.now() / HOUR_MS)}\n${metric}`;
    this.#pending.set(key, (this.#pending.get(key) ?? 0) + n);
  }

  /** Write what was counted so far (one statement); resolves when it is in the table. */
  flush(): Promise<void> {
    // The costs measured up to now are in the batch too.
    this.costs.settleNow();
    const run = this.#flushing.then(async () => {
      if (this.#pending.size === 0) return;
      const batch = this.#pending;
      this.#pending = new Map();
      const tenants: string[] = [];
      const hours: string[] = [];
      const metrics: string[] = [];
      const counts: number[] = [];
      for (const [key, n] of batch) {
        const [tenant, hour, metric] = key.split('\n') as [string, string, string];
        tenants.push(tenant);
        hours.push(new Date(Number(hour) * HOUR_MS).toISOString());
        metrics.push(metric);
        counts.push(n);
      }
      try {
        await this.#control.executeSql(
          `INSERT INTO ${this.#table} AS u (tenant_id, hour, metric, n)
           SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::float8[])
           ON CONFLICT (tenant_id, hour, metric) DO UPDATE SET n = u.n + excluded.n`,
          [tenants, hours, metrics, counts],
        );
      } catch (error) {
        for (const [key, n] of batch) this.#pending.set(key, (this.#pending.get(key) ?? 0) + n);
        throw error;
      }
    });
    this.#flushing = run.catch(() => {});
    return run;
  }

  /**
   * One tenant's totals per metric over [from, to): what the table holds (every process's flushed
   * counts) plus this process's counts not flushed yet — no write, so a read of them on every request
   * (GET /v1/tenant) costs one query and nothing else. Another process's unflushed counts join within
   * its flush interval.
   */
  async totals(tenantId: string, from: Date, to: Date): Promise<Record<Metric, number>> {
    const totals = Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>;
    const rows = await this.#control.executeSql<{ metric: Metric; n: number | string }>(
      `SELECT metric, sum(n) AS n FROM ${this.#table}
        WHERE tenant_id = $1 AND hour >= $2::timestamptz AND hour < $3::timestamptz GROUP BY metric`,
      [tenantId, from.toISOString(), to.toISOString()],
    );
    for (const row of rows) if (row.metric in totals) totals[row.metric] += Number(row.n);
    const [first, end] = [from.getTime() / HOUR_MS, to.getTime() / HOUR_MS];
    for (const [key, n] of this.#pending) {
      const [tenant, hour, metric] = key.split('\n') as [string, string, Metric];
      if (tenant === tenantId && Number(hour) >= first && Number(hour) < end && metric in totals) totals[metric] += n;
    }
    return totals;
  }

  /** Flush what is left and stop the timer (graceful shutdown). */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.costs.close();
    await this.flush();
  }

  /** Stored usage (flushed counts of every process) of one tenant or all, hour by hour, in [from, to). */
  async read(query: { tenantId?: string; from: Date; to: Date }): Promise<UsageRow[]> {
    const rows = await this.#control.executeSql<{ tenant_id: string; hour: Date; metric: Metric; n: number | string }>(
      `SELECT tenant_id, hour, metric, n FROM ${this.#table}
        WHERE hour >= $1::timestamptz AND hour < $2::timestamptz AND ($3::text IS NULL OR tenant_id = $3)
        ORDER BY tenant_id, hour, metric`,
      [query.from.toISOString(), query.to.toISOString(), query.tenantId ?? null],
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, hour: new Date(r.hour).toISOString(), metric: r.metric, n: Number(r.n) }));
  }
}
