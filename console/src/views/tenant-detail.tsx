import { useState } from 'preact/hooks';
import { unwrap, type Tenant, type TenantryClient } from 'tenantry/client';
import {
  formatTime,
  jsonProblem,
  JsonField,
  OperationProgress,
  ProblemBox,
  StatusBadge,
  useAction,
  useLoad,
  useOperation,
  type Operation,
} from '../components';
import { navigate } from '../router';
import type { ShownProblem } from '../session';
import { AuditPanel } from './audit';
import { KeysPanel } from './keys';
import { ISOLATIONS } from './tenants';
import { ModelsPanel } from './models';
import { UsagePanel } from './usage';
import { WorkflowsPanel } from './workflows';

/**
 * The platform admin's view of one tenant: lifecycle, move, settings and limits, keys, usage, models,
 * workflow runs, audit, operations.
 */
export function TenantDetail({ client, id }: { client: TenantryClient; id: string }) {
  const tenant = useLoad(() => unwrap(client.GET('/v1/tenants/{id}', { params: { path: { id } } })), [client, id]);
  const t = tenant.data;
  return (
    <main class="page">
      <p class="crumbs">
        <a href="#/tenants">Tenants</a> / <span>{id}</span>
      </p>
      <ProblemBox problem={tenant.problem} label="Tenant error" />
      {t && (
        <>
          <div class="page-head">
            <h1>
              {t.name} <span class="muted">({t.id})</span>
            </h1>
            <StatusBadge status={t.status} />
          </div>
          <dl class="facts" aria-label="Tenant facts">
            <div>
              <dt>Tier</dt>
              <dd>{t.tier}</dd>
            </div>
            <div>
              <dt>Isolation</dt>
              <dd data-testid="isolation">{t.isolation}</dd>
            </div>
            <div>
              <dt>Cluster</dt>
              <dd>{t.cluster}</dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{formatTime(t.createdAt)}</dd>
            </div>
          </dl>
          <Lifecycle client={client} tenant={t} onChange={tenant.reload} />
          <MovePanel client={client} tenant={t} onDone={tenant.reload} />
          <SettingsEditor client={client} tenant={t} onSaved={tenant.reload} />
          <KeysPanel client={client} tenantId={t.id} mode="admin" />
          <UsagePanel client={client} tenantId={t.id} mode="admin" />
          <ModelsPanel client={client} tenantId={t.id} mode="admin" />
          <WorkflowsPanel client={client} tenantId={t.id} />
          <AuditPanel client={client} tenantId={t.id} mode="admin" />
          <TenantOperations client={client} tenantId={t.id} />
          <DeletePanel client={client} tenant={t} />
        </>
      )}
    </main>
  );
}

function Lifecycle({ client, tenant, onChange }: { client: TenantryClient; tenant: Tenant; onChange: () => void }) {
  const action = useAction();
  const change = async (to: 'suspend' | 'resume') => {
    const done = await action.run(() =>
      to === 'suspend'
        ? unwrap(client.POST('/v1/tenants/{id}/suspend', { params: { path: { id: tenant.id } } }))
        : unwrap(client.POST('/v1/tenants/{id}/resume', { params: { path: { id: tenant.id } } })),
    );
    if (done) onChange();
  };
  return (
    <section class="panel" aria-labelledby="lifecycle-heading">
      <h2 id="lifecycle-heading">Lifecycle</h2>
      <p class="muted">A suspended tenant's data plane answers 403 tenant_suspended; its data stays.</p>
      <div class="actions">
        {tenant.status === 'suspended' ? (
          <button type="button" disabled={action.busy} onClick={() => change('resume')}>
            Resume
          </button>
        ) : (
          <button type="button" class="warning" disabled={action.busy || tenant.status !== 'active'} onClick={() => change('suspend')}>
            Suspend
          </button>
        )}
      </div>
      <ProblemBox problem={action.problem} label="Lifecycle error" />
    </section>
  );
}

