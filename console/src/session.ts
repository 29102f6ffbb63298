import { createClient, isProblem, TenantryApiError, type Problem, type TenantryClient } from 'tenantry/client';

/**
 * Who is signed in: the platform admin (the control plane) or a tenant's credential (an API key or a
 * JWT; the data plane, scoped to that tenant by the server). The token lives in sessionStorage only —
 * gone when the tab closes — and is sent as a bearer token; it never appears in a URL or a log.
 */
export type Session = { kind: 'admin'; token: string } | { kind: 'tenant'; token: string; tenantId: string };

const KEY = 'tenantry.console.session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Session>;
    if (value.kind === 'admin' && typeof value.token === 'string') return { kind: 'admin', token: value.token };
    if (value.kind === 'tenant' && typeof value.token === 'string' && typeof value.tenantId === 'string')
      return { kind: 'tenant', token: value.token, tenantId: value.tenantId };
  } catch {
    // Unreadable: signed out.
  }
  return null;
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

/**
 * A typed client (src/client) for this server and a token. `onUnauthorized` is called when the server
 * answers 401: the token was revoked, rotated or its tenant deleted since sign-in.
 */
export function clientFor(token: string, options: { tenant?: string; onUnauthorized?: () => void } = {}): TenantryClient {
  const { tenant, onUnauthorized } = options;
  const client = createClient({ baseUrl: window.location.origin, token, ...(tenant !== undefined && { tenant }) });
  if (onUnauthorized)
    client.use({
      onResponse({ response }) {
        if (response.status === 401) onUnauthorized();
        return undefined;
      },
    });
  return client;
}

/** What a failed call shows: the problem's title and detail (RFC 9457), and the field errors of a 400. */
export interface ShownProblem {
  title: string;
  detail: string;
  status?: number;
  code?: string;
  errors?: Problem['errors'];
}

/** Any error, as something to show: problem details when the server sent them. */
export function toProblem(error: unknown): ShownProblem {
  if (error instanceof TenantryApiError) {
    const p = error.problem;
    if (p) return { title: p.title, detail: p.detail, status: p.status, code: p.code, errors: p.errors };
    return { title: `HTTP ${error.status}`, detail: error.response.statusText || 'The server answered with an error.', status: error.status };
  }
  if (isProblem(error)) return { title: error.title, detail: error.detail, status: error.status, code: error.code, errors: error.errors };
  if (error instanceof TypeError) return { title: 'Cannot reach the server', detail: error.message };
  return { title: 'Something went wrong', detail: error instanceof Error ? error.message : String(error) };
}

/** A tenant credential: an API key (tnty_…) or a JWT (three base64url parts). */
export function looksLikeTenantCredential(token: string): boolean {
  return token.startsWith('tnty_') || /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}
