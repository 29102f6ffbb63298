import { useEffect, useRef } from 'preact/hooks';
import { unwrap, type Body, type TenantryClient } from 'tenantry/client';
import { OperationProgress, ProblemBox, useLoad, type Operation } from '../components';
import { AuditPanel } from './audit';
import { OperationTable } from './tenant-detail';

type Summary = Body<'get', '/v1/platform/summary'>;

/**
 * The platform page: clusters with their tenants and connections, requests per plan (rate and
 * latency), operations under way with live progress bars (refreshed each second), the latest ones,
 * and the platform's audit trail with Verify.
 */
export function OperationsView({ client }: { client: TenantryClient }) {
  const ops = useLoad(async () => {
    const [running, queued, recent] = await Promise.all(
      (['running', 'queued', undefined] as const).map((status) =>
        unwrap(client.GET('/v1/operations', { params: { query: { limit: status ? 100 : 25, ...(status && { status }) } } })),
      ),
    );
    return { active: [...running!.items, ...queued!.items] as Operation[], recent: recent!.items };
  }, [client]);
  const { reload } = ops;
  useEffect(() => {
    const timer = setInterval(reload, 1000);
    return () => clearInterval(timer);
  }, [reload]);

  return (
    <main class="page">
      <div class="page-head">
        <h1>Platform</h1>
        <a class="button secondary" href="/docs" target="_blank" rel="noopener">
          API reference (/docs)
        </a>
      </div>
      <ProblemBox problem={ops.problem} label="Operations error" />
      <PlatformSummary client={client} />
      <section class="panel" aria-labelledby="active-heading">
        <h2 id="active-heading">Operations in progress</h2>
        {ops.data && ops.data.active.length === 0 && <p class="muted">Nothing under way.</p>}
        <div class="operations">
          {ops.data?.active.map((op) => (
            <OperationProgress key={op.id} op={op} />
          ))}
        </div>
      </section>
      <section class="panel" aria-labelledby="recent-heading">
        <h2 id="recent-heading">Latest operations</h2>
        <OperationTable ops={ops.data?.recent ?? []} />
      </section>
      <AuditPanel client={client} mode="platform" />
    </main>
  );
}

const ms = (seconds: number | null) => (seconds === null ? '—' : `${(seconds * 1000).toLocaleString(undefined, { maximumFractionDigits: 1 })} ms`);

/**
 * Clusters and requests per plan (GET /v1/platform/summary, every two seconds). The summary counts
 * requests since the server started; the rate is the difference between two readings over the time
 * between them, so it shows from the second reading on.
 */
function PlatformSummary({ client }: { client: TenantryClient }) {
  const summary = useLoad(() => unwrap(client.GET('/v1/platform/summary')), [client]);
  const { reload } = summary;
  useEffect(() => {
    const timer = setInterval(reload, 2000);
    return () => clearInterval(timer);
  }, [reload]);
  // The reading before this one, for the rates.
  const readings = useRef<{ previous: Summary | null; current: Summary | null }>({ previous: null, current: null });
  const s = summary.data;
  if (s && s !== readings.current.current) readings.current = { previous: readings.current.current, current: s };
  const previous = readings.current.previous;
  const rate = (tier: string, requests: number): number | null => {
    if (!previous || !s) return null;
    const before = previous.requests.find((r) => r.tier === tier);
    const seconds = (Date.parse(s.at) - Date.parse(previous.at)) / 1000;
    if (!before || seconds <= 0) return null;
    return Math.max(0, requests - before.requests) / seconds;
  };

  return (
    <>
      <ProblemBox problem={summary.problem} label="Platform error" />
      <section class="panel" aria-labelledby="clusters-heading">
        <h2 id="clusters-heading">Clusters</h2>
        {s && s.connections && (
          <p data-testid="connection-budget">
            This server holds <strong>{s.connections.held}</strong> of its {s.connections.max} connections
            {s.connections.waiting > 0 && `, ${s.connections.waiting} waiting`}.
          </p>
        )}
        <div class="clusters">
          {s?.clusters.map((c) => {
            const app = c.pools.find((p) => p.pool === 'app');
            return (
              <article key={c.name} class="cluster" aria-label={`Cluster ${c.name}`} data-cluster={c.name}>
                <h3>
                  <span>{c.name}</span> <span class="muted">{c.kind}</span>
                </h3>
                <dl class="metrics">
                  <div>
                    <dt>tenants</dt>
                    <dd data-testid={`cluster-tenants-${c.name}`}>{c.tenants}</dd>
                  </div>
                  {Object.entries(c.byIsolation).map(([isolation, n]) => (
                    <div key={isolation}>
                      <dt>{isolation}</dt>
                      <dd>{n}</dd>
                    </div>
                  ))}
                </dl>
                {c.pools.map((p) => (
                  <div key={p.pool} class="pool">
                    <label for={`pool-${c.name}-${p.pool}`}>
                      {p.pool} pool: {p.inUse} in use, {p.idle} idle{p.waiting > 0 && `, ${p.waiting} waiting`}
                    </label>
                    <meter id={`pool-${c.name}-${p.pool}`} min={0} max={Math.max(1, p.total)} value={p.inUse} />
                  </div>
                ))}
                {!app && c.pools.length === 0 && <p class="muted">No connections open.</p>}
              </article>
            );
          })}
        </div>
      </section>
      <section class="panel" aria-labelledby="requests-heading">
        <h2 id="requests-heading">Requests per plan</h2>
        <p class="muted">
          Since this server started{s && ` (${Math.round(s.uptimeSeconds / 60)} min ago)`}; the rate over the last two seconds. Latency from receipt to
          response, from the metrics' histogram.
        </p>
        {s && (
          <div class="table-wrap">
            <table aria-label="Requests per plan">
              <thead>
                <tr>
                  <th scope="col">Plan</th>
                  <th scope="col" class="number">
                    Requests
                  </th>
                  <th scope="col" class="number">
                    Per second
                  </th>
                  <th scope="col" class="number">
                    5xx
                  </th>
                  <th scope="col" class="number">
                    Mean
                  </th>
                  <th scope="col" class="number">
                    p50
                  </th>
                  <th scope="col" class="number">
                    p95
                  </th>
                  <th scope="col" class="number">
                    p99
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.requests.map((r) => {
                  const perSecond = rate(r.tier, r.requests);
                  return (
                    <tr key={r.tier} data-tier={r.tier}>
                      <th scope="row">{r.tier === 'none' ? 'none (control plane, anonymous)' : r.tier}</th>
                      <td class="number" data-testid={`requests-${r.tier}`}>
                        {r.requests}
                      </td>
                      <td class="number">{perSecond === null ? '—' : perSecond.toFixed(1)}</td>
                      <td class="number">{r.errors}</td>
                      <td class="number">{ms(r.requests > 0 ? r.seconds / r.requests : null)}</td>
                      <td class="number">{ms(r.p50)}</td>
                      <td class="number">{ms(r.p95)}</td>
                      <td class="number">{ms(r.p99)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
