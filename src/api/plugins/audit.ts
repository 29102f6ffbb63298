import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { requestAudit } from '../../audit/context.js';
import type { PlatformAudit } from '../../audit/platform-audit.js';
import type { TenantAudit } from '../../audit/tenant-audit.js';
import { TENANT_PREFIX } from '../openapi.js';
import { tenantContext } from './tenant-auth.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: a POST that writes nothing (a prediction) is not an action to audit. */
    audit?: false;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The route as an action: `POST /v1/collections/{name}/records` (the /t/{tenant} copy named as the route itself). */
export function actionOf(request: FastifyRequest): string {
  const url = request.routeOptions.url ?? '';
  const route = url.startsWith(TENANT_PREFIX) ? url.slice(TENANT_PREFIX.length) : url;
  return `${request.method} ${route.replace(/:([A-Za-z_]+)/g, '{$1}')}`;
}

/** The path written to, without its query and without a /t/{tenant} prefix. */
export function targetOf(request: FastifyRequest): string {
  return request.url.split('?')[0]!.replace(/^\/t\/[^/]*/, '');
}

const audited = (request: FastifyRequest) => WRITES.has(request.method) && request.routeOptions.config.audit !== false;

/**
 * The data plane's audit: a write request gets its entry drafted once it is authenticated (actor: the
 * API key or the JWT subject), and the tenant scope hook (TenantAudit.hook) commits it with the first
 * scope that writes. A write that touched no tenant table — an API key made or revoked, a replayed
 * start — is recorded on its way out, in a transaction of its own (not atomic with the catalog change:
 * a failure to append is logged). A request that fails records nothing.
 */
export const dataPlaneAuditPlugin = fp<{ audit: TenantAudit }>(async (app: FastifyInstance, { audit }) => {
  app.addHook('preHandler', async (request) => {
    const store = requestAudit.getStore();
    if (!store || !request.tenantContext) return;
    const { tenant, keyId } = request.tenantContext;
    // Reads too: a read of encrypted fields is audited as its actor's (TenantAudit.encryptedRead).
    store.actor = keyId.startsWith('jwt:') ? keyId : `key:${keyId}`;
    if (!audited(request)) return;
    store.draft = {
      actor: store.actor,
      action: actionOf(request),
      target: targetOf(request),
      tenant: tenant.id,
      requestId: request.id,
      outcome: 'success',
      detail: null,
    };
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const store = requestAudit.getStore();
    if (store?.draft && !store.recorded && reply.statusCode >= 200 && reply.statusCode < 300) {
      const { tenant } = tenantContext(request);
      const { tenant: _, ...entry } = store.draft;
      try {
        await audit.append({ id: tenant.id, generation: tenant.generation }, entry);
        store.recorded = true;
      } catch (error) {
        // The write happened: the answer says so; the missing entry is an operator's matter.
        request.log.error({ err: error }, "could not append to the tenant's audit trail");
      }
    }
    return payload;
  });
});

/**
 * The control plane's audit: each write that succeeded (2xx) is appended to the platform's trail as
 * it is answered, naming the tenant concerned. Control-plane actions span the catalog and tenant
 * storage (provisioning, moves), so the entry follows the action rather than sharing its transaction;
 * a failure to append is logged, and the answer still says what happened.
 */
export const controlPlaneAuditPlugin = fp<{ platformAudit: PlatformAudit }>(async (app: FastifyInstance, { platformAudit }) => {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!audited(request) || reply.statusCode < 200 || reply.statusCode >= 300) return payload;
    const params = request.params as { id?: unknown } | undefined;
    const body = request.body as { id?: unknown } | undefined;
    const tenant = typeof params?.id === 'string' && request.url.startsWith('/v1/tenants/') ? params.id : typeof body?.id === 'string' ? body.id : null;
    try {
      await platformAudit.append({
        actor: 'admin',
        action: actionOf(request),
        target: targetOf(request),
        tenant,
        requestId: request.id,
        outcome: reply.statusCode === 202 ? 'accepted' : 'success',
        detail: { status: reply.statusCode },
      });
    } catch (error) {
      request.log.error({ err: error }, 'could not append to the platform audit trail');
    }
    return payload;
  });
});
