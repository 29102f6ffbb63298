import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { TenantScopeRequiredError } from '../../errors.js';
import type { Role } from '../../tenancy/catalog.js';
import type { CostAttribution } from '../../usage/costs.js';
import { shedCheck, type LoadShedder } from '../load-shedding.js';
import { TenantResolver, type CredentialRequest, type TenantContext, type TenantResolverOptions } from '../tenant-resolution.js';

export { hostName, type TenantContext } from '../tenant-resolution.js';

declare module 'fastify' {
  interface FastifyRequest {
    tenantContext: TenantContext | null;
  }
  interface FastifyContextConfig {
    /** The weakest role allowed on the route (viewer < member < admin). */
    minRole?: Role;
  }
}

/** The request's verified tenant; throws (fail loudly) if the auth hook has not run for it. */
export function tenantContext(request: FastifyRequest): TenantContext {
  if (!request.tenantContext) throw new TenantScopeRequiredError('data-plane route');
  return request.tenantContext;
}

export type TenantAuthOptions = TenantResolverOptions & {
  /** Where a request's CPU time is attributed to its tenant (src/usage/costs.ts), while it is in flight. */
  costs?: CostAttribution;
  /** Load shedding (load-shedding.ts), checked before the rate limit takes a token; none when absent. */
  shedder?: LoadShedder;
  /** Told of each request shed (metrics). */
  onShed?: (tenant: { tier: string }) => void;
};

/**
 * The one authentication and tenant-resolution hook for the data plane: registered once on the
 * encapsulated data-plane plugin, so no tenant route can forget it. The rules are TenantResolver's.
 */
export const tenantAuthPlugin = fp<TenantAuthOptions>(async (app: FastifyInstance, options) => {
  const resolver = new TenantResolver(options);
  const { costs, shedder, onShed } = options;
  app.decorateRequest('tenantContext', null);
  app.addHook('onRequest', async (request, reply) => {
    const credentialRequest: CredentialRequest = {
      ip: request.ip,
      url: request.url,
      headers: request.headers,
      pathTenant: (request.params as { tenant?: string } | undefined)?.tenant,
    };
    request.tenantContext = await resolver.resolve(
      credentialRequest,
      reply,
      request.routeOptions.config.minRole ?? 'admin',
      (tenant, keyId) => {
        // Every later line of this request says whose it is (the key id or `jwt:<subject>`, never the credential).
        request.log = reply.log = request.log.child({ tenant: tenant.id, keyId });
        request.verifiedTenant = { id: tenant.id, tier: tenant.tier };
        // In flight for the tenant's CPU share until the response is done or its connection dropped
        // ('close' comes either way; onResponse does not when the client went away first).
        if (costs) {
          const cost = costs.begin(tenant.id);
          reply.raw.once('close', () => cost.end());
        }
      },
      shedder && shedCheck(shedder, request, reply, onShed),
    );
  });
});
