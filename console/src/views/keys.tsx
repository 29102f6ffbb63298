import { useState } from 'preact/hooks';
import { unwrap, type Body, type TenantryClient } from 'tenantry/client';
import { allPages, CopyButton, formatTime, ProblemBox, useAction, useLoad } from '../components';

type Role = 'admin' | 'member' | 'viewer';
type Created = Body<'post', '/v1/api-keys'>;

/**
 * A tenant's API keys: the list, minting and revoking. Signed in as the tenant (an admin key), through
 * the data plane (/v1/api-keys); the server refuses a weaker role (403), and the panel then shows that
 * problem instead of its controls. The platform admin goes through the control plane
 * (/v1/tenants/{id}/api-keys), for the tenant named in the path only.
 */
export function KeysPanel({ client, tenantId, mode }: { client: TenantryClient; tenantId: string; mode: 'admin' | 'tenant' }) {
  const list = useLoad(
    () =>
      allPages((cursor) =>
        mode === 'admin'
          ? unwrap(client.GET('/v1/tenants/{id}/api-keys', { params: { path: { id: tenantId }, query: { limit: 500, cursor } } }))
          : unwrap(client.GET('/v1/api-keys', { params: { query: { limit: 500, cursor } } })),
      ),
    [client, mode, tenantId],
  );
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [created, setCreated] = useState<Created | null>(null);
  const mint = useAction();
  const revoke = useAction();
  const canManage = !list.problem;

  const onMint = async (e: Event) => {
    e.preventDefault();
    const body = { name: name.trim(), role };
    const key = await mint.run(() =>
      mode === 'admin'
        ? unwrap(client.POST('/v1/tenants/{id}/api-keys', { params: { path: { id: tenantId } }, body }))
        : unwrap(client.POST('/v1/api-keys', { body })),
    );
    if (key) {
      setCreated(key);
      setName('');
      list.reload();
    }
  };

  const [confirming, setConfirming] = useState<string | null>(null);
  const onRevoke = async (id: string) => {
    const ok = await revoke.run(async () => {
      await (mode === 'admin'
        ? unwrap(client.DELETE('/v1/tenants/{id}/api-keys/{keyId}', { params: { path: { id: tenantId, keyId: id } } }))
        : unwrap(client.DELETE('/v1/api-keys/{id}', { params: { path: { id } } })));
      return true;
    });
    setConfirming(null);
    if (ok) list.reload();
  };

  return (
    <section class="panel" aria-labelledby="keys-heading">
      <h2 id="keys-heading">API keys</h2>
      <ProblemBox problem={list.problem} label="API keys error" />
      {created && (
        <div class="secret" role="status">
          <p>
            New <strong>{created.role}</strong> key “{created.name}”. Copy it now: it is shown this once.
          </p>
          <div class="secret-row">
            <code id="new-key" data-testid="new-key">
              {created.key}
            </code>
            <CopyButton text={created.key} label="Copy the new key" />
            <button type="button" class="secondary" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      {canManage && (
        <form class="inline-form" onSubmit={onMint} aria-label="Mint an API key">
          <div class="field">
            <label for="key-name">Key name</label>
            <input id="key-name" required maxLength={100} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="key-role">Role</label>
            <select id="key-role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>
              <option value="admin">admin</option>
              <option value="member">member</option>
              <option value="viewer">viewer</option>
            </select>
          </div>
          <button type="submit" disabled={mint.busy || name.trim() === ''}>
            Mint key
          </button>
        </form>
      )}
      <ProblemBox problem={mint.problem} label="Mint error" />
      <ProblemBox problem={revoke.problem} label="Revoke error" />
      {list.data && (
        <div class="table-wrap">
          <table aria-label="API keys">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Id</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((k) => (
                <tr key={k.id} data-key-id={k.id}>
                  <td>{k.name}</td>
                  <td>
                    <code>{k.id}</code>
                  </td>
                  <td>{k.role}</td>
                  <td>{formatTime(k.createdAt)}</td>
                  <td>{formatTime(k.lastUsedAt)}</td>
                  <td>
                    {confirming === k.id ? (
                      <span class="row-actions">
                        <button
                          type="button"
                          class="danger small"
                          disabled={revoke.busy}
                          aria-label={`Confirm revoking key ${k.name}`}
                          onClick={() => onRevoke(k.id)}
                        >
                          Confirm revoke
                        </button>
                        <button type="button" class="secondary small" onClick={() => setConfirming(null)}>
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button type="button" class="danger small" aria-label={`Revoke key ${k.name}`} onClick={() => setConfirming(k.id)}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
              {list.data.length === 0 && (
                <tr>
                  <td colSpan={6} class="muted">
                    No keys.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
