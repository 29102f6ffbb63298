import { unwrap, type Body, type TenantryClient } from 'tenantry/client';
import { ProblemBox, useLoad } from '../components';

type Usage = Body<'get', '/v1/usage'>;

/** This month's metered usage: totals, what the tenant holds now, and requests hour by hour. */
export function UsagePanel({ client, tenantId, mode }: { client: TenantryClient; tenantId: string; mode: 'admin' | 'tenant' }) {
  const usage = useLoad<Usage>(
    () => (mode === 'admin' ? unwrap(client.GET('/v1/tenants/{id}/usage', { params: { path: { id: tenantId } } })) : unwrap(client.GET('/v1/usage'))),
    [client, tenantId, mode],
  );
  const u = usage.data;
  const hours = (u?.hours ?? []).filter((h) => h.metric === 'apiRequests').slice(-24);
  const peak = Math.max(1, ...hours.map((h) => h.n));
  return (
    <section class="panel" aria-labelledby="usage-heading">
      <h2 id="usage-heading">Usage{u && <span class="muted"> · {u.month}</span>}</h2>
      <ProblemBox problem={usage.problem} label="Usage error" />
      {u && (
        <>
          <dl class="facts">
            <div>
              <dt>API requests</dt>
              <dd>{u.totals.apiRequests}</dd>
            </div>
            <div>
              <dt>Model trainings</dt>
              <dd>{u.totals.modelTrainings}</dd>
            </div>
            <div>
              <dt>Workflow step seconds</dt>
              <dd>{u.totals.workflowStepSeconds.toLocaleString(undefined, { maximumFractionDigits: 1 })}</dd>
            </div>
            {u.current && (
              <>
                <div>
                  <dt>Records</dt>
                  <dd>{u.current.records}</dd>
                </div>
                <div>
                  <dt>Collections</dt>
                  <dd>{u.current.collections}</dd>
                </div>
                <div>
                  <dt>Storage</dt>
                  <dd>{(u.current.storageBytes / 1024).toFixed(1)} KiB</dd>
                </div>
              </>
            )}
          </dl>
          {hours.length > 0 && (
            <div class="bars" role="img" aria-label={`API requests per hour, last ${hours.length} hours with traffic`}>
              {hours.map((h) => (
                <div
                  key={h.hour}
                  class="bar"
                  style={{ height: `${Math.max(4, (h.n / peak) * 100)}%` }}
                  title={`${new Date(h.hour).toLocaleString()}: ${h.n}`}
                />
              ))}
            </div>
          )}
        </>
      )}
    </section>
  );
}
