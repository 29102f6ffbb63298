import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Metrics } from '../../metrics.js';
import type { Isolation } from '../../storage/placement.js';
import { ISOLATIONS } from '../../storage/placement.js';
import { TIERS } from '../../tenancy/tiers.js';
import { Timestamp, component, json } from '../schemas.js';

/** Where the platform summary reads from (src/api/app.ts gives the storage's and the catalog's). */
export interface PlatformSources {
  /** The configured clusters. */
  clusters: () => Array<{ name: string; kind: 'pglite' | 'postgres' }>;
  /** Live tenants per cluster and strategy (Catalog.tenantCounts). */
  tenantCounts: () => Promise<Array<{ cluster: string; isolation: Isolation; tenants: number }>>;
  /** Connections of each cluster's main pools. */
  pools: () => Array<{ cluster: string; pool: string; total: number; idle: number; waiting: number }>;
  /** The process's connection budget over every pool (TENANTRY_MAX_CONNECTIONS), if any. */
  connections: () => { held: number; waiting: number; max: number } | undefined;
  metrics: Metrics;
}

const Seconds = Type.Union([Type.Number(), Type.Null()]);
const PlatformSummary = component(
  'PlatformSummary',
  Type.Object(
    {
      at: Timestamp,
      uptimeSeconds: Type.Number({ description: 'Since this process started: the request counts below are since then' }),
      clusters: Type.Array(
        Type.Object({
          name: Type.String(),
          kind: Type.String({ description: 'pglite or postgres' }),
          tenants: Type.Integer({ description: 'Live tenants placed on it (not being deleted)' }),
          byIsolation: Type.Object(Object.fromEntries(ISOLATIONS.map((i) => [i, Type.Integer()])) as Record<Isolation, ReturnType<typeof Type.Integer>>),
          pools: Type.Array(
            Type.Object({
              pool: Type.String({ description: 'admin (migrations, provisioning) or app (tenant scopes)' }),
              total: Type.Integer({ description: 'Connections open' }),
              inUse: Type.Integer(),
              idle: Type.Integer(),
              waiting: Type.Integer({ description: 'Requests waiting for a connection' }),
            }),
            { description: "This process's connections to the cluster's main database" },
          ),
        }),
      ),
      connections: Type.Union([Type.Object({ held: Type.Integer(), waiting: Type.Integer(), max: Type.Integer() }), Type.Null()], {
        description: "This process's connection budget over every pool (TENANTRY_MAX_CONNECTIONS); null without one",
      }),
      requests: Type.Array(
        Type.Object({
          tier: Type.String({
            description: 'The plan of the tenant whose credential the request carried; `none` for the control plane and unauthenticated requests',
          }),
          requests: Type.Integer({ description: 'Answered by this process since it started' }),
          errors: Type.Integer({ description: 'Of which answered 5xx' }),
          seconds: Type.Number({ description: 'Their latencies added up (seconds / requests is the mean)' }),
          p50: Seconds,
          p95: Seconds,
          p99: Seconds,
        }),
        {
          description:
            'HTTP requests per plan, from the metrics (tenantry_http_request_duration_seconds): counts since the process started; quantiles estimated from the histogram buckets as Prometheus histogram_quantile does. A rate is the difference of two readings over the time between them.',
        },
      ),
    },
    { description: "The platform at a glance, as this process sees it: clusters with their tenants and connections, and each plan's requests" },
  ),
);

/** The `q` quantile of a cumulative histogram (upper bound → count), interpolated within its bucket; null without observations. */
export function histogramQuantile(q: number, buckets: Array<[number, number]>): number | null {
  const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
  const total = sorted.at(-1)?.[1] ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [le, count] of sorted) {
    if (count >= rank) {
      // Past the last finite bound: the last finite bound is the best estimate there is.
      if (!Number.isFinite(le)) return lower;
      return lower + (le - lower) * ((rank - below) / Math.max(1, count - below));
    }
    lower = le;
    below = count;
  }
  return lower;
}

/** The platform summary (control plane, behind the admin token): GET /v1/platform/summary. */
export const platformRoutes: FastifyPluginAsyncTypebox<{ platform: PlatformSources }> = async (app, { platform }) => {
  app.get(
    '/v1/platform/summary',
    {
      schema: {
        summary: 'The platform at a glance',
        description:
          "Each cluster with its tenants (per strategy) and this process's connections to it (in use, idle, waiting), the process's connection budget, and HTTP requests per plan (count, 5xx, latency quantiles) since the process started. Another replica counts its own: /metrics of each, summed by Prometheus, is the fleet's view.",
        tags: ['control plane'],
        response: { 200: json('The summary', PlatformSummary.ref) },
      },
    },
    async () => {
      const counts = await platform.tenantCounts();
      const pools = platform.pools();
      const clusters = platform.clusters().map((c) => {
        const byIsolation = Object.fromEntries(ISOLATIONS.map((i) => [i, 0])) as Record<Isolation, number>;
        for (const row of counts) if (row.cluster === c.name) byIsolation[row.isolation] += row.tenants;
        return {
          name: c.name,
          kind: c.kind,
          tenants: Object.values(byIsolation).reduce((a, b) => a + b, 0),
          byIsolation,
          pools: pools
            .filter((p) => p.cluster === c.name)
            .map((p) => ({ pool: p.pool, total: p.total, inUse: p.total - p.idle, idle: p.idle, waiting: p.waiting })),
        };
      });

      // The latency histogram, every label set of a tier added up: counts, sums, 5xx, buckets.
      const perTier = new Map<string, { requests: number; errors: number; seconds: number; buckets: Map<number, number> }>();
      const of = (tier: string) => {
        let t = perTier.get(tier);
        if (!t) perTier.set(tier, (t = { requests: 0, errors: 0, seconds: 0, buckets: new Map() }));
        return t;
      };
      for (const tier of [...TIERS, 'none']) of(tier);
      for (const v of (await platform.metrics.httpDuration.get()).values) {
        const labels = v.labels as Record<string, string | number | undefined>;
        const t = of(String(labels.tier ?? 'none'));
        if (v.metricName?.endsWith('_count')) {
          t.requests += v.value;
          if (Number(labels.status) >= 500) t.errors += v.value;
        } else if (v.metricName?.endsWith('_sum')) t.seconds += v.value;
        else if (v.metricName?.endsWith('_bucket')) {
          const le = labels.le === '+Inf' ? Infinity : Number(labels.le);
          t.buckets.set(le, (t.buckets.get(le) ?? 0) + v.value);
        }
      }
      const requests = [...perTier].map(([tier, t]) => {
        const buckets = [...t.buckets];
        return {
          tier,
          requests: t.requests,
          errors: t.errors,
          seconds: t.seconds,
          p50: histogramQuantile(0.5, buckets),
          p95: histogramQuantile(0.95, buckets),
          p99: histogramQuantile(0.99, buckets),
        };
      });
      return { at: new Date().toISOString(), uptimeSeconds: process.uptime(), clusters, connections: platform.connections() ?? null, requests };
    },
  );
};
