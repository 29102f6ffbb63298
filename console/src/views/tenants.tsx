import { useMemo, useState } from 'preact/hooks';
import { unwrap, type Tenant, type TenantryClient } from 'tenantry/client';
import { allPages, ProblemBox, StatusBadge, useAction, useLoad } from '../components';
import { navigate } from '../router';

export const TIERS = ['free', 'pro', 'enterprise'] as const satisfies readonly Tenant['tier'][];
export const ISOLATIONS = ['pooled', 'schema', 'database'] as const satisfies readonly Tenant['isolation'][];
const STATUSES = ['provisioning', 'active', 'suspended', 'deleting'] as const satisfies readonly Tenant['status'][];

/** API.md: a tenant id is 3–40 lowercase letters, digits and -, starting with a letter. */
export const TENANT_ID = /^[a-z][a-z0-9-]{2,39}$/;

/** Why an id would be refused, as it is typed (null: fine). */
export function tenantIdProblem(id: string): string | null {
  if (id === '') return null;
  if (!/^[a-z]/.test(id)) return 'Starts with a lowercase letter.';
  if (/[^a-z0-9-]/.test(id)) return 'Only lowercase letters, digits and - .';
  if (id.length < 3) return 'At least 3 characters.';
  if (id.length > 40) return 'At most 40 characters.';
  return null;
}

export function loadTenants(client: TenantryClient): Promise<Tenant[]> {
  return allPages((cursor) => unwrap(client.GET('/v1/tenants', { params: { query: { limit: 500, cursor } } })));
}

function countBy<T extends string>(tenants: Tenant[], key: (t: Tenant) => T): Array<[T, number]> {
  const counts = new Map<T, number>();
  for (const t of tenants) counts.set(key(t), (counts.get(key(t)) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0].localeCompare(b[0]));
}

