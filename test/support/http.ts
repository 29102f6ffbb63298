import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** What the helpers need of an app (TenantryApp, or any Fastify instance): `inject`. */
export type Injectable = Pick<FastifyInstance, 'inject'>;

/** `Authorization: Bearer <token>`, as a headers object to spread. */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/**
 * One request through `app.inject`, without a socket: `payload` is sent only when given (an object as
 * JSON, a string as it is), and `headers` exactly as given (no credential is added).
 */
export function send(app: Injectable, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined && { payload: payload as object }) });
}

/**
 * `call(token, method, url, payload?, headers?)`: a request with `Authorization: Bearer <token>` (an
 * API key, a JWT or the admin token) plus `headers`. `app` is read at each call, so the caller may be
 * made before the app is built (in `beforeAll`).
 */
export function callerWithToken(app: () => Injectable) {
  return (token: string, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
    send(app(), method, url, payload, { ...bearer(token), ...headers });
}

/**
 * `call(tenant, role, method, url, payload?, headers?)`: a request as `tenant` holding the API key of
 * `role` in `keys` (filled by issueKeys, test/support/keys.ts, usually in `beforeAll`). `app` and `keys`
 * are read at each call.
 */
export function callerAs<R extends string>(app: () => Injectable, keys: Record<string, Record<R, string>>) {
  const withToken = callerWithToken(app);
  return (tenant: string, role: R, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
    withToken(keys[tenant]![role], method, url, payload, headers);
}

/**
 * Follow `GET /v1/operations/{id}` (with the admin token) until the operation has succeeded or failed,
 * every 50 ms, at most `seconds`; resolves it as the API shows it.
 */
export async function finishedOperation(app: Injectable, adminToken: string, id: string, seconds: number): Promise<Record<string, unknown>> {
  for (let i = 0; i < seconds * 20; i++) {
    const op = (await send(app, 'GET', `/v1/operations/${id}`, undefined, bearer(adminToken))).json() as Record<string, unknown>;
    if (op.status === 'succeeded' || op.status === 'failed') return op;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`operation ${id} did not finish within ${seconds} s`);
}
