import { useState } from 'preact/hooks';
import { unwrap, type Body, type TenantryClient } from 'tenantry/client';
import { formatTime, ProblemBox, useAction, useLoad } from '../components';

type AuditPage = Body<'get', '/v1/audit'>;
type Verification = Body<'get', '/v1/audit/verify'>;

/**
 * An audit trail, oldest first, a page at a time, and a Verify button that has the server recompute
 * its hash chain: a tenant's, read by the platform admin through the control plane
 * (/v1/tenants/{id}/audit) or by the tenant through its own (/v1/audit, admin role); or the platform's
 * (/v1/platform/audit: control-plane actions and failed authentications).
 */
export function AuditPanel({ client, tenantId, mode }: { client: TenantryClient; tenantId?: string; mode: 'admin' | 'tenant' | 'platform' }) {
  const [pages, setPages] = useState<AuditPage[]>([]);
  const more = useAction();
  const verify = useAction();
  const [verification, setVerification] = useState<Verification | null>(null);
  const page = (cursor?: string) =>
    mode === 'platform'
      ? unwrap(client.GET('/v1/platform/audit', { params: { query: { limit: 50, cursor } } }))
      : mode === 'admin'
        ? unwrap(client.GET('/v1/tenants/{id}/audit', { params: { path: { id: tenantId ?? '' }, query: { limit: 50, cursor } } }))
        : unwrap(client.GET('/v1/audit', { params: { query: { limit: 50, cursor } } }));
  const first = useLoad(async () => {
    const p = await page();
    setPages([p]);
    return p;
  }, [client, tenantId, mode]);
  const entries = pages.flatMap((p) => p.items);
  const next = pages.at(-1)?.nextCursor ?? null;

  const onVerify = async () => {
    setVerification(null);
    const result = await verify.run(() =>
      mode === 'platform'
        ? unwrap(client.GET('/v1/platform/audit/verify'))
        : mode === 'admin'
          ? unwrap(client.GET('/v1/tenants/{id}/audit/verify', { params: { path: { id: tenantId ?? '' } } }))
          : unwrap(client.GET('/v1/audit/verify')),
    );
    if (result) setVerification(result);
  };
  const onMore = async () => {
    if (!next) return;
    const p = await more.run(() => page(next));
    if (p) setPages((all) => [...all, p]);
  };

  return (
    <section class="panel" aria-labelledby="audit-heading">
      <div class="page-head">
        <h2 id="audit-heading">{mode === 'platform' ? 'Platform audit trail' : 'Audit trail'}</h2>
        <button type="button" class="secondary small" disabled={verify.busy} onClick={onVerify}>
          Verify
        </button>
      </div>
      <ProblemBox problem={first.problem ?? more.problem ?? verify.problem} label="Audit error" />
      {verification && (
        <p class={verification.ok ? 'ok' : 'problem'} role="status" data-testid="audit-verification">
          {verification.ok
            ? `Chain intact: ${verification.entries} entries verified.`
            : `Chain broken at entry ${verification.firstBroken?.seq ?? '?'}: ${verification.firstBroken?.reason ?? 'unknown'} (${verification.entries} entries verified before it).`}
        </p>
      )}
      {first.data && entries.length === 0 && <p class="muted">No entries yet.</p>}
      {entries.length > 0 && (
        <div class="table-wrap">
          <table aria-label="Audit entries">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                {mode === 'platform' && <th scope="col">Tenant</th>}
                <th scope="col">Target</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td>{formatTime(e.at)}</td>
                  <td>
                    <code>{e.actor}</code>
                  </td>
                  <td>{e.action}</td>
                  {mode === 'platform' && <td>{e.tenant ?? '—'}</td>}
                  <td>{e.target ?? '—'}</td>
                  <td>{e.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" class="secondary small" disabled={more.busy} onClick={onMore}>
          More
        </button>
      )}
    </section>
  );
}
