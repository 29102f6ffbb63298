import { useEffect } from 'preact/hooks';
import { unwrap, type TenantryClient } from 'tenantry/client';
import { OperationProgress, ProblemBox, useLoad, type Operation } from '../components';
import { AuditPanel } from './audit';
import { OperationTable } from './tenant-detail';

/**
 * The platform page: operations under way with live progress bars (refreshed each second), the latest
 * ones, and the platform's audit trail with Verify.
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
        <h1>Operations</h1>
        <a class="button secondary" href="/docs" target="_blank" rel="noopener">
          API reference (/docs)
        </a>
      </div>
      <ProblemBox problem={ops.problem} label="Operations error" />
      <section class="panel" aria-labelledby="active-heading">
        <h2 id="active-heading">In progress</h2>
        {ops.data && ops.data.active.length === 0 && <p class="muted">Nothing under way.</p>}
        <div class="operations">
          {ops.data?.active.map((op) => (
            <OperationProgress key={op.id} op={op} />
          ))}
        </div>
      </section>
      <section class="panel" aria-labelledby="recent-heading">
        <h2 id="recent-heading">Latest</h2>
        <OperationTable ops={ops.data?.recent ?? []} />
      </section>
      <AuditPanel client={client} mode="platform" />
    </main>
  );
}
