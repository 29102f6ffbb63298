import { useState } from 'preact/hooks';
import { unwrap, type Model, type TenantryClient } from 'tenantry/client';
import { formatTime, ProblemBox, StatusBadge, useLoad } from '../components';

/** A metric's value as shown: 4 significant digits, row counts whole. */
function metricText(value: number | null): string {
  if (value === null) return '—';
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}

/**
 * A tenant's models: each with its kind, what it learns from, its newest version's status; open one to
 * see every version with its held-out metrics (accuracy, rmse, r2, …), status and error. Read only.
 * The platform admin reads them through the control plane (/v1/tenants/{id}/models), a tenant through
 * its data plane (/v1/models).
 */
export function ModelsPanel({ client, tenantId, mode }: { client: TenantryClient; tenantId: string; mode: 'admin' | 'tenant' }) {
  const models = useLoad(
    () => (mode === 'admin' ? unwrap(client.GET('/v1/tenants/{id}/models', { params: { path: { id: tenantId } } })) : unwrap(client.GET('/v1/models'))),
    [client, tenantId, mode],
  );
  const [open, setOpen] = useState<string | null>(null);
  const items = models.data?.items ?? [];
  const model = items.find((m) => m.name === open) ?? null;
  return (
    <section class="panel" aria-labelledby="models-heading">
      <div class="page-head">
        <h2 id="models-heading">Models</h2>
        <button type="button" class="secondary small" onClick={models.reload}>
          Refresh
        </button>
      </div>
      <ProblemBox problem={models.problem} label="Models error" />
      {models.data && items.length === 0 && <p class="muted">No models.</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table aria-label="Models">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Learns</th>
                <th scope="col">Status</th>
                <th scope="col">Versions</th>
                <th scope="col">Latest metrics</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => {
                const ready = m.versions.find((v) => v.status === 'ready');
                return (
                  <tr key={m.name} aria-selected={m.name === open} data-model={m.name}>
                    <td>
                      <button type="button" class="link" aria-label={`Versions of model ${m.name}`} onClick={() => setOpen(m.name === open ? null : m.name)}>
                        {m.name}
                      </button>
                    </td>
                    <td>{m.kind}</td>
                    <td>
                      <code>{m.collection}</code>:{' '}
                      {m.target ? `${m.features.join(', ')} → ${m.target}` : m.fields ? `${m.fields.user} × ${m.fields.item}` : '—'}
                    </td>
                    <td>
                      <StatusBadge status={m.status} />
                    </td>
                    <td>{m.versions.length}</td>
                    <td>{ready?.metrics ? <Metrics metrics={ready.metrics} only={['accuracy', 'rmse', 'r2', 'precisionAt10']} /> : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {model && <ModelVersions model={model} />}
    </section>
  );
}

function Metrics({ metrics, only }: { metrics: Record<string, number | null>; only?: string[] }) {
  const entries = Object.entries(metrics).filter(([k]) => !only || only.includes(k));
  return (
    <dl class="metrics">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{metricText(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function ModelVersions({ model }: { model: Model }) {
  return (
    <div class="model-versions" role="region" aria-label={`Model ${model.name}`}>
      <h3>
        {model.name} <span class="muted">· versions, newest first</span>
      </h3>
      <div class="table-wrap">
        <table aria-label="Model versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Metrics (held out)</th>
              <th scope="col">Created</th>
              <th scope="col">Finished</th>
            </tr>
          </thead>
          <tbody>
            {model.versions.map((v) => (
              <tr key={v.version} data-version={v.version}>
                <td>{v.version}</td>
                <td>
                  <StatusBadge status={v.status} />
                  {v.error && <div class="problem-detail">{v.error}</div>}
                </td>
                <td>{v.metrics ? <Metrics metrics={v.metrics} /> : '—'}</td>
                <td>{formatTime(v.createdAt)}</td>
                <td>{formatTime(v.finishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
