import { sql } from 'kysely';
import { ValidationError } from '../errors.js';
import type { ScopeRunner } from '../records/scope-runner.js';
import type { TenantRef, TenantScope } from '../storage/scope.js';
import type { CostAttribution } from './costs.js';
import { METRICS, type Meter, type Metric, type UsageRow } from './meter.js';

export interface UsageReport {
  /** The tenant reported on; null for every tenant. */
  tenant: string | null;
  /** The calendar month (UTC), YYYY-MM. */
  month: string;
  /** What the month's hours add up to, over every process (this one's counts flushed first). */
  totals: Record<Metric, number>;
  /** Hour by hour. */
  hours: UsageRow[];
  /** What one tenant holds now (a report on one tenant only). */
  current?: { records: number; collections: number; models: number; storageBytes: number };
}

/** A tenant's usage at a glance (GET /v1/tenant): this month's totals and what it holds now. */
export interface UsageSummary {
  month: string;
  totals: Record<Metric, number>;
  current: NonNullable<UsageReport['current']>;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `YYYY-MM` (default: this month, UTC) as its first instant and the next month's. */
export function monthRange(month?: string): { month: string; from: Date; to: Date } {
  const now = new Date();
  const label = month ?? `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const match = MONTH.exec(label);
  if (!match) throw new ValidationError(`month must be YYYY-MM, got '${label}'`, 'validation_failed', '/query/month');
  const [year, index] = [Number(match[1]), Number(match[2]) - 1];
  if (year < 1) throw new ValidationError(`month must be from 0001-01 to 9999-12, got '${label}'`, 'validation_failed', '/query/month');
  // setUTCFullYear, not Date.UTC, which reads years 0-99 as 1900-1999.
  const first = (y: number, m: number) => {
    const date = new Date(0);
    date.setUTCFullYear(y, m, 1);
    return date;
  };
  // The month after 9999-12 has a five-digit year, which the database does not read in the form
  // JavaScript writes it (+010000-…): that month ends at the last millisecond of 9999 instead
  // (usage is kept by whole hours, so no hour is left out).
  const to = year === 9999 && index === 11 ? new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999)) : first(year, index + 1);
  return { month: label, from: first(year, index), to };
}

/**
 * Usage reports: the metered counters (Meter, in the catalog) and, for one tenant, what it holds now —
 * records, collections and models as counted for its quotas (tenant migration 9), record bytes as
 * measured for its storage quota.
 */
export class UsageService {
  constructor(
    private readonly meter: Meter,
    private readonly scopes: ScopeRunner,
    private readonly storedBytes: (scope: TenantScope) => Promise<number>,
  ) {}

  /** Per-tenant database and CPU time (the meter's, src/usage/costs.ts): requests and steps report to it. */
  get costs(): CostAttribution {
    return this.meter.costs;
  }

  async report(tenant: TenantRef | undefined, month?: string): Promise<UsageReport> {
    const range = monthRange(month);
    const tenantId = tenant === undefined ? undefined : typeof tenant === 'string' ? tenant : tenant.id;
    await this.meter.flush();
    const hours = await this.meter.read({ tenantId, from: range.from, to: range.to });
    const totals = Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>;
    for (const row of hours) totals[row.metric] += row.n;
    const report: UsageReport = { tenant: tenantId ?? null, month: range.month, totals, hours };
    if (tenant !== undefined) report.current = await this.scopes(tenant, (scope) => this.#current(scope));
    return report;
  }

  /**
   * This month's totals and what the tenant holds now, as GET /v1/tenant shows them: no flush (no
   * write per request) — this process's unflushed counts are added in memory (Meter.totals).
   */
  async summary(tenant: { readonly id: string; readonly generation: number }): Promise<UsageSummary> {
    const range = monthRange();
    const totals = await this.meter.totals(tenant.id, range.from, range.to);
    return { month: range.month, totals, current: await this.scopes(tenant, (scope) => this.#current(scope)) };
  }

  async #current(scope: TenantScope): Promise<NonNullable<UsageReport['current']>> {
    // A tenant's counts start at its first insert or delete after tenant migration 9; until then, counted here.
    const { rows } = await sql<{ records: string | number; collections: string | number; models: string | number }>`
      SELECT coalesce((SELECT n FROM quota_counts WHERE kind = 'records'), (SELECT count(*) FROM records)) AS records,
             coalesce((SELECT n FROM quota_counts WHERE kind = 'collections'), (SELECT count(*) FROM collections)) AS collections,
             coalesce((SELECT n FROM quota_counts WHERE kind = 'models'), (SELECT count(*) FROM models)) AS models`.execute(scope.db);
    const row = rows[0]!;
    return { records: Number(row.records), collections: Number(row.collections), models: Number(row.models), storageBytes: await this.storedBytes(scope) };
  }
}
