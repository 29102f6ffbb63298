import { useState } from 'preact/hooks';
import { unwrap } from 'tenantry/client';
import { ProblemBox, useAction } from '../components';
import { clientFor, looksLikeTenantCredential, type Session } from '../session';

/**
 * Sign in with the platform admin token (the control plane) or a tenant's admin API key or JWT (its own
 * tenant only). The token is checked by a call with it before it is kept (in sessionStorage).
 */
export function SignIn({ onSignIn, notice }: { onSignIn: (session: Session) => void; notice?: string | null }) {
  const [token, setToken] = useState('');
  const [kind, setKind] = useState<'admin' | 'tenant'>('admin');
  const [touchedKind, setTouchedKind] = useState(false);
  const action = useAction();

  const onInput = (value: string) => {
    setToken(value);
    // A tnty_ key or a JWT is a tenant's, unless the operator chose otherwise.
    if (!touchedKind) setKind(looksLikeTenantCredential(value.trim()) ? 'tenant' : 'admin');
  };

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const secret = token.trim();
    const session = await action.run<Session>(async () => {
      const client = clientFor(secret);
      if (kind === 'admin') {
        await unwrap(client.GET('/v1/tenants', { params: { query: { limit: 1 } } }));
        return { kind: 'admin', token: secret };
      }
      const own = await unwrap(client.GET('/v1/tenant'));
      return { kind: 'tenant', token: secret, tenantId: own.id };
    });
    if (session) {
      setToken('');
      onSignIn(session);
    }
  };

  return (
    <main class="sign-in">
      <form class="card" onSubmit={onSubmit} aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">Tenantry console</h1>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <fieldset>
          <legend>Sign in as</legend>
          <label class="choice">
            <input
              type="radio"
              name="kind"
              value="admin"
              checked={kind === 'admin'}
              onChange={() => {
                setKind('admin');
                setTouchedKind(true);
              }}
            />
            Platform admin
          </label>
          <label class="choice">
            <input
              type="radio"
              name="kind"
              value="tenant"
              checked={kind === 'tenant'}
              onChange={() => {
                setKind('tenant');
                setTouchedKind(true);
              }}
            />
            Tenant (API key or JWT)
          </label>
        </fieldset>
        <div class="field">
          <label for="token">{kind === 'admin' ? 'Admin token' : 'Tenant API key or JWT'}</label>
          <input
            id="token"
            type="password"
            autocomplete="off"
            required
            value={token}
            onInput={(e) => onInput((e.target as HTMLInputElement).value)}
            aria-describedby="token-hint"
          />
          <div id="token-hint" class="hint">
            {kind === 'admin'
              ? 'TENANTRY_ADMIN_TOKEN, or the token the embedded server printed on its first start.'
              : 'A tnty_… key of the tenant (an admin key manages keys and settings).'}{' '}
            Kept in this tab's session storage only.
          </div>
        </div>
        <ProblemBox problem={action.problem} label="Sign-in error" />
        <button type="submit" disabled={action.busy || token.trim() === ''}>
          {action.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