function MovePanel({ client, tenant, onDone }: { client: TenantryClient; tenant: Tenant; onDone: () => void }) {
  const [isolation, setIsolation] = useState<Tenant['isolation']>(ISOLATIONS.find((i) => i !== tenant.isolation) ?? 'schema');
  const [cluster, setCluster] = useState('');
  const [opId, setOpId] = useState<string | null>(null);
  const action = useAction();
  const followed = useOperation(client, opId, onDone);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const op = await action.run(() =>
      unwrap(
        client.POST('/v1/tenants/{id}/move', {
          params: { path: { id: tenant.id } },
          body: { isolation, ...(cluster.trim() && { cluster: cluster.trim() }) },
        }),
      ),
    );
    if (op) setOpId(op.id);
  };

  return (
    <section class="panel" aria-labelledby="move-heading">
      <h2 id="move-heading">Move</h2>
      <p class="muted">Online: the tenant keeps working while its data is copied to another strategy or cluster, then verified.</p>
      <form class="inline-form" onSubmit={onSubmit} aria-label="Move the tenant">
        <div class="field">
          <label for="move-isolation">To isolation</label>
          <select id="move-isolation" value={isolation} onChange={(e) => setIsolation((e.target as HTMLSelectElement).value as Tenant['isolation'])}>
            {ISOLATIONS.map((i) => (
              <option key={i}>{i}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="move-cluster">To cluster</label>
          <input id="move-cluster" placeholder={tenant.cluster} value={cluster} onInput={(e) => setCluster((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" disabled={action.busy || (opId !== null && followed.op?.status !== 'succeeded' && followed.op?.status !== 'failed')}>
          Start move
        </button>
      </form>
      <ProblemBox problem={action.problem ?? followed.problem} label="Move error" />
      {followed.op && <OperationProgress op={followed.op} label="Move" />}
    </section>
  );
}

/**
 * The server's errors about one body property: those whose pointer is in it (/limits/…, as the schema
 * checks name them), or, without a pointer, whose message names it (the plan's checks: "limits.x is not a limit").
 */
function errorsFor(problem: ShownProblem | null, property: string): string[] {
  return (problem?.errors ?? [])
    .filter((e) => {
      const pointer = e.pointer.replace(/^\/body/, '');
      return pointer ? pointer.split('/')[1] === property : e.message.startsWith(`${property}.`);
    })
    .map((e) => (e.pointer ? `${e.pointer.replace(/^\/body/, '')}: ${e.message}` : e.message));
}

function SettingsEditor({ client, tenant, onSaved }: { client: TenantryClient; tenant: Tenant; onSaved: () => void }) {
  const [settings, setSettings] = useState(() => JSON.stringify(tenant.settings, null, 2));
  const [limits, setLimits] = useState(() => JSON.stringify(tenant.limits, null, 2));
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const invalid = jsonProblem(settings) !== null || jsonProblem(limits) !== null;

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const body = {
      settings: JSON.parse(settings) as Record<string, unknown>, // Not checked here beyond being an object: the server names every wrong limit (a 400 with pointers), shown under the field.
      limits: JSON.parse(limits) as Record<string, number>,
    };
    const updated = await action.run(() => unwrap(client.PATCH('/v1/tenants/{id}', { params: { path: { id: tenant.id } }, body })));
    if (updated) {
      setSaved(true);
      onSaved();
    }
  };
  const settingsErrors = errorsFor(action.problem, 'settings');
  const limitsErrors = errorsFor(action.problem, 'limits');
  const placed = settingsErrors.length + limitsErrors.length;

  return (
    <section class="panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings and limits</h2>
      <form onSubmit={onSubmit} aria-label="Settings and limits">
        <div class="two-columns">
          <JsonField
            id="settings-json"
            label="Settings (JSON)"
            value={settings}
            onInput={(v) => {
              setSettings(v);
              setSaved(false);
            }}
            serverErrors={settingsErrors}
            hint="Free-form: feature flags, branding, defaults."
          />
          <JsonField
            id="limits-json"
            label="Limits (JSON)"
            value={limits}
            onInput={(v) => {
              setLimits(v);
              setSaved(false);
            }}
            serverErrors={limitsErrors}
            hint='Overrides of the tier&apos;s plan, e.g. { "requestsPerMinute": 1200 }.'
          />
        </div>
        {/* The problem's title and detail; its field errors are shown under the fields they concern. */}
        <ProblemBox problem={action.problem && (placed > 0 ? { ...action.problem, errors: [] } : action.problem)} label="Settings error" />
        <div class="actions">
          <button type="submit" disabled={invalid || action.busy}>
            Save settings and limits
          </button>
          {saved && (
            <span class="ok" role="status">
              Saved.
            </span>
          )}
        </div>
      </form>
    </section>
  );
}

function TenantOperations({ client, tenantId }: { client: TenantryClient; tenantId: string }) {
  const ops = useLoad(() => unwrap(client.GET('/v1/operations', { params: { query: { tenant: tenantId, limit: 10 } } })), [client, tenantId]);
  return (
    <section class="panel" aria-labelledby="tenant-ops-heading">
      <div class="page-head">
        <h2 id="tenant-ops-heading">Recent operations</h2>
        <button type="button" class="secondary small" onClick={ops.reload}>
          Refresh
        </button>
      </div>
      <ProblemBox problem={ops.problem} />
      <OperationTable ops={ops.data?.items ?? []} />
    </section>
  );
}

export function OperationTable({ ops }: { ops: Operation[] }) {
  if (ops.length === 0) return <p class="muted">None.</p>;
  return (
    <div class="table-wrap">
      <table aria-label="Operations">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Tenant</th>
            <th scope="col">Status</th>
            <th scope="col">Step</th>
            <th scope="col">Progress</th>
            <th scope="col">Started</th>
            <th scope="col">Finished</th>
          </tr>
        </thead>
        <tbody>
          {ops.map((op) => (
            <tr key={op.id}>
              <td>{op.kind}</td>
              <td>{op.tenantId ?? '—'}</td>
              <td>
                <StatusBadge status={op.status} />
                {op.error && <div class="problem-detail">{op.error}</div>}
              </td>
              <td>{op.step ?? '—'}</td>
              <td>
                {op.progress.done}
                {op.progress.total !== null && ` / ${op.progress.total}`}
              </td>
              <td>{formatTime(op.startedAt)}</td>
              <td>{formatTime(op.finishedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DeletePanel({ client, tenant }: { client: TenantryClient; tenant: Tenant }) {
  const [typed, setTyped] = useState('');
  const [opId, setOpId] = useState<string | null>(null);
  const action = useAction();
  const followed = useOperation(client, opId, (op) => {
    if (op.status === 'succeeded') navigate('/tenants');
  });
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (typed !== tenant.id) return;
    const op = await action.run(() => unwrap(client.DELETE('/v1/tenants/{id}', { params: { path: { id: tenant.id } } })));
    if (op) setOpId(op.id);
  };
  return (
    <section class="panel danger-zone" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete</h2>
      <p>
        Deleting shreds the tenant's keys and drops its data for good. Type <code>{tenant.id}</code> to confirm.
      </p>
      <form class="inline-form" onSubmit={onSubmit} aria-label="Delete the tenant">
        <div class="field">
          <label for="delete-confirm">Tenant id</label>
          <input id="delete-confirm" autocomplete="off" value={typed} onInput={(e) => setTyped((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="danger" disabled={typed !== tenant.id || action.busy || opId !== null}>
          Delete tenant
        </button>
      </form>
      <ProblemBox problem={action.problem ?? followed.problem} label="Delete error" />
      {followed.op && <OperationProgress op={followed.op} label="Deletion" />}
    </section>
  );
}