/** The platform admin's tenants: counts, a filtered table, and the form to create one. */
export function TenantsView({ client }: { client: TenantryClient }) {
  const tenants = useLoad(() => loadTenants(client), [client]);
  const [search, setSearch] = useState('');
  const [tier, setTier] = useState('');
  const [isolation, setIsolation] = useState('');
  const [status, setStatus] = useState('');
  const [cluster, setCluster] = useState('');
  const all = tenants.data ?? [];
  const clusters = useMemo(() => [...new Set(['main', ...all.map((t) => t.cluster)])].sort(), [all]);
  const needle = search.trim().toLowerCase();
  const shown = all.filter(
    (t) =>
      (!needle || t.id.includes(needle) || t.name.toLowerCase().includes(needle)) &&
      (!tier || t.tier === tier) &&
      (!isolation || t.isolation === isolation) &&
      (!status || t.status === status) &&
      (!cluster || t.cluster === cluster),
  );

  return (
    <main class="page">
      <div class="page-head">
        <h1>Tenants</h1>
        <button type="button" class="secondary" onClick={tenants.reload}>
          Refresh
        </button>
      </div>
      <ProblemBox problem={tenants.problem} label="Tenants error" />
      <section class="summary" aria-label="Tenant counts">
        <div class="stat">
          <span class="stat-value" data-testid="count-total">
            {all.length}
          </span>
          <span class="stat-label">tenants</span>
        </div>
        <dl class="counts" aria-label="By isolation">
          <dt>By isolation</dt>
          {countBy(all, (t) => t.isolation).map(([k, n]) => (
            <dd key={k}>
              {k} <strong>{n}</strong>
            </dd>
          ))}
        </dl>
        <dl class="counts" aria-label="By cluster">
          <dt>By cluster</dt>
          {countBy(all, (t) => t.cluster).map(([k, n]) => (
            <dd key={k}>
              {k} <strong>{n}</strong>
            </dd>
          ))}
        </dl>
      </section>

      <CreateTenant client={client} clusters={clusters} />

      <section class="panel" aria-labelledby="list-heading">
        <h2 id="list-heading">All tenants</h2>
        <div class="filters" role="search">
          <div class="field">
            <label for="search">Search</label>
            <input id="search" type="search" placeholder="id or name" value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
          </div>
          <Filter id="filter-tier" label="Tier" value={tier} onChange={setTier} options={TIERS} />
          <Filter id="filter-isolation" label="Isolation" value={isolation} onChange={setIsolation} options={ISOLATIONS} />
          <Filter id="filter-status" label="Status" value={status} onChange={setStatus} options={STATUSES} />
          <Filter id="filter-cluster" label="Cluster" value={cluster} onChange={setCluster} options={clusters} />
        </div>
        <div class="table-wrap">
          <table aria-label="Tenants">
            <thead>
              <tr>
                <th scope="col">Id</th>
                <th scope="col">Name</th>
                <th scope="col">Tier</th>
                <th scope="col">Isolation</th>
                <th scope="col">Cluster</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((t) => (
                <tr key={t.id} data-tenant={t.id}>
                  <td>
                    <a href={`#/tenants/${encodeURIComponent(t.id)}`}>{t.id}</a>
                  </td>
                  <td>{t.name}</td>
                  <td>{t.tier}</td>
                  <td>{t.isolation}</td>
                  <td>{t.cluster}</td>
                  <td>
                    <StatusBadge status={t.status} />
                  </td>
                </tr>
              ))}
              {!tenants.loading && shown.length === 0 && (
                <tr>
                  <td colSpan={6} class="muted">
                    {all.length === 0 ? 'No tenants yet: create one above.' : 'No tenant matches these filters.'}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <p class="muted" aria-live="polite">
          {shown.length} of {all.length} shown
        </p>
      </section>
    </main>
  );
}

function Filter(props: { id: string; label: string; value: string; onChange: (v: string) => void; options: readonly string[] }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        <option value="">any</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

function CreateTenant({ client, clusters }: { client: TenantryClient; clusters: string[] }) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [tier, setTier] = useState<Tenant['tier']>('free');
  const [isolation, setIsolation] = useState<Tenant['isolation']>('pooled');
  const [cluster, setCluster] = useState('');
  const action = useAction();
  const idProblem = tenantIdProblem(id);
  const valid = TENANT_ID.test(id) && name.trim() !== '';

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const created = await action.run(() =>
      unwrap(client.POST('/v1/tenants', { body: { id, name: name.trim(), tier, isolation, ...(cluster.trim() && { cluster: cluster.trim() }) } })),
    );
    if (created) navigate(`/tenants/${created.id}`);
  };

  return (
    <section class="panel" aria-labelledby="create-heading">
      <h2 id="create-heading">Create a tenant</h2>
      <form class="grid-form" onSubmit={onSubmit} aria-label="Create a tenant">
        <div class="field">
          <label for="new-id">Id</label>
          <input
            id="new-id"
            required
            autocomplete="off"
            value={id}
            aria-invalid={idProblem !== null}
            aria-describedby="new-id-help"
            onInput={(e) => setId((e.target as HTMLInputElement).value)}
          />
          <div id="new-id-help" class={idProblem ? 'field-error' : 'hint'} aria-live="polite">
            {idProblem ?? '3–40 lowercase letters, digits and -, starting with a letter.'}
          </div>
        </div>
        <div class="field">
          <label for="new-name">Name</label>
          <input id="new-name" required maxLength={200} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="new-tier">Tier</label>
          <select id="new-tier" value={tier} onChange={(e) => setTier((e.target as HTMLSelectElement).value as Tenant['tier'])}>
            {TIERS.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="new-isolation">Isolation</label>
          <select id="new-isolation" value={isolation} onChange={(e) => setIsolation((e.target as HTMLSelectElement).value as Tenant['isolation'])}>
            {ISOLATIONS.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="new-cluster">Cluster</label>
          <input id="new-cluster" list="clusters" placeholder="default" value={cluster} onInput={(e) => setCluster((e.target as HTMLInputElement).value)} />
          <datalist id="clusters">
            {clusters.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
        <div class="field field-submit">
          <button type="submit" disabled={!valid || action.busy}>
            {action.busy ? 'Creating…' : 'Create tenant'}
          </button>
        </div>
      </form>
      <ProblemBox problem={action.problem} label="Create error" />
    </section>
  );
}
