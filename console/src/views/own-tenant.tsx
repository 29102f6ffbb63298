import { unwrap, type TenantryClient } from 'tenantry/client';
import { ProblemBox, useLoad } from '../components';
import { AuditPanel } from './audit';
import { CollectionsPanel } from './collections';
import { KeysPanel } from './keys';
import { ModelsPanel } from './models';
import { UsagePanel } from './usage';
import { WorkflowsPanel } from './workflows';

/**
 * A tenant signed in with its own credential: its tenant, keys, usage, collections and records,
 * workflow runs and audit trail, through the data plane only (/v1/tenant, /v1/api-keys, /v1/usage,
 * /v1/collections, /v1/models, /v1/workflows, /v1/runs, /v1/audit). The server scopes every call to the credential's tenant, so
 * nothing of another tenant or of the platform can appear here.
 */
export function OwnTenantView({ client }: { client: TenantryClient }) {
  const own = useLoad(() => unwrap(client.GET('/v1/tenant')), [client]);
  const t = own.data;
  return (
    <main class="page">
      <ProblemBox problem={own.problem} label="Tenant error" />
      {t && (
        <>
          <div class="page-head">
            <h1>
              {t.name} <span class="muted">({t.id})</span>
            </h1>
          </div>
          <dl class="facts" aria-label="Tenant facts">
            <div>
              <dt>Tier</dt>
              <dd>{t.tier}</dd>
            </div>
          </dl>
          <section class="panel" aria-labelledby="own-settings-heading">
            <h2 id="own-settings-heading">Settings and limits</h2>
            <p class="muted">Set by the platform admin.</p>
            <div class="two-columns">
              <div>
                <h3>Settings</h3>
                <pre class="json">{JSON.stringify(t.settings, null, 2)}</pre>
              </div>
              <div>
                <h3>Limits</h3>
                <pre class="json">{JSON.stringify(t.limits, null, 2)}</pre>
              </div>
            </div>
          </section>
          <KeysPanel client={client} tenantId={t.id} mode="tenant" />
          <UsagePanel client={client} tenantId={t.id} mode="tenant" />
          <CollectionsPanel client={client} />
          <ModelsPanel client={client} tenantId={t.id} mode="tenant" />
          <WorkflowsPanel client={client} />
          <AuditPanel client={client} tenantId={t.id} mode="tenant" />
        </>
      )}
    </main>
  );
}
