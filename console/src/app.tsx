import { useMemo, useState } from 'preact/hooks';
import { clientFor, loadSession, saveSession, type Session } from './session';
import { navigate, usePath } from './router';
import { OperationsView } from './views/operations';
import { OwnTenantView } from './views/own-tenant';
import { SignIn } from './views/sign-in';
import { TenantDetail } from './views/tenant-detail';
import { TENANT_ID, TenantsView } from './views/tenants';

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const path = usePath();
  const [notice, setNotice] = useState<string | null>(null);
  const client = useMemo(
    () =>
      session
        ? clientFor(session.token, {
            tenant: session.kind === 'tenant' ? session.tenantId : undefined,
            // The token stopped working (revoked, rotated, its tenant deleted): back to the sign-in form.
            onUnauthorized: () => {
              saveSession(null);
              setSession(null);
              setNotice('Signed out: the server no longer accepts this token (401). Sign in again.');
            },
          })
        : null,
    [session],
  );

  const signIn = (next: Session) => {
    setNotice(null);
    saveSession(next);
    setSession(next);
    navigate(next.kind === 'admin' ? '/tenants' : '/tenant');
  };
  const signOut = () => {
    saveSession(null);
    setSession(null);
    navigate('/');
  };

  if (!session || !client) return <SignIn onSignIn={signIn} notice={notice} />;

  const links =
    session.kind === 'admin'
      ? [
          { href: '/tenants', label: 'Tenants' },
          { href: '/platform', label: 'Platform' },
        ]
      : [{ href: '/tenant', label: 'My tenant' }];

  let view;
  // Only a tenant id's shape opens a tenant ('.' or '..' would turn the API path into another route).
  const tenantMatch = /^\/tenants\/([^/]+)$/.exec(path);
  const tenantId = tenantMatch && decoded(tenantMatch[1]!);
  if (session.kind === 'tenant') view = <OwnTenantView client={client} />;
  else if (tenantId && TENANT_ID.test(tenantId)) view = <TenantDetail client={client} id={tenantId} />;
  else if (path === '/platform' || path === '/operations') view = <OperationsView client={client} />;
  else view = <TenantsView client={client} />;

  return (
    <div class="shell">
      <header class="topbar">
        <a class="brand" href={session.kind === 'admin' ? '#/tenants' : '#/tenant'}>
          Tenantry
        </a>
        <nav aria-label="Main">
          {links.map((l) => (
            <a
              key={l.href}
              href={`#${l.href}`}
              aria-current={path.startsWith(l.href) || (l.href === '/platform' && path === '/operations') ? 'page' : undefined}
            >
              {l.label}
            </a>
          ))}
        </nav>
        <span class="who" data-testid="who">
          {session.kind === 'admin' ? 'Platform admin' : `Tenant ${session.tenantId}`}
        </span>
        <button type="button" class="secondary small" onClick={signOut}>
          Sign out
        </button>
      </header>
      {view}
    </div>
  );
}

/** A path segment decoded, or null when it is not valid percent-encoding. */
function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
